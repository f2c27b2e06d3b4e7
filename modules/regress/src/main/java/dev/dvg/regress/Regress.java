package dev.dvg.regress;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dvg.models.DataRecipe;
import dev.dvg.models.ReferenceModels;
import dev.dvg.runner.Budget;
import dev.dvg.runner.DataSources;
import dev.dvg.runner.ExperimentDef;
import dev.dvg.runner.ExperimentLoader;
import dev.dvg.runner.ExperimentRunner;
import dev.dvg.runner.RunOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The accuracy regression gate: reruns experiments for their baseline seed and compares them with
 * {@code results/baselines/<experiment>.json} ({@link #check}), compares existing run folders
 * ({@link #compareRuns}), or rewrites baselines from runs over ≥ 3 seeds ({@link #update},
 * {@link #updateFromRuns}). Every mode writes regress.json and regress.md into the output folder.
 */
public final class Regress {

    private static final Logger log = LoggerFactory.getLogger(Regress.class);

    /**
     * @param experimentsDir    experiments/ (YAML files)
     * @param store             the baselines folder
     * @param outDir            where reruns, regress.json and regress.md go
     * @param repoRoot          the checkout (git commit in provenance)
     * @param data              data sources for the runner
     * @param budget            the budget to rerun/compare
     * @param davidThreads      override of David's threads (0 = the experiment's)
     * @param dl4jThreads       override of DL4J's threads (0 = the experiment's)
     * @param skipMissingDigits skip (visibly) experiments on the 20×20 digits when no digits file is
     *                          given, instead of reporting an error
     * @param progress          progress lines
     */
    public record Options(Path experimentsDir, BaselineStore store, Path outDir, Path repoRoot, DataSources data,
                          Budget budget, int davidThreads, int dl4jThreads, boolean skipMissingDigits,
                          PrintWriter progress) {
        public Options {
            Objects.requireNonNull(experimentsDir, "experimentsDir");
            Objects.requireNonNull(store, "store");
            Objects.requireNonNull(outDir, "outDir");
            Objects.requireNonNull(budget, "budget");
            Objects.requireNonNull(progress, "progress");
        }
    }

    private final Options opt;
    private final ExperimentLoader loader;
    private final ExperimentRunner runner = new ExperimentRunner();

    public Regress(Options opt) {
        this.opt = opt;
        this.loader = new ExperimentLoader(opt.experimentsDir());
    }

    /** Asks a running rerun to stop (for a shutdown hook). */
    public void requestStop() {
        runner.requestStop();
    }

    /** The single-model experiments named by {@code ids} (suites expanded); all of them when empty. */
    public List<ExperimentDef> experiments(List<String> ids) throws IOException {
        List<ExperimentDef> out = new ArrayList<>();
        List<String> names = ids.isEmpty() ? loader.ids() : ids;
        for (String id : names) {
            for (ExperimentDef d : loader.expand(id)) {
                if (out.stream().noneMatch(x -> x.id().equals(d.id()))) {
                    out.add(d);
                }
            }
        }
        return out;
    }

    /** Reruns each experiment for its first seed under the budget and compares it with its baseline. */
    public Report check(List<String> ids) throws IOException {
        String started = Instant.now().toString();
        List<ExperimentResult> results = new ArrayList<>();
        for (ExperimentDef def : experiments(ids)) {
            if (runner.stopRequested()) {
                results.add(ExperimentResult.skipped(def.id(), "interrupted before it ran"));
                continue;
            }
            results.add(checkOne(def));
        }
        return finish("check", started, results);
    }

    private ExperimentResult checkOne(ExperimentDef def) {
        String id = def.id();
        Baseline.Section section;
        try {
            Baseline b = opt.store().read(id);
            section = b.budgets().get(opt.budget().id());
            if (section == null) {
                return ExperimentResult.error(id, null, opt.store().file(id) + ": key 'budgets." + opt.budget().id()
                        + "': no baseline for this budget (it has: " + b.budgets().keySet() + "); create it with --update");
            }
            def.budget(opt.budget());
            if (def.seeds().isEmpty() || def.seeds().get(0) != section.seed()) {
                return ExperimentResult.error(id, null, opt.store().file(id) + ": key 'budgets." + opt.budget().id()
                        + ".seed': the baseline was made for seed " + section.seed() + " but " + def.source()
                        + " now starts with seed " + (def.seeds().isEmpty() ? "(none)" : def.seeds().get(0))
                        + "; rerun with --update --reason \"...\"");
            }
        } catch (RegressException | IOException | IllegalArgumentException e) {
            return ExperimentResult.error(id, null, e.getMessage());
        }
        String skip = skipReason(def);
        if (skip != null) {
            return ExperimentResult.skipped(id, skip);
        }
        RunRecord run;
        try {
            run = runAndRead(def, 1);
        } catch (IOException | RuntimeException e) {
            log.warn("{}: rerun failed", id, e);
            return ExperimentResult.error(id, null, "the rerun failed: " + e.getMessage());
        }
        return Comparison.compare(id, section, run);
    }

    /** Compares existing run folders (each with summary.json) with their baselines; no training. */
    public Report compareRuns(List<Path> runDirs) throws IOException {
        String started = Instant.now().toString();
        List<ExperimentResult> results = new ArrayList<>();
        for (Path dir : runDirs) {
            RunRecord run;
            try {
                run = RunRecord.read(dir);
            } catch (RegressException e) {
                results.add(ExperimentResult.error(dir.getFileName().toString(), dir, e.getMessage()));
                continue;
            }
            try {
                if (!run.budget().equals(opt.budget().id())) {
                    results.add(ExperimentResult.error(run.experiment(), dir, dir + ": a '" + run.budget()
                            + "' run cannot be compared with '" + opt.budget().id() + "' baselines (pass --budget "
                            + run.budget() + ")"));
                    continue;
                }
                Baseline b = opt.store().read(run.experiment());
                Baseline.Section s = b.budgets().get(run.budget());
                if (s == null) {
                    results.add(ExperimentResult.error(run.experiment(), dir, opt.store().file(run.experiment())
                            + ": key 'budgets." + run.budget() + "': no baseline for this budget"));
                    continue;
                }
                results.add(Comparison.compare(run.experiment(), s, run));
            } catch (RegressException e) {
                results.add(ExperimentResult.error(run.experiment(), dir, e.getMessage()));
            }
        }
        return finish("compare", started, results);
    }

    /** Runs each experiment over its first {@code seeds} seeds (≥ 3) and rewrites its baseline for the budget. */
    public Report update(List<String> ids, int seeds, String reason) throws IOException {
        requireReason(reason);
        if (seeds < 3) {
            throw new IllegalArgumentException("--seeds must be >= 3 for --update: tolerances come from the seed spread");
        }
        String started = Instant.now().toString();
        List<ExperimentResult> results = new ArrayList<>();
        for (ExperimentDef def : experiments(ids)) {
            String skip = skipReason(def);
            if (skip != null) {
                results.add(ExperimentResult.skipped(def.id(), skip + "; its baseline was left as it is"));
                continue;
            }
            if (def.seeds().size() < 3) {
                results.add(ExperimentResult.error(def.id(), null, def.source() + ": seeds: an update needs >= 3 seeds, the file lists "
                        + def.seeds()));
                continue;
            }
            RunRecord run;
            try {
                run = runAndRead(def, seeds);
            } catch (IOException | RuntimeException e) {
                log.warn("{}: run failed", def.id(), e);
                results.add(ExperimentResult.error(def.id(), null, "the run failed: " + e.getMessage()));
                continue;
            }
            try {
                results.add(write(run, reason));
            } catch (RegressException e) {
                results.add(ExperimentResult.error(def.id(), run.dir(), e.getMessage()));
            }
        }
        return finish("update", started, results);
    }

    /** Rewrites baselines from existing run folders (each over ≥ 3 seeds). */
    public Report updateFromRuns(List<Path> runDirs, String reason) throws IOException {
        requireReason(reason);
        String started = Instant.now().toString();
        List<ExperimentResult> results = new ArrayList<>();
        for (Path dir : runDirs) {
            try {
                RunRecord run = RunRecord.read(dir);
                ExperimentDef def = loader.load(run.experiment());
                long first = seedsOf(run).get(0);
                if (!def.seeds().isEmpty() && def.seeds().get(0) != first) {
                    throw new RegressException(dir + ": the run starts with seed " + first + " but " + def.source()
                            + " starts with " + def.seeds().get(0) + ": the gate would rerun another seed");
                }
                results.add(write(run, reason));
            } catch (RegressException | IllegalArgumentException e) {
                results.add(ExperimentResult.error(dir.getFileName().toString(), dir, e.getMessage()));
            }
        }
        return finish("update", started, results);
    }

    private ExperimentResult write(RunRecord run, String reason) throws IOException {
        Budget budget = Budget.fromId(run.budget());
        if (budget != opt.budget()) {
            throw new RegressException(run.dir() + ": a '" + run.budget() + "' run cannot update the '" + opt.budget().id()
                    + "' baseline (pass --budget " + run.budget() + ")");
        }
        if (!"complete".equals(run.status())) {
            throw new RegressException(run.dir() + ": the run is " + run.status() + "; only complete runs become baselines");
        }
        Baseline.Section section = section(run, reason);
        String id = run.experiment();
        Map<String, Baseline.Section> budgets = new LinkedHashMap<>();
        List<Baseline.Update> history = new ArrayList<>();
        if (opt.store().exists(id)) {
            Baseline old = opt.store().read(id);
            budgets.putAll(old.budgets());
            history.addAll(old.history());
        }
        budgets.put(budget.id(), section);
        JsonNode prov = run.provenance();
        history.add(new Baseline.Update(section.updated(), budget.id(), reason, text(prov, "git_commit"),
                text(prov, "dl4j_version")));
        opt.store().write(new Baseline(id, budgets, history));
        List<Check> rows = new ArrayList<>();
        for (Map.Entry<String, Map<Metric, Baseline.Value>> e : new TreeMap<>(section.engines()).entrySet()) {
            for (Map.Entry<Metric, Baseline.Value> m : e.getValue().entrySet()) {
                rows.add(new Check(e.getKey(), m.getKey().key(), m.getValue().value(), m.getValue().value(), 0.0,
                        m.getValue().tolerance(), Verdict.OK, "baseline written; sd " + ReportWriter.num(m.getValue().sd())));
            }
        }
        return new ExperimentResult(id, Verdict.OK, run.dir(), "wrote " + opt.store().file(id) + " (" + budget.id()
                + ", seed " + section.seed() + ", spread over seeds " + section.spreadSeeds() + ")", List.of(), rows, run);
    }

    /** Builds a baseline section from a run over ≥ 3 seeds. */
    static Baseline.Section section(RunRecord run, String reason) {
        List<Long> seeds = seedsOf(run);
        if (seeds.size() < 3) {
            throw new RegressException(run.dir() + ": the run has seeds " + seeds
                    + "; a baseline needs >= 3 to measure the seed spread (dvg regress --update --seeds 3)");
        }
        long seed = seeds.get(0);
        Map<String, Map<Metric, Baseline.Value>> engines = new LinkedHashMap<>();
        for (String engine : run.engines()) {
            Map<Metric, Baseline.Value> values = new EnumMap<>(Metric.class);
            List<SeedMetrics> mine = run.seeds().stream().filter(s -> s.engine().equals(engine)).toList();
            for (SeedMetrics s : mine) {
                if (s.diverged()) {
                    throw new RegressException(run.dir() + ": " + engine + " seed " + s.seed()
                            + " diverged; a diverged run cannot be a baseline");
                }
            }
            SeedMetrics first = mine.stream().filter(s -> s.seed() == seed).findFirst().orElseThrow(
                    () -> new RegressException(run.dir() + ": no final metrics for " + engine + " seed " + seed));
            for (Metric m : Metric.values()) {
                Map<Long, Double> perSeed = new TreeMap<>();
                for (SeedMetrics s : mine) {
                    Double v = s.values().get(m);
                    if (v != null) {
                        perSeed.put(s.seed(), v);
                    }
                }
                Double v = first.values().get(m);
                if (v == null) {
                    if (m == Metric.TEST_ACCURACY) {
                        throw new RegressException(run.dir() + ": " + engine + " seed " + seed + " has no test_accuracy");
                    }
                    continue;
                }
                if (perSeed.size() < 3) {
                    continue;
                }
                Tolerances.Derived d = Tolerances.derive(m, v, perSeed, first.testExamples());
                values.put(m, new Baseline.Value(v, d.tolerance(), d.sd(), perSeed, m == Metric.TEST_ACCURACY ? first.testExamples() : 0,
                        d.reason()));
            }
            engines.put(engine, values);
        }
        return new Baseline.Section(seed, seeds, Instant.now().toString(), reason, run.runId(), run.config(),
                run.provenance(), engines);
    }

    private static List<Long> seedsOf(RunRecord run) {
        List<Long> seeds = new ArrayList<>();
        for (SeedMetrics s : run.seeds()) {
            if (!seeds.contains(s.seed())) {
                seeds.add(s.seed());
            }
        }
        if (seeds.isEmpty()) {
            throw new RegressException(run.dir().resolve("metrics.jsonl") + ": no 'final' events (did the run finish?)");
        }
        return seeds;
    }

    private RunRecord runAndRead(ExperimentDef def, int seeds) throws IOException {
        RunOptions ro = new RunOptions(opt.budget(), seeds, opt.outDir(), opt.repoRoot(), opt.data(), opt.davidThreads(),
                opt.dl4jThreads(), opt.progress());
        ExperimentRunner.RunResult r = runner.run(def, ro);
        return RunRecord.read(r.dir());
    }

    /** Why {@code def} cannot run here, or null. */
    private String skipReason(ExperimentDef def) {
        if (!opt.skipMissingDigits() || opt.data() == null) {
            return null;
        }
        DataRecipe.Dataset ds = ReferenceModels.get(def.model()).data().dataset();
        if (ds != DataRecipe.Dataset.DIGITS20) {
            return null;
        }
        Path given = opt.data().digits();
        if (given != null) {
            return java.nio.file.Files.isRegularFile(given) ? null
                    : "needs the 20x20 digits file and " + given + " does not exist: set -Ddvg.shared.data or pass --digits";
        }
        try {
            opt.data().catalog().digits20();   // the runner's own chain: cache, installed opencv-doc, download
            return null;
        } catch (IOException e) {
            String msg = String.valueOf(e.getMessage());
            int nl = msg.indexOf('\n');
            return "the 20x20 digits are not available here (" + (nl > 0 ? msg.substring(0, nl) : msg)
                    + "): set -Ddvg.shared.data or pass --digits";
        }
    }

    private Report finish(String mode, String started, List<ExperimentResult> results) throws IOException {
        String dl4j = null;
        String git = null;
        for (ExperimentResult r : results) {
            if (r.run() != null) {
                dl4j = text(r.run().provenance(), "dl4j_version");
                git = text(r.run().provenance(), "git_commit");
                break;
            }
        }
        Report report = new Report(opt.budget().id(), mode, started, Instant.now().toString(), opt.outDir(),
                opt.store().dir(), dl4j, git, results);
        ReportWriter.write(report);
        return report;
    }

    private static void requireReason(String reason) {
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("--update needs --reason \"...\": baselines record why they changed");
        }
    }

    private static String text(JsonNode n, String key) {
        JsonNode v = n == null ? null : n.get(key);
        return v == null || v.isNull() ? null : v.asText();
    }
}
