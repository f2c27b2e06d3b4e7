package dev.dvg.sweeps;

import java.util.Arrays;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * What a candidate is judged by, per engine, from its run's summary.json (means over its seeds).
 *
 * @param metric    the summary number
 * @param maximize  the direction (each metric has one natural direction; the file may only restate it)
 * @param target    the accuracy timed by {@link Metric#TIME_TO_TARGET} (null = the experiment's targetAccuracy)
 */
public record Score(Metric metric, boolean maximize, Double target) {

    public Score {
        Objects.requireNonNull(metric, "metric");
        if (maximize != metric.maximize) {
            throw new IllegalArgumentException("direction of " + metric.id + " must be "
                    + (metric.maximize ? "maximize" : "minimize"));
        }
    }

    public String direction() {
        return maximize ? "maximize" : "minimize";
    }

    /** Whether {@code a} is a better score than {@code b}. */
    public boolean better(double a, double b) {
        return maximize ? a > b : a < b;
    }

    /** The sweepable scores. */
    public enum Metric {
        /** Test accuracy at the end of training. */
        TEST_ACCURACY("test_accuracy", "test_accuracy", true),
        /** Test loss at the end of training (the loss incl. L2). */
        TEST_LOSS("test_loss", "test_loss", false),
        /** Training seconds until the test accuracy first reached the target (evaluation points only). */
        TIME_TO_TARGET("time_to_target", "time_to_target_seconds", false);

        private final String id;
        private final String summaryKey;
        private final boolean maximize;

        Metric(String id, String summaryKey, boolean maximize) {
            this.id = id;
            this.summaryKey = summaryKey;
            this.maximize = maximize;
        }

        public String id() {
            return id;
        }

        /** Key of engines.&lt;engine&gt; in summary.json, also the score_name of candidates.jsonl. */
        public String summaryKey() {
            return summaryKey;
        }

        public boolean naturallyMaximized() {
            return maximize;
        }

        public static Metric fromId(String id) {
            for (Metric m : values()) {
                if (m.id.equals(id)) {
                    return m;
                }
            }
            throw new IllegalArgumentException("unknown metric '" + id + "'; allowed: "
                    + Arrays.stream(values()).map(Metric::id).collect(Collectors.joining(", ")));
        }
    }
}
