package dev.dvg.bench.kernels;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.nd4j.linalg.factory.Nd4j;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs the kernel benchmarks ({@link GemmBench}, {@link ConvBench}) and prints, next to JMH's own
 * output, GFLOP/s (GEMM) and images/s (conv) for David and ND4J/DL4J with their ratio. Takes the
 * usual JMH command-line options (e.g. {@code -wi 3 -i 5 -f 1}, or a benchmark regexp).
 */
public final class KernelBenchMain {

    private KernelBenchMain() {
    }

    /** Sets ND4J's OpenMP, master-thread and BLAS thread counts; prints what was set once per fork. */
    static void setNd4jThreads(int threads) {
        Nd4j.getEnvironment().setMaxThreads(threads);
        Nd4j.getEnvironment().setMaxMasterThreads(threads);
        Nd4j.factory().blas().setMaxThreads(threads);
        System.out.println("# nd4j threads: Environment.maxThreads=" + Nd4j.getEnvironment().maxThreads()
                + " maxMasterThreads=" + Nd4j.getEnvironment().maxMasterThreads()
                + " blas.maxThreads=" + Nd4j.factory().blas().getMaxThreads()
                + " blasVendor=" + Nd4j.factory().blas().getBlasVendor()
                + " OMP_NUM_THREADS=" + System.getenv("OMP_NUM_THREADS"));
    }

    public static void main(String[] args) throws RunnerException, org.openjdk.jmh.runner.options.CommandLineOptionException {
        CommandLineOptions cli = new CommandLineOptions(args);
        OptionsBuilder builder = new OptionsBuilder();
        builder.parent(cli);
        if (cli.getIncludes().isEmpty()) {
            builder.include("dev\\.dvg\\.bench\\.kernels\\..*");
        }
        Options opt = builder.build();
        Collection<RunResult> results = new Runner(opt).run();
        System.out.println(table(results));
    }

    /** The ratio table: one row per (benchmark class, shape, threads). */
    static String table(Collection<RunResult> results) {
        Map<String, double[]> rows = new TreeMap<>();
        for (RunResult r : results) {
            String label = r.getParams().getBenchmark();
            String method = label.substring(label.lastIndexOf('.') + 1);
            String cls = label.substring(0, label.lastIndexOf('.'));
            boolean gemm = cls.endsWith("GemmBench");
            String key = gemm ? r.getParams().getParam("shape") : r.getParams().getParam("layer");
            String row = (gemm ? "gemm " : "conv ") + key + " t=" + r.getParams().getParam("threads");
            double score = r.getPrimaryResult().getScore();
            double value = gemm ? score * GemmBench.flops(key) / 1e9 : score * ConvBench.BATCH;
            double[] v = rows.computeIfAbsent(row, x -> new double[] {Double.NaN, Double.NaN});
            v[method.equals("david") ? 0 : 1] = value;
        }
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "%-32s %14s %14s %8s", "kernel (gemm: GFLOP/s, conv: images/s)",
                "David", "ND4J/DL4J", "ratio"));
        for (Map.Entry<String, double[]> e : rows.entrySet()) {
            double[] v = e.getValue();
            lines.add(String.format(Locale.ROOT, "%-32s %14.1f %14.1f %8.2f", e.getKey(), v[0], v[1], v[0] / v[1]));
        }
        return String.join(System.lineSeparator(), lines);
    }
}
