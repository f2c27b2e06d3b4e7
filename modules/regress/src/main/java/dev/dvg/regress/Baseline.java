package dev.dvg.regress;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;

/**
 * One experiment's baseline file, {@code results/baselines/<experiment>.json}: per budget, the
 * metrics of each engine for a fixed seed, with tolerances derived from the seed spread
 * ({@link Tolerances}) and the provenance of the run that produced them; plus the history of
 * updates with their reasons.
 *
 * @param experiment experiment id (equals the file name)
 * @param budgets    budget id → section
 * @param history    every update, oldest first
 */
public record Baseline(String experiment, Map<String, Section> budgets, List<Update> history) {

    /** Current file format. */
    public static final int FORMAT = 1;

    public Baseline {
        budgets = Map.copyOf(budgets);
        history = List.copyOf(history);
    }

    /**
     * The baseline of one budget.
     *
     * @param seed        the seed the gate reruns (the experiment's first seed)
     * @param spreadSeeds the seeds the tolerances were measured over
     * @param updated     ISO-8601 instant of the update
     * @param reason      why the baseline was (re)written
     * @param runId       the run that produced it
     * @param config      the run's resolved config (model spec, optimiser, schedule): a rerun's config
     *                    is diffed against it so a regression report says what changed
     * @param provenance  summary.json's provenance of that run
     * @param engines     engine → metric → value and tolerance
     */
    public record Section(long seed, List<Long> spreadSeeds, String updated, String reason, String runId,
                          JsonNode config, JsonNode provenance, Map<String, Map<Metric, Value>> engines) {
        public Section {
            spreadSeeds = List.copyOf(spreadSeeds);
            engines = Map.copyOf(engines);
        }
    }

    /**
     * One metric's baseline.
     *
     * @param value        the metric for the section's seed
     * @param tolerance    how much worse a rerun may be and still pass
     * @param sd           sample sd over the spread seeds
     * @param perSeed      the metric for every spread seed
     * @param testExamples test set size (accuracy floors)
     * @param reason       how the tolerance was derived
     */
    public record Value(double value, double tolerance, double sd, Map<Long, Double> perSeed, int testExamples,
                        String reason) {
        public Value {
            perSeed = Map.copyOf(perSeed);
        }
    }

    /** One entry of the update history. */
    public record Update(String date, String budget, String reason, String gitCommit, String dl4jVersion) {
    }
}
