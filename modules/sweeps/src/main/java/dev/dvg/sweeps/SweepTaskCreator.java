package dev.dvg.sweeps;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dvg.models.ModelSpec;
import dev.dvg.runner.ExperimentDef;
import dev.dvg.runner.ExperimentRunner;
import dev.dvg.runner.RunOptions;
import org.deeplearning4j.arbiter.optimize.api.Candidate;
import org.deeplearning4j.arbiter.optimize.api.OptimizationResult;
import org.deeplearning4j.arbiter.optimize.api.TaskCreator;
import org.deeplearning4j.arbiter.optimize.api.data.DataProvider;
import org.deeplearning4j.arbiter.optimize.api.data.DataSource;
import org.deeplearning4j.arbiter.optimize.api.score.ScoreFunction;
import org.deeplearning4j.arbiter.optimize.runner.CandidateInfo;
import org.deeplearning4j.arbiter.optimize.runner.CandidateStatus;
import org.deeplearning4j.arbiter.optimize.runner.IOptimizationRunner;
import org.deeplearning4j.arbiter.optimize.runner.listener.StatusListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

/**
 * Arbiter's task for a sweep candidate: both engines, one after the other, through
 * {@link ExperimentRunner#run(ExperimentDef, ModelSpec, RunOptions)} (identical data, batches and
 * initial weights), then one journal line per engine. No sleep between candidates. A candidate
 * already in the journal is returned from disk without training; one whose training throws is
 * recorded as failed with its error (the engine that finished before keeps its result); an
 * interrupted one is not recorded, so a resumed sweep runs it again. Data or disk errors
 * (IOException) are not the candidate's fault: they stop the sweep.
 */
final class SweepTaskCreator implements TaskCreator {

    private static final Logger log = LoggerFactory.getLogger(SweepTaskCreator.class);
    private static final List<String> ENGINES = List.of("david", "dl4j");

    private final SweepRunner sweep;
    private final SweepRunner.CandidateTrainer trainer;
    private final SweepDef def;
    private final ExperimentDef candidateDef;
    private final ModelSpec base;
    private final RunOptions runOptions;
    private final SweepRunner.SweepState state;
    private final PrintWriter out;
    private final int limit;
    private final AtomicReference<Throwable> fatal;
    private final AtomicInteger trained;
    private final AtomicInteger skipped;
    private final AtomicInteger started = new AtomicInteger();
    /** Candidates finished by earlier invocations of a resumed run. */
    private final int finishedBefore;

    SweepTaskCreator(SweepRunner sweep, SweepRunner.CandidateTrainer trainer, SweepDef def, ExperimentDef candidateDef,
                     ModelSpec base, RunOptions runOptions, SweepRunner.SweepState state, PrintWriter out, int limit,
                     AtomicReference<Throwable> fatal, AtomicInteger trained, AtomicInteger skipped) {
        this.sweep = sweep;
        this.trainer = trainer;
        this.def = def;
        this.candidateDef = candidateDef;
        this.base = base;
        this.runOptions = runOptions;
        this.state = state;
        this.out = out;
        this.limit = limit;
        this.fatal = fatal;
        this.trained = trained;
        this.skipped = skipped;
        this.finishedBefore = state.finished();
    }

    @Override
    public Callable<OptimizationResult> create(Candidate candidate, DataProvider dataProvider, ScoreFunction scoreFunction,
                                               List<StatusListener> statusListeners, IOptimizationRunner runner) {
        return () -> execute(candidate, scoreFunction);
    }

    @Override
    public Callable<OptimizationResult> create(Candidate candidate, Class<? extends DataSource> dataSource,
                                               Properties dataSourceProperties, ScoreFunction scoreFunction,
                                               List<StatusListener> statusListeners, IOptimizationRunner runner) {
        return () -> execute(candidate, scoreFunction);
    }

    private OptimizationResult execute(Candidate candidate, ScoreFunction scoreFunction) {
        long start = System.currentTimeMillis();
        int index = candidate.getIndex();
        SweepPoint point = (SweepPoint) candidate.getValue();
        List<ObjectNode> prior = state.journal().finished(index);
        if (prior != null) {
            checkSameValues(index, point, prior);
            skipped.incrementAndGet();
            CandidateOutcome o = fromJournal(index, point, prior);
            return result(candidate, o, scoreFunction, CandidateStatus.Complete, start, null);
        }
        // Arbiter may hand out a few candidates past maxCandidates while the last ones run
        if (started.incrementAndGet() + finishedBefore > limit || sweep.stopRequested()
                || fatal.get() != null) {
            return result(candidate, null, scoreFunction, CandidateStatus.Cancelled, start, null);
        }
        CandidateOutcome outcome;
        try {
            outcome = train(index, point);
        } catch (IOException e) {
            fatal.compareAndSet(null, e);
            log.error("sweep {}: candidate {} could not run: {}", def.id(), index, e.toString());
            return result(candidate, null, scoreFunction, CandidateStatus.Failed, start, stackTrace(e));
        }
        if (outcome == null) {
            return result(candidate, null, scoreFunction, CandidateStatus.Cancelled, start, null);
        }
        trained.incrementAndGet();
        return result(candidate, outcome, scoreFunction,
                outcome.lines().stream().allMatch(CandidateOutcome.EngineLine::ok) ? CandidateStatus.Complete
                        : CandidateStatus.Failed, start,
                outcome.lines().stream().map(CandidateOutcome.EngineLine::error).filter(e -> e != null).findFirst().orElse(null));
    }

    /** Trains the candidate; null when it was interrupted (nothing recorded). */
    private CandidateOutcome train(int index, SweepPoint point) throws IOException {
        Path root = runOptions.resultsRoot().resolve(String.format(Locale.ROOT, "c%04d", index));
        RunOptions opt = new RunOptions(runOptions.budget(), runOptions.seeds(), root, runOptions.repoRoot(),
                runOptions.data(), runOptions.davidThreads(), runOptions.dl4jThreads(), runOptions.progress());
        Path sweepDir = runOptions.resultsRoot().getParent();
        List<CandidateOutcome.EngineLine> lines = new ArrayList<>();
        Map<String, Object> runProvenance = null;
        ModelSpec model;
        try {
            model = Variants.apply(base, point);
        } catch (IllegalArgumentException e) {
            for (String engine : ENGINES) {
                lines.add(new CandidateOutcome.EngineLine(engine, null, null, "failed", e.getMessage(), null, null));
            }
            return record(index, point, lines, null);
        }
        ExperimentRunner runner = new ExperimentRunner();
        sweep.started(runner);
        try {
            ExperimentRunner.RunResult r = trainer.train(runner, candidateDef, model, opt);
            if (!"complete".equals(r.status())) {
                return null;
            }
            runProvenance = provenance(r.summary());
            String rel = sweepDir.relativize(r.dir()).toString();
            for (String engine : ENGINES) {
                lines.add(line(engine, r.summary(), r.dir(), rel, null));
            }
        } catch (IOException e) {
            throw e;
        } catch (RuntimeException | OutOfMemoryError e) {
            if (sweep.stopRequested()) {
                return null;
            }
            log.warn("sweep {}: candidate {} ({}) failed: {}", def.id(), index, point.label(), e.toString());
            log.debug("sweep {}: candidate {} stack trace", def.id(), index, e);
            Path runDir = newestRun(root.resolve(candidateDef.id()));
            Map<String, Object> summary = runDir == null ? null : readSummary(runDir);
            String rel = runDir == null ? null : sweepDir.relativize(runDir).toString();
            for (String engine : ENGINES) {
                lines.add(line(engine, summary, runDir, rel, e.toString()));
            }
        } finally {
            sweep.ended(runner);
        }
        return record(index, point, lines, runProvenance);
    }

    private CandidateOutcome record(int index, SweepPoint point, List<CandidateOutcome.EngineLine> lines,
                                    Map<String, Object> runProvenance) throws IOException {
        List<ObjectNode> json = new ArrayList<>();
        for (CandidateOutcome.EngineLine l : lines) {
            ObjectNode n = SweepFiles.JSON.createObjectNode();
            n.put("candidate", index);
            n.put("engine", l.engine());
            n.set("values", SweepRunner.SweepState.values(point));
            putNumber(n, "score", l.score());
            n.put("score_name", def.score().metric().summaryKey());
            putNumber(n, "seconds", l.seconds());
            n.put("status", l.status());
            n.put("error", l.error());
            putNumber(n, "test_accuracy", l.testAccuracy());
            n.put("run", l.run());
            json.add(n);
        }
        int done;
        synchronized (state) {
            state.journal().append(index, json);
            state.candidateFinished(runProvenance);
            done = state.finished();
        }
        print(done, index, point, lines);
        return new CandidateOutcome(index, point, lines, true);
    }

    private void print(int done, int index, SweepPoint point, List<CandidateOutcome.EngineLine> lines) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "sweep %s [%d/%s] c%d %s:", def.id(), done,
                state.planned() == Integer.MAX_VALUE ? "?" : Integer.toString(state.planned()), index, point.label()));
        for (CandidateOutcome.EngineLine l : lines) {
            sb.append(' ').append(l.engine()).append(' ');
            if (l.ok()) {
                sb.append(String.format(Locale.ROOT, "%.4g", l.score()));
            } else {
                sb.append(l.status());
            }
            if (l.seconds() != null) {
                sb.append(String.format(Locale.ROOT, " (%.1f s)", l.seconds()));
            }
        }
        synchronized (out) {
            out.println(sb);
            out.flush();
        }
    }

    /** One engine's line from a run summary (null when the run wrote none). */
    private CandidateOutcome.EngineLine line(String engine, Map<String, Object> summary, Path runDir, String rel,
                                             String exception) {
        Map<?, ?> e = summary != null && summary.get("engines") instanceof Map<?, ?> engines
                && engines.get(engine) instanceof Map<?, ?> m ? m : null;
        if (e == null) {
            return new CandidateOutcome.EngineLine(engine, null, null, "failed",
                    exception != null ? exception : "no result for " + engine + " in the run's summary.json", null, rel);
        }
        Double seconds = num(e.get("train_seconds"));
        Double accuracy = num(e.get("test_accuracy"));
        if (Boolean.TRUE.equals(e.get("diverged"))) {
            return new CandidateOutcome.EngineLine(engine, null, seconds, "diverged", divergedMessage(runDir, engine),
                    accuracy, rel);
        }
        String key = def.score().metric().summaryKey();
        Double score = num(e.get(key));
        if (score == null) {
            String why = def.score().metric() == Score.Metric.TIME_TO_TARGET
                    ? "test accuracy never reached the target " + candidateDef.targetAccuracy() + " (best "
                    + (accuracy == null ? "-" : String.format(Locale.ROOT, "%.4f", accuracy)) + " at the end)"
                    : "no " + key + " in the run's summary.json";
            return new CandidateOutcome.EngineLine(engine, null, seconds, "failed", exception != null ? exception : why,
                    accuracy, rel);
        }
        if (exception != null && (!(e.get("per_seed") instanceof List<?> seeds) || seeds.size() < seedCount())) {
            // the run threw before this engine finished every seed: its mean would hide the failure
            return new CandidateOutcome.EngineLine(engine, null, seconds, "failed", exception, accuracy, rel);
        }
        return new CandidateOutcome.EngineLine(engine, score, seconds, "ok", null, accuracy, rel);
    }

    private int seedCount() {
        return Math.min(runOptions.seeds(), candidateDef.seeds().size());
    }

    private static String divergedMessage(Path runDir, String engine) {
        if (runDir == null) {
            return "diverged";
        }
        Path metrics = runDir.resolve("metrics.jsonl");
        if (!Files.isRegularFile(metrics)) {
            return "diverged";
        }
        try (BufferedReader r = Files.newBufferedReader(metrics, StandardCharsets.UTF_8)) {
            for (String l = r.readLine(); l != null; l = r.readLine()) {
                if (l.contains("\"diverged\"") && l.contains("\"" + engine + "\"")) {
                    JsonNode n = SweepFiles.JSON.readTree(l);
                    if ("diverged".equals(n.path("event").asText()) && engine.equals(n.path("engine").asText())) {
                        return "diverged: " + n.path("message").asText();
                    }
                }
            }
        } catch (IOException e) {
            return "diverged (" + metrics + " unreadable: " + e.getMessage() + ")";
        }
        return "diverged";
    }

    private static Path newestRun(Path experimentDir) {
        if (!Files.isDirectory(experimentDir)) {
            return null;
        }
        try (Stream<Path> s = Files.list(experimentDir)) {
            return s.filter(p -> Files.isRegularFile(p.resolve("summary.json")))
                    .max(Comparator.comparing(p -> p.getFileName().toString())).orElse(null);
        } catch (IOException e) {
            return null;
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> readSummary(Path runDir) {
        try {
            return SweepFiles.JSON.readValue(runDir.resolve("summary.json").toFile(), Map.class);
        } catch (IOException e) {
            return null;
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> provenance(Map<String, Object> summary) {
        return summary.get("provenance") instanceof Map<?, ?> p ? (Map<String, Object>) p : null;
    }

    private void checkSameValues(int index, SweepPoint point, List<ObjectNode> prior) {
        JsonNode now = SweepRunner.SweepState.values(point);
        for (ObjectNode l : prior) {
            if (!numericallyEqual(now, l.get("values"))) {
                throw new IllegalStateException("sweep " + def.id() + ": candidate " + index + " is " + now
                        + " now but " + l.get("values") + " in " + Journal.FILE
                        + "; the generator no longer reproduces this run (start a new one with --fresh)");
            }
        }
    }

    private static boolean numericallyEqual(JsonNode a, JsonNode b) {
        if (a == null || b == null || a.size() != b.size()) {
            return false;
        }
        for (var it = a.fields(); it.hasNext(); ) {
            var e = it.next();
            JsonNode o = b.get(e.getKey());
            if (o == null) {
                return false;
            }
            if (e.getValue().isNumber() && o.isNumber()) {
                if (e.getValue().asDouble() != o.asDouble()) {
                    return false;
                }
            } else if (!e.getValue().equals(o)) {
                return false;
            }
        }
        return true;
    }

    private static CandidateOutcome fromJournal(int index, SweepPoint point, List<ObjectNode> lines) {
        List<CandidateOutcome.EngineLine> out = new ArrayList<>();
        for (ObjectNode l : lines) {
            out.add(new CandidateOutcome.EngineLine(l.path("engine").asText(),
                    l.path("score").isNumber() ? l.get("score").asDouble() : null,
                    l.path("seconds").isNumber() ? l.get("seconds").asDouble() : null,
                    l.path("status").asText(), l.path("error").isTextual() ? l.get("error").asText() : null,
                    l.path("test_accuracy").isNumber() ? l.get("test_accuracy").asDouble() : null,
                    l.path("run").isTextual() ? l.get("run").asText() : null));
        }
        return new CandidateOutcome(index, point, out, false);
    }

    private static OptimizationResult result(Candidate candidate, CandidateOutcome o, ScoreFunction scoreFunction,
                                             CandidateStatus status, long start, String error) {
        Double score = null;
        if (o != null) {
            double s = scoreFunction.score(o, (DataProvider) null, null);
            score = Double.isNaN(s) ? null : s;
        }
        CandidateInfo info = new CandidateInfo(candidate.getIndex(), status, score, start, start,
                System.currentTimeMillis(), candidate.getFlatParameters(), error);
        return new OptimizationResult(candidate, score, candidate.getIndex(), o, info, null);
    }

    private static String stackTrace(Throwable t) {
        StringWriter w = new StringWriter();
        t.printStackTrace(new PrintWriter(w));
        return w.toString();
    }

    private static void putNumber(ObjectNode n, String key, Double v) {
        if (v == null || !Double.isFinite(v)) {
            n.putNull(key);
        } else {
            n.put(key, v);
        }
    }

    private static Double num(Object o) {
        return o instanceof Number n && Double.isFinite(n.doubleValue()) ? n.doubleValue() : null;
    }
}
