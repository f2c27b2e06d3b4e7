package dev.dvg.runner;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds summary.json (results/FORMAT.md) from the engines' outcomes: means, sd, every seed, parity. */
final class Summaries {

    private Summaries() {
    }

    static Map<String, Object> summary(ExperimentDef def, Budget budget, double minAccuracy, String runId, String status,
                                       List<Long> seeds, List<EngineOutcome> outcomes, boolean sameInit,
                                       int paritySteps, boolean comparableSpeed, Map<String, Object> provenance) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("experiment", def.id());
        s.put("run_id", runId);
        s.put("status", status);
        s.put("budget", budget.id());
        s.put("model", def.model());
        s.put("seeds", seeds);
        s.put("min_accuracy", minAccuracy);
        Map<String, Object> engines = new LinkedHashMap<>();
        for (String engine : List.of("david", "dl4j")) {
            List<EngineOutcome> mine = outcomes.stream().filter(o -> o.engine().equals(engine)).toList();
            if (!mine.isEmpty()) {
                Map<String, Object> e = engine(mine);
                e.put("meets_min_accuracy", mine.stream().allMatch(o -> !o.diverged()
                        && o.finals().get("test_accuracy") instanceof Double a && a >= minAccuracy));
                engines.put(engine, e);
            }
        }
        s.put("engines", engines);
        s.put("parity", parity(outcomes, sameInit, paritySteps));
        Object david = engines.get("david");
        Object dl4j = engines.get("dl4j");
        Double ratio = null;
        if (david instanceof Map<?, ?> d && dl4j instanceof Map<?, ?> g
                && d.get("examples_per_second") instanceof Double a && g.get("examples_per_second") instanceof Double b
                && b > 0) {
            ratio = a / b;
        }
        // full-batch minimisers: David counts f/grad evaluations, DL4J its line-search iterations (each
        // up to 5 line-search evaluations) — different work per step, so no throughput ratio
        s.put("speed_ratio", comparableSpeed ? ratio : null);
        s.put("provenance", provenance);
        return s;
    }

    private static Map<String, Object> engine(List<EngineOutcome> runs) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("test_accuracy", mean(runs, "test_accuracy"));
        e.put("test_accuracy_sd", sd(runs, "test_accuracy"));
        e.put("final_train_loss", mean(runs, "final_train_loss"));
        e.put("test_loss", mean(runs, "test_loss"));
        e.put("train_seconds", mean(runs, "train_seconds"));
        e.put("examples_per_second", mean(runs, "examples_per_second"));
        e.put("peak_heap_mb", max(runs, "peak_heap_mb"));
        e.put("peak_rss_mb", max(runs, "peak_rss_mb"));
        e.put("time_to_target_seconds", mean(runs, "time_to_target_seconds"));
        e.put("diverged", runs.stream().anyMatch(EngineOutcome::diverged));
        List<Map<String, Object>> perSeed = new ArrayList<>();
        for (EngineOutcome o : runs) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("seed", o.seed());
            p.put("test_accuracy", o.finals().get("test_accuracy"));
            p.put("final_train_loss", o.finals().get("final_train_loss"));
            p.put("train_seconds", o.finals().get("train_seconds"));
            p.put("examples_per_second", o.finals().get("examples_per_second"));
            p.put("time_to_target_seconds", o.finals().get("time_to_target_seconds"));
            p.put("diverged", o.diverged());
            p.put("model_file", o.modelFile());
            perSeed.add(p);
        }
        e.put("per_seed", perSeed);
        return e;
    }

    /** Step-by-step loss agreement over the first {@code paritySteps} steps of every seed. */
    private static Map<String, Object> parity(List<EngineOutcome> outcomes, boolean sameInit, int paritySteps) {
        double maxAbs = 0;
        double maxRel = 0;
        int compared = 0;
        for (EngineOutcome d : outcomes) {
            if (!d.engine().equals("david")) {
                continue;
            }
            for (EngineOutcome g : outcomes) {
                if (!g.engine().equals("dl4j") || g.seed() != d.seed()) {
                    continue;
                }
                int k = Math.min(paritySteps, Math.min(d.stepLosses().size(), g.stepLosses().size()));
                for (int i = 0; i < k; i++) {
                    double a = d.stepLosses().get(i);
                    double b = g.stepLosses().get(i);
                    double abs = Math.abs(a - b);
                    maxAbs = Math.max(maxAbs, abs);
                    maxRel = Math.max(maxRel, abs / Math.max(1e-12, Math.max(Math.abs(a), Math.abs(b))));
                }
                compared = Math.max(compared, k);
            }
        }
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("same_init", sameInit);
        p.put("max_abs_loss_diff", compared > 0 ? ExperimentRunner.finite(maxAbs) : null);
        p.put("max_rel_loss_diff", compared > 0 ? ExperimentRunner.finite(maxRel) : null);
        p.put("steps_compared", compared);
        return p;
    }

    private static Double mean(List<EngineOutcome> runs, String key) {
        double sum = 0;
        int n = 0;
        for (EngineOutcome o : runs) {
            if (o.finals().get(key) instanceof Number v && Double.isFinite(v.doubleValue())) {
                sum += v.doubleValue();
                n++;
            }
        }
        return n == 0 ? null : sum / n;
    }

    private static Double max(List<EngineOutcome> runs, String key) {
        Double best = null;
        for (EngineOutcome o : runs) {
            if (o.finals().get(key) instanceof Number v) {
                best = best == null ? v.doubleValue() : Math.max(best, v.doubleValue());
            }
        }
        return best;
    }

    /** Sample standard deviation over seeds (0 for one seed). */
    private static Double sd(List<EngineOutcome> runs, String key) {
        Double m = mean(runs, key);
        if (m == null) {
            return null;
        }
        double ss = 0;
        int n = 0;
        for (EngineOutcome o : runs) {
            if (o.finals().get(key) instanceof Number v && Double.isFinite(v.doubleValue())) {
                ss += (v.doubleValue() - m) * (v.doubleValue() - m);
                n++;
            }
        }
        return n < 2 ? 0.0 : Math.sqrt(ss / (n - 1));
    }
}
