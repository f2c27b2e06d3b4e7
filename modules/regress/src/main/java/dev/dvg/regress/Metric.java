package dev.dvg.regress;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The metrics a baseline holds per engine (times are never baselined: they measure the machine,
 * not the model). Each knows which direction is worse, so a verdict can tell a regression from an
 * improvement.
 */
public enum Metric {
    /** Test-set accuracy after the budget; lower is worse. */
    TEST_ACCURACY("test_accuracy", true),
    /** Loss of the last training step (minibatch loss incl. L2, before the update); higher is worse. */
    FINAL_TRAIN_LOSS("final_train_loss", false),
    /** Test-set loss after the budget; higher is worse. */
    TEST_LOSS("test_loss", false);

    private final String key;
    private final boolean higherIsBetter;

    Metric(String key, boolean higherIsBetter) {
        this.key = key;
        this.higherIsBetter = higherIsBetter;
    }

    /** The JSON key (as in summary.json and metrics.jsonl's {@code final} event). */
    public String key() {
        return key;
    }

    public boolean higherIsBetter() {
        return higherIsBetter;
    }

    /** "higher_is_better" or "lower_is_better", as written in baseline files. */
    public String direction() {
        return higherIsBetter ? "higher_is_better" : "lower_is_better";
    }

    /** {@code now - baseline} measured in the "worse" direction: positive means worse. */
    public double worsening(double baseline, double now) {
        return higherIsBetter ? baseline - now : now - baseline;
    }

    public static Metric fromKey(String key) {
        for (Metric m : values()) {
            if (m.key.equals(key)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown metric '" + key + "'; allowed: "
                + Arrays.stream(values()).map(Metric::key).collect(Collectors.joining(", ")));
    }
}
