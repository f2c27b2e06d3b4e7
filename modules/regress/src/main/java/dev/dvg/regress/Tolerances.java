package dev.dvg.regress;

import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * How a baseline's tolerance is derived from the seed-to-seed spread of a metric: the tolerance is
 * {@code max(3·sd, floor)} with sd the sample standard deviation over the spread seeds (≥ 3).
 *
 * <p>Why the seed spread: David is bit-deterministic for a seed and so is DL4J on one machine (the
 * gate's rerun reproduces the baseline exactly there), so on the baseline's machine any delta is
 * caused by a change. A change to code, JDK or DL4J that only reorders float32 arithmetic perturbs
 * the trajectory like a different seed does — minibatch SGD amplifies an ulp into a different
 * model — so "no worse than 3 sd of the seed spread" separates such perturbations from real
 * regressions (a learning rate ×100, a wrong gradient), which move the metrics by many sd.
 *
 * <p>Why a floor: three seeds can agree by chance (moons' 100 test points; full-batch L-BFGS),
 * giving sd ≈ 0, while another machine's vector width (AVX2 vs AVX-512 in David's kernels and in
 * OpenBLAS) still flips a borderline test example or two. Accuracy: at least
 * {@value #ACCURACY_FLOOR_EXAMPLES} test examples and at least {@value #ACCURACY_FLOOR_ABS}.
 * Losses: at least {@value #LOSS_FLOOR_REL} of the value and {@value #LOSS_FLOOR_ABS}.
 */
public final class Tolerances {

    /** Minimum accuracy tolerance in test examples. */
    public static final int ACCURACY_FLOOR_EXAMPLES = 2;
    /** Minimum absolute accuracy tolerance. */
    public static final double ACCURACY_FLOOR_ABS = 0.002;
    /** Minimum loss tolerance relative to the baseline value. */
    public static final double LOSS_FLOOR_REL = 0.02;
    /** Minimum absolute loss tolerance. */
    public static final double LOSS_FLOOR_ABS = 1e-4;
    /** The spread multiplier. */
    public static final double SIGMAS = 3;

    private Tolerances() {
    }

    /** A derived tolerance with the spread it came from and a sentence saying why. */
    public record Derived(double tolerance, double sd, String reason) {
    }

    /**
     * Tolerance of {@code metric} around {@code value} given the per-seed values (≥ 3 seeds) and the
     * test set size (for accuracy floors; 0 if unknown).
     */
    public static Derived derive(Metric metric, double value, Map<Long, Double> perSeed, int testExamples) {
        if (perSeed.size() < 3) {
            throw new IllegalArgumentException("a tolerance needs the metric over >= 3 seeds, got " + perSeed.size()
                    + " (" + perSeed.keySet() + "): run the update with --seeds 3");
        }
        double sd = sd(perSeed.values().stream().mapToDouble(Double::doubleValue).toArray());
        double spread = SIGMAS * sd;
        double floor;
        String floorWhy;
        if (metric == Metric.TEST_ACCURACY) {
            double byExamples = testExamples > 0 ? (double) ACCURACY_FLOOR_EXAMPLES / testExamples : 0;
            floor = Math.max(ACCURACY_FLOOR_ABS, byExamples);
            floorWhy = String.format(Locale.ROOT, "floor %.4f = max(%s, %d of %d test examples)", floor,
                    ACCURACY_FLOOR_ABS, ACCURACY_FLOOR_EXAMPLES, testExamples);
        } else {
            floor = Math.max(LOSS_FLOOR_ABS, LOSS_FLOOR_REL * Math.abs(value));
            floorWhy = String.format(Locale.ROOT, "floor %.3g = max(%s, %.0f%% of %.4g)", floor, LOSS_FLOOR_ABS,
                    100 * LOSS_FLOOR_REL, Math.abs(value));
        }
        double tol = Math.max(spread, floor);
        String values = perSeed.entrySet().stream()
                .map(e -> "seed " + e.getKey() + ": " + String.format(Locale.ROOT, "%.6g", e.getValue()))
                .collect(Collectors.joining(", "));
        String reason = String.format(Locale.ROOT,
                "max(3·sd, floor): sd over %d seeds = %.3g (%s) so 3·sd = %.3g; %s (float32 reduction order "
                        + "differs across machines/JDKs); %s wins",
                perSeed.size(), sd, values, spread, floorWhy, tol == spread && spread > floor ? "3·sd" : "the floor");
        return new Derived(tol, sd, reason);
    }

    /** Sample standard deviation (n - 1). */
    static double sd(double[] v) {
        if (v.length < 2) {
            return 0;
        }
        double mean = 0;
        for (double x : v) {
            mean += x;
        }
        mean /= v.length;
        double ss = 0;
        for (double x : v) {
            ss += (x - mean) * (x - mean);
        }
        return Math.sqrt(ss / (v.length - 1));
    }
}
