package dev.dvg.bench.train;

import java.util.concurrent.TimeUnit;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * One training step — forward + backward + the model's optimiser update — of a reference model on a
 * fixed batch of the model's own training data ({@link BenchModels}), David or DL4J ({@link Engines}), in steps/s;
 * examples/s = steps/s · N. Both engines start from the same parameters (David's seeded init).
 *
 * <p>The timed method does nothing but the engine's call: the batch is prepared in each engine's own
 * memory at setup, the parameters are put back in place (no allocation) before every iteration so
 * long runs do not drift (e.g. into float denormals), and {@code -prof gc}'s {@code
 * gc.alloc.rate.norm} is the engine's own bytes per step.
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

    @Param({"32", "128", "512"})
    public String batch;

    @Override
    String batchLabel() {
        return batch;
    }

    @Setup(Level.Iteration)
    public void restore() {
        e.restoreParams();
    }

    @Benchmark
    public double step() {
        return e.trainStep();
    }
}
