package dev.dvg.engine.eval;

import dev.dvg.engine.Tensor;

import java.util.Locale;

/**
 * Multi-class evaluation, like scikit-learn's {@code confusion_matrix} and
 * {@code classification_report}. The predicted class of a row is the argmax of the network output
 * (first index on ties); the true class is the argmax of the one-hot target.
 *
 * <pre>
 *   confusion[t][p] = #examples of true class t predicted as p
 *   precision_k = TP_k / (TP_k + FP_k),  recall_k = TP_k / (TP_k + FN_k),  F1_k = 2PR/(P+R)
 *   (0 when the denominator is 0, as sklearn's zero_division=0)
 *   macro avg = unweighted mean over classes; weighted avg = mean weighted by support_k
 * </pre>
 */
public final class ClassificationReport {

    private final long[][] confusion;
    private final long total;

    private ClassificationReport(long[][] confusion) {
        this.confusion = confusion;
        long t = 0;
        for (long[] row : confusion) {
            for (long v : row) {
                t += v;
            }
        }
        this.total = t;
    }

    /** From outputs A[N×K] and one-hot targets Y[N×K]. */
    public static ClassificationReport of(Tensor output, Tensor targets) {
        if (output.rank() != 2 || targets.rank() != 2 || output.dim(0) != targets.dim(0)
                || output.dim(1) != targets.dim(1)) {
            throw new IllegalArgumentException("classification report: outputs " + output + " and targets "
                    + targets + " must both be [N×K]");
        }
        int k = output.dim(1);
        if (k < 2) {
            throw new IllegalArgumentException("classification report: needs K >= 2 classes, got " + k
                    + " (use BinaryReport for a single sigmoid output)");
        }
        long[][] c = new long[k][k];
        for (int r = 0; r < output.dim(0); r++) {
            c[argmax(targets.data(), r * k, k)][argmax(output.data(), r * k, k)]++;
        }
        return new ClassificationReport(c);
    }

    /** From class indices. */
    public static ClassificationReport ofLabels(int[] trueClass, int[] predicted, int k) {
        if (trueClass.length != predicted.length) {
            throw new IllegalArgumentException("classification report: " + trueClass.length + " true labels but "
                    + predicted.length + " predictions");
        }
        long[][] c = new long[k][k];
        for (int i = 0; i < trueClass.length; i++) {
            c[trueClass[i]][predicted[i]]++;
        }
        return new ClassificationReport(c);
    }

    static int argmax(float[] a, int off, int k) {
        int best = 0;
        for (int j = 1; j < k; j++) {
            if (a[off + j] > a[off + best]) {
                best = j;
            }
        }
        return best;
    }

    public int classes() {
        return confusion.length;
    }

    public long total() {
        return total;
    }

    /** A copy of the confusion matrix, rows = true class, columns = predicted class. */
    public long[][] confusion() {
        long[][] c = new long[confusion.length][];
        for (int i = 0; i < c.length; i++) {
            c[i] = confusion[i].clone();
        }
        return c;
    }

    public double accuracy() {
        long correct = 0;
        for (int i = 0; i < confusion.length; i++) {
            correct += confusion[i][i];
        }
        return total == 0 ? 0 : (double) correct / total;
    }

    public long support(int k) {
        long s = 0;
        for (long v : confusion[k]) {
            s += v;
        }
        return s;
    }

    public double precision(int k) {
        long predicted = 0;
        for (long[] row : confusion) {
            predicted += row[k];
        }
        return predicted == 0 ? 0 : (double) confusion[k][k] / predicted;
    }

    public double recall(int k) {
        long s = support(k);
        return s == 0 ? 0 : (double) confusion[k][k] / s;
    }

    public double f1(int k) {
        double p = precision(k);
        double r = recall(k);
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    /** Metric kinds for the averages. */
    public enum Metric { PRECISION, RECALL, F1 }

    public double macroAverage(Metric m) {
        double s = 0;
        for (int k = 0; k < classes(); k++) {
            s += metric(m, k);
        }
        return s / classes();
    }

    public double weightedAverage(Metric m) {
        double s = 0;
        for (int k = 0; k < classes(); k++) {
            s += metric(m, k) * support(k);
        }
        return total == 0 ? 0 : s / total;
    }

    private double metric(Metric m, int k) {
        return switch (m) {
            case PRECISION -> precision(k);
            case RECALL -> recall(k);
            case F1 -> f1(k);
        };
    }

    /** The report as sklearn prints it (4 decimals). */
    public String render() {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "%12s %9s %9s %9s %9s%n", "", "precision", "recall", "f1-score", "support"));
        for (int k = 0; k < classes(); k++) {
            b.append(String.format(Locale.ROOT, "%12d %9.4f %9.4f %9.4f %9d%n", k, precision(k), recall(k), f1(k),
                    support(k)));
        }
        b.append(String.format(Locale.ROOT, "%n%12s %9s %9s %9.4f %9d%n", "accuracy", "", "", accuracy(), total));
        b.append(String.format(Locale.ROOT, "%12s %9.4f %9.4f %9.4f %9d%n", "macro avg", macroAverage(Metric.PRECISION),
                macroAverage(Metric.RECALL), macroAverage(Metric.F1), total));
        b.append(String.format(Locale.ROOT, "%12s %9.4f %9.4f %9.4f %9d%n", "weighted avg",
                weightedAverage(Metric.PRECISION), weightedAverage(Metric.RECALL), weightedAverage(Metric.F1), total));
        return b.toString();
    }

    @Override
    public String toString() {
        return render();
    }
}
