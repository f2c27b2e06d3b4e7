package dev.dvg.bench.suite;

import dev.dvg.bench.train.BenchModels;
import dev.dvg.bench.train.Engines;
import dev.dvg.bench.train.Nd4jSetup;
import dev.dvg.bench.train.TrainStepBench;
import dev.dvg.models.ReferenceModels;
import dev.dvg.runner.ResultFiles;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * The child JVM of {@code dvg bench} for one thread count, started with {@code OMP_NUM_THREADS} set
 * (ND4J sizes its OpenMP pool from it when it loads; JMH forks inherit the environment):
 * <pre>
 *   java … dev.dvg.bench.suite.BenchChild PLAN.json THREADS OUT.json
 * </pre>
 * runs every job of the plan that runs at THREADS through JMH's {@link Runner} (params plus
 * {@code threads=THREADS}; forks as the plan says) and writes the raw scores, ND4J's description
 * and the DL4J settings of a step benchmark to OUT.json. A failing job is recorded and skipped.
 */
public final class BenchChild {

    /**
     * One JMH score as the child saw it; {@code allocBytesPerOp} is the gc profiler's
     * {@code gc.alloc.rate.norm}, {@code engineAllocBytesPerOp} the engine threads' bytes per step
     * ({@link TrainStepBench.EngineAlloc}, train only).
     */
    public record Raw(String job, String kind, String benchmark, Map<String, String> params, double score,
                      Double scoreError, String scoreUnit, Double allocBytesPerOp, Double engineAllocBytesPerOp) {
    }

    /** What the child writes. */
    public record Output(int threads, Map<String, Object> nd4j, Map<String, Object> dl4jSettings,
                         Map<String, Object> davidSettings, List<String> jvmArgs, String ompNumThreadsEnv,
                         List<Raw> raw, List<String> failures) {
    }

    private BenchChild() {
    }

    public static void main(String[] args) throws Exception {
        BenchPlan plan = BenchResult.MAPPER.readValue(Path.of(args[0]).toFile(), BenchPlan.class);
        int threads = Integer.parseInt(args[1]);
        Output out = run(plan, threads);
        ResultFiles.writeText(Path.of(args[2]), BenchResult.MAPPER.writeValueAsString(out));
        System.exit(0);
    }

    /** Runs the plan's jobs at {@code threads}. */
    public static Output run(BenchPlan plan, int threads) {
        Nd4jSetup.setThreads(threads);
        Map<String, Object> nd4j = Nd4jSetup.describe();
        String probeModel = ReferenceModels.MNIST_MLP256;
        Map<String, Object> dl4j;
        Map<String, Object> david;
        try (Engines e = Engines.create("dl4j", BenchModels.spec(probeModel, "32"), 32, false, threads);
             Engines d = Engines.create("david", BenchModels.spec(probeModel, "32"), 32, false, threads)) {
            dl4j = e.settings();
            david = d.settings();
        }
        List<Raw> raw = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        List<BenchPlan.Job> jobs = plan.jobs().stream().filter(j -> j.runsAt(threads)).toList();
        int k = 0;
        for (BenchPlan.Job job : jobs) {
            k++;
            System.out.printf("BENCH-PROGRESS [t=%d %d/%d] %s%n", threads, k, jobs.size(), job.name());
            System.out.flush();
            try {
                Collection<RunResult> results = new Runner(options(job, threads, plan.forks(), plan.profilers()).build()).run();
                if (results.isEmpty()) {
                    failures.add("t=" + threads + " " + job.name() + ": JMH returned no result (see the log)");
                }
                for (RunResult r : results) {
                    raw.add(toRaw(job, r));
                }
            } catch (Exception ex) {
                failures.add("t=" + threads + " " + job.name() + ": " + ex);
            }
        }
        return new Output(threads, nd4j, dl4j, david, ManagementFactory.getRuntimeMXBean().getInputArguments(),
                System.getenv("OMP_NUM_THREADS"), raw, failures);
    }

    /** The JMH options of one job at one thread count. */
    static ChainedOptionsBuilder options(BenchPlan.Job job, int threads, int forks, List<String> profilers) {
        ChainedOptionsBuilder b = new OptionsBuilder()
                .include("^" + job.benchmark().replace(".", "\\.") + "$")
                .forks(forks)
                .warmupIterations(job.warmupIterations())
                .warmupTime(TimeValue.milliseconds(Math.round(job.warmupSeconds() * 1000)))
                .measurementIterations(job.iterations())
                .measurementTime(TimeValue.milliseconds(Math.round(job.seconds() * 1000)))
                .shouldFailOnError(true)
                .param("threads", Integer.toString(threads));
        for (Map.Entry<String, List<String>> p : job.params().entrySet()) {
            b.param(p.getKey(), p.getValue().toArray(String[]::new));
        }
        if (job.gcProfiler()) {
            b.addProfiler(GCProfiler.class);
        }
        for (String p : profilers) {
            int colon = p.indexOf(':');
            if (colon < 0) {
                b.addProfiler(p);
            } else {
                b.addProfiler(p.substring(0, colon), p.substring(colon + 1));
            }
        }
        return b;
    }

    static Raw toRaw(BenchPlan.Job job, RunResult r) {
        Map<String, String> params = new LinkedHashMap<>();
        for (String key : r.getParams().getParamsKeys()) {
            params.put(key, r.getParams().getParam(key));
        }
        String label = r.getParams().getBenchmark();
        Result<?> p = r.getPrimaryResult();
        Result<?> alloc = r.getSecondaryResults().get("gc.alloc.rate.norm");
        return new Raw(job.name(), job.kind(), label, params, p.getScore(), finite(p.getScoreError()),
                p.getScoreUnit(), alloc == null ? null : finite(alloc.getScore()), engineAllocPerStep(r));
    }

    /** Engine threads' bytes / steps over the measurement iterations, or null when not counted. */
    static Double engineAllocPerStep(RunResult r) {
        Result<?> bytes = r.getSecondaryResults().get(TrainStepBench.ENGINE_ALLOC_BYTES);
        Result<?> steps = r.getSecondaryResults().get(TrainStepBench.ENGINE_STEPS);
        if (bytes == null || steps == null || !(steps.getScore() > 0)) {
            return null;
        }
        return finite(bytes.getScore() / steps.getScore());
    }

    static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
