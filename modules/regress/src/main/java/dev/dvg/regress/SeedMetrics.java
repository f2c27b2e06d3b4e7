package dev.dvg.regress;

import java.util.Map;

/**
 * One engine's final metrics for one seed of a run, read from the {@code final} event of
 * metrics.jsonl.
 *
 * @param engine       david or dl4j
 * @param seed         the seed
 * @param values       metric values (a metric is absent when the run wrote null, e.g. it diverged)
 * @param testExamples size of the test set (sum of the confusion matrix), 0 if unknown
 * @param diverged     the engine's run stopped on a NaN/Inf loss
 */
public record SeedMetrics(String engine, long seed, Map<Metric, Double> values, int testExamples, boolean diverged) {
    public SeedMetrics {
        values = Map.copyOf(values);
    }
}
