package dev.dvg.bench.train;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Inference throughput: each engine's public output call on a fixed seeded batch — David's
 * {@code Network.output(X)} (forward in inference mode + the loss's activation, returning a new
 * [N×K] tensor) and DL4J's {@code MultiLayerNetwork.output(features, false)} (inference workspace
 * ENABLED, returns a detached array). Batches/s; examples/s = batches/s · N.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx4g"})
public class InferenceBench extends EngineBench {

    @Param({"128", "1024"})
    public String batch;

    @Override
    String batchLabel() {
        return batch;
    }

    @Override
    boolean streamBatches() {
        return false;
    }

    @Benchmark
    public Object output() {
        return e.infer();
    }
}
