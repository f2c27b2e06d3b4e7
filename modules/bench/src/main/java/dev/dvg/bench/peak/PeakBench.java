package dev.dvg.bench.peak;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
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
 * The machine's measured FP32 peak: {@code threads} threads each run {@link #ITERS} rounds of
 * {@link #ACC} independent fused multiply-adds on {@code FloatVector.SPECIES_PREFERRED} registers
 * (independent accumulators hide the FMA latency; nothing touches memory). One op = one call;
 * GFLOP/s = ops/s · {@link #flopsPerOp}(threads) / 1e9. Kernel GFLOP/s are stated as a % of this
 * at the same thread count.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class PeakBench {

    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    /** Independent accumulators per thread (≥ FMA latency × FMA units, 4 × 2 on AVX-512 cores). */
    public static final int ACC = 12;
    /** Rounds per call and thread. */
    public static final int ITERS = 100_000;

    @Param({"1", "2"})
    public int threads;

    ExecutorService pool;

    /** FLOPs of one call: threads × rounds × accumulators × lanes × 2. */
    public static double flopsPerOp(int threads) {
        return 2.0 * threads * ITERS * ACC * S.length();
    }

    @Setup(Level.Trial)
    public void setUp() {
        pool = Executors.newFixedThreadPool(Math.max(1, threads - 1), r -> {
            Thread t = new Thread(r, "peak-fma");
            t.setDaemon(true);
            return t;
        });
        // compile loop() on every thread before JMH's warm-up: until C2 has it, the Vector API runs its
        // boxed fallback (seconds per call), and a pool thread stuck there made the 2-thread peak ~1 GFLOP/s
        long until = System.nanoTime() + 5_000_000_000L;
        for (int i = 0; i < 300 && System.nanoTime() < until; i++) {
            try {
                fma();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        pool.shutdownNow();
    }

    @Benchmark
    public float fma() throws Exception {
        @SuppressWarnings("unchecked")
        Future<Float>[] others = new Future[threads - 1];
        for (int i = 0; i < others.length; i++) {
            others[i] = pool.submit(() -> loop(1.0001f));
        }
        float sum = loop(0.9999f);
        for (Future<Float> f : others) {
            sum += f.get();
        }
        return sum;
    }

    /** ITERS rounds of ACC independent a = a·m + c. */
    static float loop(float m) {
        FloatVector mul = FloatVector.broadcast(S, m);
        FloatVector add = FloatVector.broadcast(S, 1e-6f);
        FloatVector a0 = FloatVector.broadcast(S, 0.1f);
        FloatVector a1 = FloatVector.broadcast(S, 0.2f);
        FloatVector a2 = FloatVector.broadcast(S, 0.3f);
        FloatVector a3 = FloatVector.broadcast(S, 0.4f);
        FloatVector a4 = FloatVector.broadcast(S, 0.5f);
        FloatVector a5 = FloatVector.broadcast(S, 0.6f);
        FloatVector a6 = FloatVector.broadcast(S, 0.7f);
        FloatVector a7 = FloatVector.broadcast(S, 0.8f);
        FloatVector a8 = FloatVector.broadcast(S, 0.9f);
        FloatVector a9 = FloatVector.broadcast(S, 1.0f);
        FloatVector a10 = FloatVector.broadcast(S, 1.1f);
        FloatVector a11 = FloatVector.broadcast(S, 1.2f);
        for (int i = 0; i < ITERS; i++) {
            a0 = a0.fma(mul, add);
            a1 = a1.fma(mul, add);
            a2 = a2.fma(mul, add);
            a3 = a3.fma(mul, add);
            a4 = a4.fma(mul, add);
            a5 = a5.fma(mul, add);
            a6 = a6.fma(mul, add);
            a7 = a7.fma(mul, add);
            a8 = a8.fma(mul, add);
            a9 = a9.fma(mul, add);
            a10 = a10.fma(mul, add);
            a11 = a11.fma(mul, add);
        }
        FloatVector s = a0.add(a1).add(a2).add(a3).add(a4).add(a5).add(a6).add(a7).add(a8).add(a9).add(a10).add(a11);
        return s.reduceLanes(jdk.incubator.vector.VectorOperators.ADD);
    }
}
