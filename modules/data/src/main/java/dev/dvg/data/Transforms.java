package dev.dvg.data;

/**
 * Feature and label transforms. All return new data (inputs are never modified) and are deterministic.
 * Loaders already scale pixels to [0,1] (÷255); {@link #scale} exists for other scalings.
 */
public final class Transforms {
    private Transforms() {
    }

    /** How labels become the float target matrix Y handed to the engines. */
    public enum TargetKind {
        /** N×K, 1 in the label's column, 0 elsewhere (softmax / per-output sigmoid nets). */
        ONE_HOT,
        /** N×1, the label itself as 0 or 1 (a single sigmoid output); needs K = 2. */
        BINARY
    }

    /** x·factor for every feature. */
    public static LabeledData scale(LabeledData data, float factor) {
        float[] out = new float[data.x().length];
        for (int i = 0; i < out.length; i++) {
            out[i] = data.x()[i] * factor;
        }
        return data.withFeatures(data.name() + "*" + factor, out);
    }

    /**
     * Per-example z-score: each example's features minus their mean, divided by their (population)
     * standard deviation; a constant example becomes all zeros.
     */
    public static LabeledData zScorePerExample(LabeledData data) {
        int f = data.features();
        float[] x = data.x();
        float[] out = new float[x.length];
        for (int i = 0; i < data.n(); i++) {
            int o = i * f;
            double sum = 0;
            for (int j = 0; j < f; j++) {
                sum += x[o + j];
            }
            double mean = sum / f;
            double sq = 0;
            for (int j = 0; j < f; j++) {
                double d = x[o + j] - mean;
                sq += d * d;
            }
            double sd = Math.sqrt(sq / f);
            double inv = sd > 0 ? 1.0 / sd : 0.0;
            for (int j = 0; j < f; j++) {
                out[o + j] = (float) ((x[o + j] - mean) * inv);
            }
        }
        return data.withFeatures(data.name() + "/zscore", out);
    }

    /** Binary labels: 1 where the label equals {@code positive} (e.g. 0 for "is-zero"), else 0; K = 2. */
    public static LabeledData isClass(LabeledData data, int positive) {
        if (positive < 0 || positive >= data.numClasses()) {
            throw new IllegalArgumentException(data.name() + ": class " + positive + " outside 0.." + (data.numClasses() - 1));
        }
        int[] out = new int[data.n()];
        for (int i = 0; i < out.length; i++) {
            out[i] = data.labels()[i] == positive ? 1 : 0;
        }
        return data.withLabels(data.name() + "/is-" + positive, out, 2);
    }

    /** One-hot targets, N×K row-major. */
    public static float[] oneHot(int[] labels, int k) {
        float[] y = new float[Math.multiplyExact(labels.length, k)];
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= k) {
                throw new IllegalArgumentException("label " + labels[i] + " at index " + i + " outside 0.." + (k - 1));
            }
            y[i * k + labels[i]] = 1f;
        }
        return y;
    }

    /** Number of target columns for a kind: K for one-hot, 1 for binary. */
    public static int targetWidth(LabeledData data, TargetKind kind) {
        return kind == TargetKind.ONE_HOT ? data.numClasses() : 1;
    }

    /** The target matrix Y (N×width, row-major) of a labelled data set. */
    public static float[] targets(LabeledData data, TargetKind kind) {
        if (!data.labelled()) {
            throw new IllegalArgumentException(data.name() + " is unlabelled: no targets");
        }
        if (kind == TargetKind.ONE_HOT) {
            return oneHot(data.labels(), data.numClasses());
        }
        if (data.numClasses() != 2) {
            throw new IllegalArgumentException(data.name() + ": BINARY targets need K = 2, got " + data.numClasses()
                    + " (use isClass first)");
        }
        float[] y = new float[data.n()];
        for (int i = 0; i < y.length; i++) {
            y[i] = data.labels()[i];
        }
        return y;
    }

    /** The examples in the order of {@code RandomState(seed).permutation(n)}. */
    public static LabeledData shuffle(LabeledData data, long seed) {
        return data.select(new NumpyRandomState(seed).permutation(data.n()), data.name() + "/shuffled(" + seed + ")");
    }

    /** Index of the largest value in each row of an N×K matrix (predicted class). */
    public static int[] argmaxRows(float[] scores, int n, int k) {
        if ((long) n * k != scores.length) {
            throw new IllegalArgumentException("scores hold " + scores.length + " values, expected " + n + "x" + k);
        }
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            int best = 0;
            for (int j = 1; j < k; j++) {
                if (scores[i * k + j] > scores[i * k + best]) {
                    best = j;
                }
            }
            out[i] = best;
        }
        return out;
    }
}
