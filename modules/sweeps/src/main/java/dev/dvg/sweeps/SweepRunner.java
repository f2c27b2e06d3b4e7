package dev.dvg.sweeps;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dvg.models.ModelSpec;
import dev.dvg.models.SpecJson;
import dev.dvg.runner.Budget;
import dev.dvg.runner.BudgetDef;
import dev.dvg.runner.ExperimentDef;
import dev.dvg.runner.ExperimentRunner;
import dev.dvg.runner.RunOptions;
import org.deeplearning4j.arbiter.optimize.api.CandidateGenerator;
import org.deeplearning4j.arbiter.optimize.api.termination.MaxCandidatesCondition;
import org.deeplearning4j.arbiter.optimize.api.termination.MaxTimeCondition;
import org.deeplearning4j.arbiter.optimize.api.termination.TerminationCondition;
import org.deeplearning4j.arbiter.optimize.config.OptimizationConfiguration;
import org.deeplearning4j.arbiter.optimize.generator.GridSearchCandidateGenerator;
import org.deeplearning4j.arbiter.optimize.generator.RandomSearchGenerator;
import org.deeplearning4j.arbiter.optimize.runner.CandidateInfo;
import org.deeplearning4j.arbiter.optimize.runner.CandidateStatus;
import org.deeplearning4j.arbiter.optimize.runner.LocalOptimizationRunner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

/**
 * Runs a sweep: Arbiter's grid or random generator proposes candidates over a {@link SweepSpace};
 * {@link SweepTaskCreator} trains each candidate with both engines through the experiment runner
 * (same data, same batches, same initial weights) and appends both engines' lines to
 * candidates.jsonl; sweep.json is rewritten after every candidate. Layout:
 *
 * <pre>
 * &lt;root&gt;/sweeps/&lt;name&gt;/&lt;run-id&gt;/sweep.json         definition, direction, best per engine, provenance
 *                                 candidates.jsonl    one line per candidate per engine
 *                                 candidates/c0003/&lt;experiment&gt;/&lt;run-id&gt;/   the runner's own files
 * &lt;root&gt;/sweeps/&lt;name&gt;/latest                        newest complete run id
 * </pre>
 *
 * <p>Resuming re-creates the same generator (same definition ⇒ same candidates in the same order)
 * and skips every candidate whose two lines are already in candidates.jsonl.
 */
public final class SweepRunner {

    private static final Logger log = LoggerFactory.getLogger(SweepRunner.class);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);
    /** sweep.json's format version (results/FORMAT.md). */
    static final int FORMAT = 1;

    /** Trains one candidate (both engines); tests substitute one that fails on purpose. */
    @FunctionalInterface
    public interface CandidateTrainer {
        ExperimentRunner.RunResult train(ExperimentRunner runner, ExperimentDef def, ModelSpec model, RunOptions opt)
                throws IOException;
    }

    private final CandidateTrainer trainer;
    private final AtomicBoolean stop = new AtomicBoolean();
    private final Set<ExperimentRunner> active = ConcurrentHashMap.newKeySet();

    public SweepRunner() {
        this((runner, def, model, opt) -> runner.run(def, model, opt));
    }

    public SweepRunner(CandidateTrainer trainer) {
        this.trainer = trainer;
    }

    /** Stops the sweep: running candidates stop at their next step and are not recorded (thread-safe). */
    public void requestStop() {
        stop.set(true);
        active.forEach(ExperimentRunner::requestStop);
    }

    boolean stopRequested() {
        return stop.get();
    }

    void started(ExperimentRunner r) {
        active.add(r);
        if (stop.get()) {
            r.requestStop();
        }
    }

    void ended(ExperimentRunner r) {
        active.remove(r);
    }

    /** The model the candidates start from: the experiment's budget, with the sweep's schedule if it has one. */
    public static ModelSpec baseModel(ExperimentDef exp, SweepBudget b) {
        ModelSpec m = ExperimentRunner.resolve(exp, b.base());
        return b.training() != null ? m.withTraining(b.training()) : m;
    }

    /**
     * The experiment each candidate runs: the base experiment with one budget (the sweep's schedule
     * and evaluation interval, no accuracy floor) and, for time_to_target, the sweep's target.
     */
    static ExperimentDef candidateExperiment(SweepDef def, ExperimentDef exp, SweepBudget b) {
        BudgetDef base = exp.budget(b.base());
        BudgetDef bd = new BudgetDef(b.training() != null ? b.training() : base.training(), null,
                b.evalEvery() >= 0 ? b.evalEvery() : base.evalEvery(), 0.0);
        double target = def.score().target() != null ? def.score().target() : exp.targetAccuracy();
        return new ExperimentDef(exp.id(), exp.description(), exp.model(), List.of(), Map.of(b.base(), bd), exp.seeds(),
                exp.sameInit(), exp.davidThreads(), exp.dl4jThreads(), target, exp.paritySteps(), exp.source());
    }

    /** Runs (or resumes) sweep {@code def} over base experiment {@code exp}. */
    public SweepResult run(SweepDef def, ExperimentDef exp, SweepOptions opt) throws IOException {
        SweepBudget budget = def.budget(opt.budget());
        int cores = Runtime.getRuntime().availableProcessors();
        if (opt.parallel() > cores) {
            throw new IllegalArgumentException("--parallel " + opt.parallel() + " exceeds the " + cores
                    + " cores: each candidate needs at least one thread");
        }
        int davidThreads = Math.max(1, cores / opt.parallel());
        if (exp.davidThreads() > 0) {
            davidThreads = Math.min(davidThreads, exp.davidThreads());
        }
        ModelSpec base = baseModel(exp, budget);
        ExperimentDef candidateDef = candidateExperiment(def, exp, budget);
        Map<String, Object> definition = definition(def, exp, budget, base);
        String fingerprint = fingerprint(definition);

        Path sweepDir = opt.resultsRoot().resolve("sweeps").resolve(def.id());
        Path dir = runDir(sweepDir, opt, fingerprint);
        boolean resumed = Files.exists(dir.resolve("sweep.json"));
        Files.createDirectories(dir);
        String runId = dir.getFileName().toString();

        Map<String, Object> sweepJson = resumed ? readSweepJson(dir) : new LinkedHashMap<>();
        if (!resumed) {
            sweepJson.put("format", FORMAT);
            sweepJson.put("sweep", def.id());
            sweepJson.put("run_id", runId);
            sweepJson.put("started", Instant.now().toString());
        }
        sweepJson.put("status", "incomplete");
        sweepJson.put("finished", null);
        sweepJson.put("budget", opt.budget().id());
        sweepJson.put("score_name", def.score().metric().summaryKey());
        sweepJson.put("direction", def.score().direction());
        sweepJson.put("definition", definition);
        sweepJson.put("fingerprint", fingerprint);
        sweepJson.put("parallel", opt.parallel());
        sweepJson.put("david_threads", davidThreads);
        sweepJson.put("dl4j_threads", 1);
        if (resumed) {
            @SuppressWarnings("unchecked")
            List<Object> resumes = sweepJson.get("resumed") instanceof List<?> l ? new ArrayList<>((List<Object>) l) : new ArrayList<>();
            resumes.add(Instant.now().toString());
            sweepJson.put("resumed", resumes);
        }
        sweepJson.put("provenance", SweepProvenance.collect(opt.repoRoot(), sweepJson.get("provenance")));

        SweepSpace space = new SweepSpace(def.parameters());
        CandidateGenerator generator;
        int total;
        if (budget.generator() instanceof SweepBudget.Generator.Grid g) {
            GridSearchCandidateGenerator grid = new GridSearchCandidateGenerator(space, g.points(),
                    GridSearchCandidateGenerator.Mode.Sequential, null);
            total = grid.getTotalNumCandidates();
            generator = grid;
        } else {
            generator = new RandomSearchGenerator(space, null);
            total = Integer.MAX_VALUE;
        }
        int limit = budget.maxCandidates() > 0 ? Math.min(total, budget.maxCandidates()) : total;

        PrintWriter quiet = new PrintWriter(OutputStream.nullOutputStream());
        AtomicReference<Throwable> fatal = new AtomicReference<>();
        AtomicInteger trained = new AtomicInteger();
        AtomicInteger skipped = new AtomicInteger();
        try (Journal journal = Journal.open(dir)) {
            if (journal.dropped() > 0) {
                opt.out().println("sweep " + def.id() + ": dropped " + journal.dropped()
                        + " torn or one-engine line(s) from " + Journal.FILE + " (those candidates run again)");
            }
            if (resumed) {
                opt.out().println("sweep " + def.id() + ": resuming " + runId + " (" + journal.finishedCount()
                        + " candidate(s) already finished)");
            }
            SweepState state = new SweepState(dir, sweepJson, journal, def.score(), limit);
            state.write();
            RunOptions runOptions = new RunOptions(budget.base(), budget.seeds(), dir.resolve("candidates"),
                    opt.repoRoot(), opt.data(), davidThreads, 1, quiet);
            SweepTaskCreator tasks = new SweepTaskCreator(this, trainer, def, candidateDef, base, runOptions, state,
                    opt.out(), limit, fatal, trained, skipped);

            List<TerminationCondition> conditions = new ArrayList<>();
            conditions.add(new StopCondition(() -> stop.get() || fatal.get() != null, generator));
            if (limit != Integer.MAX_VALUE) {
                conditions.add(new MaxCandidatesCondition(limit));
            }
            if (budget.maxMinutes() > 0) {
                conditions.add(new MaxTimeCondition(Math.round(budget.maxMinutes() * 60_000), TimeUnit.MILLISECONDS));
            }
            OptimizationConfiguration.Builder cfg = new OptimizationConfiguration.Builder()
                    .candidateGenerator(generator)
                    .scoreFunction(new SweepScoreFunction(def.score()))
                    .terminationConditions(conditions);
            if (budget.generator() instanceof SweepBudget.Generator.Random r) {
                cfg.rngSeed(r.seed());
            }
            OptimizationConfiguration config = cfg.build();
            log.info("sweep {}: {} budget, {} candidate(s){}, parallel {}, David {} thread(s), DL4J 1 -> {}", def.id(),
                    opt.budget().id(), limit == Integer.MAX_VALUE ? "unbounded" : limit,
                    budget.maxMinutes() > 0 ? " or " + budget.maxMinutes() + " min" : "", opt.parallel(), davidThreads, dir);
            LocalOptimizationRunner runner = new LocalOptimizationRunner(opt.parallel(), config, tasks);
            String status;
            try {
                runner.execute();
                for (CandidateInfo info : runner.getCandidateStatus()) {
                    // a candidate Arbiter could not generate never reaches the task creator
                    if (info.getCandidateStatus() == CandidateStatus.Failed && journal.finished(info.getIndex()) == null
                            && info.getExceptionStackTrace() != null) {
                        fatal.compareAndSet(null, new IllegalStateException("Arbiter could not generate candidate "
                                + info.getIndex() + ": " + info.getExceptionStackTrace().lines().findFirst().orElse("")));
                    }
                }
            } finally {
                Throwable f = fatal.get();
                status = f != null ? "failed" : stop.get() ? "incomplete" : "complete";
                if (f != null) {
                    sweepJson.put("error", f.toString());
                }
                sweepJson.put("status", status);
                sweepJson.put("finished", Instant.now().toString());
                sweepJson.put("stopped_by", f != null ? "error" : stop.get() ? "interrupted"
                        : state.finished() >= limit ? (limit == total ? "grid exhausted" : "maxCandidates") : "maxMinutes");
                state.write();
            }
            if (fatal.get() instanceof IOException io) {
                throw io;
            } else if (fatal.get() != null) {
                throw new IllegalStateException("sweep " + def.id() + " failed: " + fatal.get(), fatal.get());
            }
            if ("complete".equals(status)) {
                SweepFiles.writeText(sweepDir.resolve("latest"), runId + "\n");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> best = (Map<String, Object>) sweepJson.get("best");
            return new SweepResult(def.id(), runId, dir, status, trained.get(), skipped.get(), state.failedCount(), best);
        }
    }

    /** The folder to write: the one asked for, else the newest unfinished one of this definition, else a new one. */
    private static Path runDir(Path sweepDir, SweepOptions opt, String fingerprint) throws IOException {
        if (opt.resume() != null) {
            Path d = sweepDir.resolve(opt.resume());
            if (!Files.isRegularFile(d.resolve("sweep.json"))) {
                throw new IllegalArgumentException("--resume " + opt.resume() + ": " + d + " holds no sweep.json");
            }
            Map<String, Object> old = readSweepJson(d);
            if (!fingerprint.equals(old.get("fingerprint"))) {
                throw new IllegalArgumentException("--resume " + opt.resume() + ": that run used another definition or "
                        + "budget (fingerprint " + old.get("fingerprint") + ", now " + fingerprint + "); start a new run");
            }
            return d;
        }
        if (!opt.fresh() && Files.isDirectory(sweepDir)) {
            List<Path> dirs;
            try (Stream<Path> s = Files.list(sweepDir)) {
                dirs = s.filter(p -> Files.isRegularFile(p.resolve("sweep.json")))
                        .sorted(Comparator.comparing((Path p) -> p.getFileName().toString()).reversed()).toList();
            }
            for (Path d : dirs) {
                Map<String, Object> old = readSweepJson(d);
                if (!"complete".equals(old.get("status")) && fingerprint.equals(old.get("fingerprint"))) {
                    return d;
                }
            }
        }
        String id = STAMP.format(Instant.now()) + "-" + String.format("%04x", ThreadLocalRandom.current().nextInt(1 << 16));
        return sweepDir.resolve(id);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> readSweepJson(Path dir) throws IOException {
        try {
            return SweepFiles.JSON.readValue(dir.resolve("sweep.json").toFile(), LinkedHashMap.class);
        } catch (IOException e) {
            throw new IOException(dir.resolve("sweep.json") + ": unreadable: " + e.getMessage(), e);
        }
    }

    /** The sweep as resolved for this budget, written into sweep.json. */
    static Map<String, Object> definition(SweepDef def, ExperimentDef exp, SweepBudget b, ModelSpec base) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("sweep_file", def.source() == null ? null : def.source().toString());
        d.put("description", def.description());
        d.put("experiment", exp.id());
        d.put("model", exp.model());
        Map<String, Object> params = new LinkedHashMap<>();
        for (ParamSpace s : def.parameters()) {
            Map<String, Object> p = new LinkedHashMap<>(s.describe());
            p.put("meaning", s.param().meaning());
            params.put(s.param().id(), p);
        }
        d.put("parameters", params);
        Map<String, Object> score = new LinkedHashMap<>();
        score.put("metric", def.score().metric().id());
        score.put("direction", def.score().direction());
        score.put("target_accuracy", def.score().target() != null ? def.score().target() : exp.targetAccuracy());
        d.put("score", score);
        Map<String, Object> g = new LinkedHashMap<>();
        if (b.generator() instanceof SweepBudget.Generator.Grid grid) {
            g.put("type", "grid");
            g.put("points", grid.points());
            g.put("order", "sequential");
        } else {
            g.put("type", "random");
            g.put("seed", ((SweepBudget.Generator.Random) b.generator()).seed());
        }
        d.put("generator", g);
        d.put("base_budget", b.base().id());
        d.put("eval_every", b.evalEvery() >= 0 ? b.evalEvery() : exp.budget(b.base()).evalEvery());
        d.put("seeds", exp.seeds().subList(0, Math.min(b.seeds(), exp.seeds().size())));
        d.put("max_candidates", b.maxCandidates() > 0 ? b.maxCandidates() : null);
        d.put("max_minutes", b.maxMinutes() > 0 ? b.maxMinutes() : null);
        try {
            d.put("base_model", SpecJson.mapper().readTree(SpecJson.toJson(base)));
        } catch (IOException e) {
            throw new IllegalStateException("cannot render the base model", e);
        }
        return d;
    }

    /**
     * What identifies a run for resuming: the definition without the stopping limits (a sweep may be
     * resumed with a larger maxCandidates or maxMinutes) and without the file's path.
     */
    static String fingerprint(Map<String, Object> definition) {
        Map<String, Object> d = new LinkedHashMap<>(definition);
        d.remove("max_candidates");
        d.remove("max_minutes");
        d.remove("sweep_file");
        d.remove("description");
        try {
            byte[] json = SweepFiles.JSON.writeValueAsBytes(d);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(json)).substring(0, 16);
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot fingerprint the sweep definition", e);
        }
    }

    /** sweep.json's live part: best per engine and counts, rewritten after every candidate. */
    static final class SweepState {
        private final Path dir;
        private final Map<String, Object> json;
        private final Journal journal;
        private final Score score;
        private final int planned;
        private boolean candidateProvenance;

        SweepState(Path dir, Map<String, Object> json, Journal journal, Score score, int planned) {
            this.dir = dir;
            this.json = json;
            this.journal = journal;
            this.score = score;
            this.planned = planned;
        }

        Journal journal() {
            return journal;
        }

        int finished() {
            return journal.finishedCount();
        }

        int planned() {
            return planned;
        }

        int failedCount() {
            return (int) journal.lines().stream().filter(l -> !"ok".equals(l.path("status").asText()))
                    .map(l -> l.get("candidate").asInt()).distinct().count();
        }

        /** Records a finished candidate's provenance (data checksums etc.) once, then rewrites sweep.json. */
        synchronized void candidateFinished(Map<String, Object> runProvenance) throws IOException {
            if (!candidateProvenance && runProvenance != null) {
                @SuppressWarnings("unchecked")
                Map<String, Object> p = (Map<String, Object>) json.get("provenance");
                p.put("candidate_run", runProvenance);
                candidateProvenance = true;
            }
            write();
        }

        synchronized void write() throws IOException {
            List<ObjectNode> lines = journal.lines();
            Map<String, Object> best = new LinkedHashMap<>();
            for (String engine : List.of("david", "dl4j")) {
                ObjectNode top = null;
                for (ObjectNode l : lines) {
                    if (!engine.equals(l.path("engine").asText()) || !"ok".equals(l.path("status").asText())
                            || !l.path("score").isNumber()) {
                        continue;
                    }
                    if (top == null || score.better(l.get("score").asDouble(), top.get("score").asDouble())
                            || (l.get("score").asDouble() == top.get("score").asDouble()
                                && l.get("candidate").asInt() < top.get("candidate").asInt())) {
                        top = l;
                    }
                }
                if (top != null) {
                    Map<String, Object> b = new LinkedHashMap<>();
                    b.put("candidate", top.get("candidate").asInt());
                    b.put("values", SweepFiles.JSON.convertValue(top.get("values"), Map.class));
                    b.put("score", top.get("score").asDouble());
                    b.put("seconds", top.path("seconds").isNumber() ? top.get("seconds").asDouble() : null);
                    b.put("run", top.path("run").isTextual() ? top.get("run").asText() : null);
                    best.put(engine, b);
                }
            }
            json.put("best", best);
            Object d = best.get("david");
            Object g = best.get("dl4j");
            json.put("same_best_candidate", d instanceof Map<?, ?> dm && g instanceof Map<?, ?> gm
                    ? dm.get("candidate").equals(gm.get("candidate")) : null);
            Map<String, Object> counts = new LinkedHashMap<>();
            counts.put("planned", planned == Integer.MAX_VALUE ? null : planned);
            counts.put("finished", journal.finishedCount());
            counts.put("with_failures", failedCount());
            json.put("candidates", counts);
            SweepFiles.writeJson(dir.resolve("sweep.json"), json);
        }

        static JsonNode values(SweepPoint p) {
            return SweepFiles.JSON.valueToTree(p.values());
        }
    }
}
