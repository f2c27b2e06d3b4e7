package dev.dvg.bench.suite;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.DeserializationFeature;
import dev.dvg.bench.kernels.ScalingProbe;
import dev.dvg.runner.ResultFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Everything one {@code dvg bench} run measured: bench.json (format in results/bench/README.md).
 * Keys are snake_case; non-finite numbers are written as null.
 *
 * @param schema       format version ({@link #SCHEMA})
 * @param runId        the run folder's name
 * @param quick        true for {@code --quick}
 * @param provenance   git commit, JDK, CPU model, cores, … ({@code Provenance.machine} plus the CPU)
 * @param settings     how it was run: JMH forks/iterations, child JVM args and environment, per thread
 *                     count ND4J's backend, classifier jars, BLAS vendor and threads, DL4J workspace modes
 * @param measurements every JMH score, converted to examples/s or GFLOP/s
 * @param memory       peak heap / RSS / off-heap per model and engine
 * @param scaling      David's 2-thread scaling measured in paired rounds in one JVM, per GEMM shape and
 *                     for the FMA loop ({@link ScalingProbe}); empty when not run
 * @param trainRatios  per model and batch: each engine at its best thread count and David/DL4J
 * @param targets      the targets, evaluated from the measurements
 * @param failures     what did not run (benchmark errors, failed child JVMs)
 */
public record BenchResult(String schema, String runId, boolean quick, Map<String, Object> provenance,
                          Map<String, Object> settings, List<Measurement> measurements, List<MemoryRow> memory,
                          List<ScalingProbe.Row> scaling, List<Ratio> trainRatios, List<Target> targets,
                          List<String> failures) {

    public BenchResult {
        scaling = scaling == null ? List.of() : List.copyOf(scaling);
    }

    public static final String SCHEMA = "dvg-bench/1";

    /**
     * One JMH result.
     *
     * @param kind          train | inference | gemm | conv | peak
     * @param subject       model id, GEMM shape, conv layer, or "fma"
     * @param batch         batch label (train/inference), else null
     * @param n             examples per op (train/inference; conv: images per op), else null
     * @param engine        david | dl4j (for gemm the ND4J side is "dl4j" too: Nd4j.gemm), or "java" for peak
     * @param threads       thread count of both pools / Exec
     * @param score         JMH's primary score
     * @param scoreError    JMH's 99.9% error half-width (NaN → null with a single iteration)
     * @param scoreUnit     JMH's unit (ops/s)
     * @param value         score converted: examples/s (train, inference, conv) or GFLOP/s (gemm, peak)
     * @param valueError    the error converted the same way
     * @param valueUnit     "examples/s" or "GFLOP/s"
     * @param allocBytesPerOp JMH {@code gc.alloc.rate.norm} (B/op) when the gc profiler ran, else null:
     *                      every thread of the JVM, the harness's ~6 KB per iteration included
     * @param engineAllocBytesPerOp train only: bytes allocated per step by the engine's own threads (the
     *                      caller and David's kernel workers; DL4J: the caller), over every step of the
     *                      measurement iterations ({@code TrainStepBench.EngineAlloc}); else null
     * @param pctOfPeak     GFLOP/s as a % of the measured FMA peak at the same thread count (gemm, conv)
     */
    public record Measurement(String kind, String subject, String batch, Integer n, String engine, int threads,
                              double score, Double scoreError, String scoreUnit, double value, Double valueError,
                              String valueUnit, Double allocBytesPerOp, Double engineAllocBytesPerOp,
                              Double pctOfPeak) {
    }

    /** Peak memory of one engine training one model in its own JVM (MB). */
    public record MemoryRow(String model, String batch, String engine, int threads, int steps, Double peakHeapMb,
                            Double peakRssMb, Double offheapPhysicalMb, Double offheapJavacppTotalMb,
                            Double liveHeapMb) {
    }

    /** David vs DL4J for one (model, batch), each engine at its best measured thread count. */
    public record Ratio(String model, String batch, Integer n, Double davidExamplesPerS, Integer davidThreads,
                        Double dl4jExamplesPerS, Integer dl4jThreads, Double ratio) {
    }

    /**
     * One target of the issue.
     *
     * @param id        stable key
     * @param what      the target in words
     * @param value     the measured value (null when not measured)
     * @param threshold the threshold it is compared with
     * @param op        ">=" or "<="
     * @param status    met | not met | not measured
     * @param detail    where the value comes from (which row, which thread counts)
     */
    public record Target(String id, String what, Double value, double threshold, String op, String status,
                         String detail) {
    }

    /** The mapper of bench.json: snake_case keys, non-finite as null, unknown keys ignored on read. */
    public static final ObjectMapper MAPPER = ResultFiles.JSON.copy()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** Writes bench.json atomically. */
    public void write(Path file) throws IOException {
        ResultFiles.writeText(file, MAPPER.writeValueAsString(this) + "\n");
    }

    /** Reads bench.json. */
    public static BenchResult read(Path file) throws IOException {
        return MAPPER.readValue(file.toFile(), BenchResult.class);
    }
}
