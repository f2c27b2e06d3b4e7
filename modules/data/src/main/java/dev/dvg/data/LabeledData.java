package dev.dvg.data;

import java.util.Arrays;

/**
 * An in-memory data set: N examples of {@code features()} float features each, row-major, plus an
 * integer class label per example.
 *
 * <p>{@code x} holds N×F floats, example {@code i} at {@code x[i*F .. i*F+F)}. The feature shape
 * documents how the F features are laid out: {@code [1,28,28]} (C,H,W) for MNIST-family images,
 * {@code [400]} for the course's 20×20 digits (column-major cells), {@code [2]} for two moons,
 * {@code [784]} for flattened images. {@code labels} holds N ints in {@code 0..numClasses-1}, or is
 * {@code null} for an unlabelled set (the Kaggle test file). The arrays are shared, not copied:
 * treat them as read-only.
 *
 * @param name         human-readable name, used in messages and provenance ("mnist/train")
 * @param x            N×F features, row-major
 * @param labels       N labels in 0..numClasses-1, or null when unlabelled
 * @param n            number of examples N
 * @param featureShape shape of one example; its product is F
 * @param numClasses   number of classes K (labels are 0..K-1)
 */
public record LabeledData(String name, float[] x, int[] labels, int n, int[] featureShape, int numClasses) {

    public LabeledData {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name must be non-blank");
        }
        if (n < 0) {
            throw new IllegalArgumentException(name + ": n must be >= 0, got " + n);
        }
        if (featureShape == null || featureShape.length == 0) {
            throw new IllegalArgumentException(name + ": featureShape must have at least one dimension");
        }
        long f = 1;
        for (int d : featureShape) {
            if (d <= 0) {
                throw new IllegalArgumentException(name + ": featureShape dimensions must be > 0, got "
                        + Arrays.toString(featureShape));
            }
            f *= d;
        }
        if (x == null || x.length != (long) n * f) {
            throw new IllegalArgumentException(name + ": x must hold n*features = " + n + "*" + f + " floats, got "
                    + (x == null ? "null" : x.length));
        }
        if (numClasses < 1) {
            throw new IllegalArgumentException(name + ": numClasses must be >= 1, got " + numClasses);
        }
        if (labels != null) {
            if (labels.length != n) {
                throw new IllegalArgumentException(name + ": labels must hold n = " + n + " ints, got " + labels.length);
            }
            for (int i = 0; i < n; i++) {
                if (labels[i] < 0 || labels[i] >= numClasses) {
                    throw new IllegalArgumentException(name + ": label " + labels[i] + " at index " + i
                            + " is outside 0.." + (numClasses - 1));
                }
            }
        }
        featureShape = featureShape.clone();
    }

    /** F, the number of features per example (product of {@link #featureShape()}). */
    public int features() {
        int f = 1;
        for (int d : featureShape) {
            f *= d;
        }
        return f;
    }

    /** The shape of one example (a copy). */
    @Override
    public int[] featureShape() {
        return featureShape.clone();
    }

    public boolean labelled() {
        return labels != null;
    }

    /** Number of examples per class, indexed by label. */
    public long[] classCounts() {
        requireLabels();
        long[] counts = new long[numClasses];
        for (int label : labels) {
            counts[label]++;
        }
        return counts;
    }

    /** Label of example {@code i}. */
    public int label(int i) {
        requireLabels();
        return labels[i];
    }

    /** The examples {@code [from, to)} as a new data set (copies that range only). */
    public LabeledData slice(int from, int to) {
        if (from < 0 || to > n || from > to) {
            throw new IndexOutOfBoundsException(name + ": slice [" + from + ", " + to + ") outside [0, " + n + ")");
        }
        int f = features();
        return new LabeledData(name + "[" + from + ":" + to + "]", Arrays.copyOfRange(x, from * f, to * f),
                labels == null ? null : Arrays.copyOfRange(labels, from, to), to - from, featureShape, numClasses);
    }

    /** The first {@code count} examples (or all, when there are fewer). */
    public LabeledData head(int count) {
        return count >= n ? this : slice(0, count);
    }

    /** The examples at {@code indices}, in that order, as a new data set. */
    public LabeledData select(int[] indices, String newName) {
        int f = features();
        float[] nx = new float[Math.multiplyExact(indices.length, f)];
        int[] nl = labels == null ? null : new int[indices.length];
        for (int r = 0; r < indices.length; r++) {
            int i = indices[r];
            if (i < 0 || i >= n) {
                throw new IndexOutOfBoundsException(name + ": index " + i + " outside [0, " + n + ")");
            }
            System.arraycopy(x, i * f, nx, r * f, f);
            if (nl != null) {
                nl[r] = labels[i];
            }
        }
        return new LabeledData(newName, nx, nl, indices.length, featureShape, numClasses);
    }

    /** This data set with other features (same labels), e.g. after a transform. */
    public LabeledData withFeatures(String newName, float[] newX) {
        return new LabeledData(newName, newX, labels, n, featureShape, numClasses);
    }

    /** This data set with other labels (same features), e.g. binary "is-zero" labels with K = 2. */
    public LabeledData withLabels(String newName, int[] newLabels, int newNumClasses) {
        return new LabeledData(newName, x, newLabels, n, featureShape, newNumClasses);
    }

    private void requireLabels() {
        if (labels == null) {
            throw new IllegalStateException(name + " is unlabelled");
        }
    }

    @Override
    public String toString() {
        return "LabeledData[" + name + ", n=" + n + ", shape=" + Arrays.toString(featureShape) + ", K=" + numClasses
                + (labels == null ? ", unlabelled" : "") + "]";
    }
}
