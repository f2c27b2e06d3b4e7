package dev.dvg.bench.train;

import java.lang.management.ManagementFactory;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One training step — forward + backward + the model's optimiser update — of a reference model on
 * the model's own training data ({@link BenchModels}), David or DL4J ({@link Engines}), in steps/s;
 * examples/s = steps/s · N. Both engines start from the same parameters (David's seeded init).
 *
 * <p>The timed method does nothing but the engine's call: the batches are prepared in each engine's
 * own memory at setup, and the parameters are put back in place (no allocation) before every
 * iteration so long runs do not drift.
 *
 * <p><b>The training set, not one batch.</b> Each step takes the next N examples of the training
 * set, in order, as an epoch of training does ({@link BenchModels#batches}). Until 2026-12-07 every
 * step re-used the first N examples, and a 1-s iteration (about 1,000 steps at batch 32) over-fitted
 * them: mnist-mlp256 at batch 32 reached a loss of 4e−5 by step 400 and 43 % of its W1 gradient was
 * float subnormal by step 1,000, whose arithmetic runs in microcode. David's median step rose from
 * 0.6 to 1.4–2 ms over the iteration; what a step costs on such values is not what it costs in
 * training. Both engines get the same batches in the same order.
 *
 * <p><b>Warm-up in steps.</b> Before JMH's own (timed) warm-up iterations, the trial setup runs
 * {@value #WARMUP_STEPS} steps, or as many as fit in {@value #WARMUP_MAX_SECONDS} s. HotSpot moves
 * a method to C2 after counting its calls and loop back-edges, not after some time, and until then
 * David's Vector-API code runs boxed: mnist-lenet's Adam update ({@code Updates.adam}, called 6
 * times per step) stays in C1, allocating 851,488 B per step, for its first 127–276 steps at any
 * batch size (measured). At batch 512 that is 5–14 s, longer than a few timed warm-up iterations, and
 * it is what JMH reported as 0.4–0.8 MB/op. Likewise digits20-mlp25 at 512: the backward pass of
 * its output layer allocates 1.28 MB per step for its first ~280–430 steps, ending when
 * {@code Gemm.kernel}'s C2 compile is installed (the exact method is not pinned down: lowering that
 * method's compile threshold alone did not shorten it). Both engines get the same warm-up.
 *
 * <p><b>Allocation.</b> {@code -prof gc}'s {@code gc.alloc.rate.norm} counts every thread of the JVM,
 * the harness's included: about 6 KB per iteration (a {@code Thread.sleep} benchmark shows 1.6 KB/op
 * at 1 op/s), which a step that runs once a second cannot hide. {@link EngineAlloc} counts only the
 * engine's own threads — the caller and David's kernel workers, over every step of the iteration —
 * and reports their bytes and the steps; their ratio is the engine's allocation per step.
 *
 * <p>{@code batch=full} (moons 900, digits20 5000, mnist-mlp256 60000) is set by {@code dvg bench}
 * for the models that have one; mnist-mlp256 full is ≈ 49 GFLOP per step (heap: {@code -Xmx6g}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx6g"})
public class TrainStepBench extends EngineBench {

    /** Steps run at trial setup, before JMH's warm-up (see the class doc). */
    public static final int WARMUP_STEPS = 500;
    /** ... unless they take longer than this (mnist-mlp256 full batch: ~1 s per step). */
    public static final double WARMUP_MAX_SECONDS = 20;
    /** Name of the secondary result with the engine threads' bytes (sum over iterations). */
    public static final String ENGINE_ALLOC_BYTES = "engineAllocBytes";
    /** Name of the secondary result with the steps those bytes were counted over. */
    public static final String ENGINE_STEPS = "engineSteps";

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    @Param({"32", "128", "512"})
    public String batch;

    @Override
    String batchLabel() {
        return batch;
    }

    @Override
    boolean streamBatches() {
        return true;
    }

    @Override
    void warmUp() {
        long t0 = System.nanoTime();
        long deadline = t0 + (long) (WARMUP_MAX_SECONDS * 1e9);
        int steps = 0;
        while (steps < WARMUP_STEPS && System.nanoTime() < deadline) {
            e.trainStep();
            steps++;
        }
        e.restoreParams();
        System.out.printf(Locale.ROOT, "# warm-up: %d steps in %.1f s%n", steps, (System.nanoTime() - t0) / 1e9);
    }

    @Setup(Level.Iteration)
    public void restore() {
        e.restoreParams();
    }

    @Benchmark
    public double step(EngineAlloc alloc) {
        alloc.engineSteps++;
        return e.trainStep();
    }

    /**
     * Bytes allocated by the engine's threads during one iteration ({@code engineAllocBytes}) and the
     * steps run in it ({@code engineSteps}), from HotSpot's per-thread allocation counters: the
     * benchmark thread (the engine's caller) and {@link Engines#workerThreadIds()}. JMH sums both over
     * the measurement iterations. The counters are read so that the reading itself (which may
     * allocate on the caller) falls outside the counted span: workers then caller at the start,
     * caller then workers at the end.
     */
    @AuxCounters(AuxCounters.Type.EVENTS)
    @State(Scope.Thread)
    public static class EngineAlloc {
        public long engineAllocBytes;
        public long engineSteps;
        private long[] workers;
        private long workers0;
        private long caller0;

        @Setup(Level.Iteration)
        public void start(TrainStepBench bench) {
            workers = bench.e.workerThreadIds();
            workers0 = allocated(workers);
            caller0 = THREADS.getCurrentThreadAllocatedBytes();
        }

        @TearDown(Level.Iteration)
        public void stop() {
            long caller = THREADS.getCurrentThreadAllocatedBytes() - caller0;
            engineAllocBytes = caller + allocated(workers) - workers0;
        }

        private static long allocated(long[] ids) {
            long sum = 0;
            for (long id : ids) {
                sum += Math.max(0, THREADS.getThreadAllocatedBytes(id));
            }
            return sum;
        }
    }
}
