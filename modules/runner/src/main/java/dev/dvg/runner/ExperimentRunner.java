package dev.dvg.runner;

import dev.dvg.engine.spec.Conv2dSpec;
import dev.dvg.engine.spec.OptimizerSpec;
import dev.dvg.kernels.Exec;
import dev.dvg.models.David;
import dev.dvg.models.ModelSpec;
import dev.dvg.models.ReferenceModels;
import dev.dvg.models.SpecJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs one experiment: for every seed, David then DL4J train the same model on the same batch
 * stream (same seed ⇒ same batches), from the same initial weights unless the experiment says
 * otherwise; both are evaluated by the same code; everything lands in a run folder
 * (results/FORMAT.md). Engines run one after the other, never interleaved, so neither's caches or
 * threads disturb the other's timing.
 *
 * <p>A NaN/Inf loss stops that engine (a {@code diverged} event); the other goes on. {@link #requestStop}
 * (Ctrl-C) ends the current loop at the next step; what finished is written and the run is marked
 * incomplete.
 */
public final class ExperimentRunner {

    private static final Logger log = LoggerFactory.getLogger(ExperimentRunner.class);

    /** Steps timed apart as JIT/native warm-up and excluded from examples/s. */
    static final int WARMUP_STEPS = 10;

    private final AtomicBoolean stop = new AtomicBoolean();
    /** When set, runs are written as {@code <suiteDir>/<experiment>/} members of this suite run. */
    private java.nio.file.Path suiteDir;
    private String suiteRunId;

    /** Writes the following runs as members of a suite run folder (see {@link SuiteRun}). */
    public ExperimentRunner inSuite(SuiteRun suite) {
        this.suiteDir = suite.workingDir();
        this.suiteRunId = suite.runId();
        return this;
    }

    /** Asks the running loop to stop at the next step (thread-safe; for a shutdown hook). */
    public void requestStop() {
        stop.set(true);
    }

    public boolean stopRequested() {
        return stop.get();
    }

    /** The result of one experiment run. */
    public record RunResult(String experiment, java.nio.file.Path dir, String status, Map<String, Object> summary) {
    }

    /** Runs {@code def} (a single-model experiment) with {@code opt}. */
    public RunResult run(ExperimentDef def, RunOptions opt) throws IOException {
        return run(def, resolve(def, opt.budget()), opt);
    }

    /**
     * The model {@code def} trains under {@code budget}: the reference spec with the budget's
     * schedule and (if it names one) optimiser.
     */
    public static ModelSpec resolve(ExperimentDef def, Budget budget) {
        if (def.isSuite()) {
            throw new IllegalArgumentException(def.source() + ": " + def.id() + " is a suite; run its experiments");
        }
        BudgetDef b = def.budget(budget);
        ModelSpec ref = ReferenceModels.get(def.model());
        // one constructor call: a full-batch minimiser's budget must match its schedule at once
        return new ModelSpec(ref.id(), ref.description(), ref.data(), ref.network(),
                b.optimizer() != null ? b.optimizer() : ref.optimizer(), b.training(), ref.seed());
    }

    /**
     * Runs {@code def} with an explicit model (a sweep's candidate: other hyper-parameters, same
     * data); the budget of {@code opt} still picks the evaluation schedule and the accuracy floor.
     * Results go to {@code opt.resultsRoot()/<def.id()>/<run-id>/}.
     */
    public RunResult run(ExperimentDef def, ModelSpec base, RunOptions opt) throws IOException {
        if (def.isSuite()) {
            throw new IllegalArgumentException(def.source() + ": " + def.id() + " is a suite; run its experiments");
        }
        BudgetDef budget = def.budget(opt.budget());
        List<Long> seeds = def.seeds().subList(0, Math.min(opt.seeds(), def.seeds().size()));
        int davidThreads = opt.davidThreads() > 0 ? opt.davidThreads()
                : def.davidThreads() > 0 ? def.davidThreads() : Exec.defaultThreads();
        int dl4jThreads = opt.dl4jThreads() > 0 ? opt.dl4jThreads() : def.dl4jThreads();

        // pretrained weights: read and checked before any data or folder, scored by both engines before training
        float[] pretrainedParams = opt.weights() == null ? null : Pretrained.load(opt.weights(), base);
        ExperimentData data = ExperimentData.load(base.data(), opt.data());
        Map<String, Object> pretrained = null;
        if (pretrainedParams != null) {
            pretrained = Pretrained.evaluate(opt.weights(), pretrainedParams, base, data, davidThreads,
                    dl4jThreads > 0 ? dl4jThreads : 1);
            for (String line : Pretrained.describe(pretrained)) {
                opt.progress().println(def.id() + " " + line);
            }
            opt.progress().flush();
        }
        Map<String, Object> provenance = Provenance.collect(opt.repoRoot(), davidThreads, dl4jThreads,
                data.checksums(), seeds);
        Instant started = Instant.now();
        RunFolder folder = suiteDir != null ? RunFolder.createMember(suiteDir, def.id(), suiteRunId)
                : RunFolder.create(opt.resultsRoot(), def.id(), started);
        Map<String, Object> runJson = new LinkedHashMap<>();
        runJson.put("format", 1);
        runJson.put("experiment", def.id());
        runJson.put("run_id", folder.runId());
        runJson.put("status", "running");
        runJson.put("started", started.toString());
        runJson.put("finished", null);
        runJson.put("budget", opt.budget().id());
        runJson.put("config", config(def, base, budget, seeds));
        runJson.put("provenance", provenance);
        if (pretrained != null) {
            runJson.put("pretrained", pretrained);
        }
        folder.writeJson("run.json", runJson);
        log.info("{}: {} budget, seeds {}, David {} thread(s), DL4J {} thread(s) -> {}", def.id(), opt.budget().id(),
                seeds, davidThreads, dl4jThreads, folder.workingDir());

        List<EngineOutcome> outcomes = new ArrayList<>();
        List<Map<String, Object>> models = new ArrayList<>();
        runJson.put("models", models);
        String status = "complete";
        try {
            for (long seed : seeds) {
                ModelSpec spec = base.withSeed(seed);
                Training t = new Training(def, budget, spec, data, folder, opt.progress(), stop);
                float[] init;
                try (DavidSession david = new DavidSession(spec, davidThreads)) {
                    init = david.paramsAsDavid();
                    outcomes.add(t.train(david));
                }
                models.add(modelEntry(outcomes.get(outcomes.size() - 1)));
                if (stop.get()) {
                    status = "incomplete";
                    break;
                }
                try (Dl4jSession dl4j = new Dl4jSession(spec, dl4jThreads, def.sameInit() ? init : null)) {
                    runJson.put("dl4j_approximations", dl4j.approximations());
                    outcomes.add(t.train(dl4j));
                }
                models.add(modelEntry(outcomes.get(outcomes.size() - 1)));
                if (stop.get()) {
                    status = "incomplete";
                    break;
                }
            }
        } catch (RuntimeException | Error e) {
            status = "failed";
            runJson.put("error", e.toString());
            log.error("{} failed", def.id(), e);
            throw e;
        } finally {
            runJson.put("status", status);
            runJson.put("finished", Instant.now().toString());
            folder.writeJson("run.json", runJson);
            Map<String, Object> summary = Summaries.summary(def, opt.budget(), budget.minAccuracy(), folder.runId(), status, seeds, outcomes,
                    def.sameInit(), def.paritySteps(), !fullBatchMinimizer(base.optimizer()), provenance);
            if (pretrained != null) {
                summary.put("pretrained", pretrained);
            }
            folder.writeJson("summary.json", summary);
            folder.flush();
            java.nio.file.Path dir = folder.finish("complete".equals(status));
            lastResult = new RunResult(def.id(), dir, status, summary);
        }
        return lastResult;
    }

    private RunResult lastResult;

    /** A {@code models} entry of run.json: which engine and seed, the file relative to the run folder. */
    private static Map<String, Object> modelEntry(EngineOutcome o) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("engine", o.engine());
        m.put("seed", o.seed());
        m.put("path", o.modelFile());
        return m;
    }

    private static Map<String, Object> config(ExperimentDef def, ModelSpec base, BudgetDef budget, List<Long> seeds) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("experiment_file", def.source() == null ? null : def.source().toString());
        c.put("description", def.description());
        c.put("model", def.model());
        try {
            c.put("model_spec", SpecJson.mapper().readTree(SpecJson.toJson(base)));
        } catch (IOException e) {
            throw new IllegalStateException("cannot render the model spec", e);
        }
        c.put("same_init", def.sameInit());
        c.put("target_accuracy", def.targetAccuracy());
        c.put("parity_steps", def.paritySteps());
        c.put("eval_every", budget.evalEvery());
        c.put("seeds", seeds);
        return c;
    }

    /** Whether the model's first layer is a convolution (its filters are drawn in the report). */
    static boolean hasConv(ModelSpec spec) {
        return spec.network().layers().stream().anyMatch(l -> l instanceof Conv2dSpec);
    }

    static boolean fullBatchMinimizer(OptimizerSpec o) {
        return David.isFullBatchMinimizer(o);
    }

    static String fmt(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }

    /** Keeps only finite values (JSON has no NaN): null otherwise. */
    static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

}
