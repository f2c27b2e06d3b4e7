package dev.dvg.engine.eval;

import dev.dvg.engine.Tensor;

import java.util.Arrays;
import java.util.Locale;

/**
 * Binary evaluation for single-output sigmoid models (the "is-zero" models): predicted positive iff
 * the output p ≥ {@link #THRESHOLD}; targets are 0/1.
 *
 * <pre>
 *   confusion  [[TN, FP], [FN, TP]]   (rows = true 0/1, columns = predicted 0/1, as sklearn)
 *   accuracy = (TP+TN)/N, precision = TP/(TP+FP), recall = TP/(TP+FN), F1 = 2PR/(P+R)   (0 if 0/0)
 *   ROC AUC  = P(score of a random positive > score of a random negative) + ½ P(tie)
 *              (Mann–Whitney U / (n₊·n₋), ties get average ranks; NaN if a class is absent)
 * </pre>
 */
public final class BinaryReport {

    /** Decision threshold on the sigmoid output. */
    public static final double THRESHOLD = 0.5;

    private final long tp;
    private final long fp;
    private final long tn;
    private final long fn;
    private final double auc;

    private BinaryReport(long tp, long fp, long tn, long fn, double auc) {
        this.tp = tp;
        this.fp = fp;
        this.tn = tn;
        this.fn = fn;
        this.auc = auc;
    }

    /** From outputs A[N×1] (probabilities) and targets Y[N×1] (0/1). */
    public static BinaryReport of(Tensor output, Tensor targets) {
        if (output.size() != targets.size() || output.perExample() != 1 || targets.perExample() != 1) {
            throw new IllegalArgumentException("binary report: outputs " + output + " and targets " + targets
                    + " must both be [N×1]");
        }
        return of(output.toArray(), targets.toArray());
    }

    public static BinaryReport of(float[] scores, float[] labels) {
        if (scores.length != labels.length) {
            throw new IllegalArgumentException("binary report: " + scores.length + " scores but " + labels.length
                    + " labels");
        }
        long tp = 0;
        long fp = 0;
        long tn = 0;
        long fn = 0;
        for (int i = 0; i < scores.length; i++) {
            if (labels[i] != 0f && labels[i] != 1f) {
                throw new IllegalArgumentException("binary report: label " + i + " is " + labels[i] + ", expected 0 or 1");
            }
            boolean pos = labels[i] == 1f;
            boolean pred = scores[i] >= THRESHOLD;
            if (pos && pred) {
                tp++;
            } else if (pos) {
                fn++;
            } else if (pred) {
                fp++;
            } else {
                tn++;
            }
        }
        return new BinaryReport(tp, fp, tn, fn, rocAuc(scores, labels));
    }

    /** ROC AUC by the rank-sum (Mann–Whitney) formula with average ranks for ties. */
    static double rocAuc(float[] scores, float[] labels) {
        int n = scores.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Float.compare(scores[a], scores[b]));
        double rankSumPos = 0;
        long pos = 0;
        int i = 0;
        while (i < n) {
            int j = i;
            while (j + 1 < n && scores[order[j + 1]] == scores[order[i]]) {
                j++;
            }
            double avgRank = (i + j) / 2.0 + 1;
            for (int t = i; t <= j; t++) {
                if (labels[order[t]] == 1f) {
                    rankSumPos += avgRank;
                    pos++;
                }
            }
            i = j + 1;
        }
        long neg = n - pos;
        if (pos == 0 || neg == 0) {
            return Double.NaN;
        }
        return (rankSumPos - pos * (pos + 1) / 2.0) / ((double) pos * neg);
    }

    public long truePositives() {
        return tp;
    }

    public long falsePositives() {
        return fp;
    }

    public long trueNegatives() {
        return tn;
    }

    public long falseNegatives() {
        return fn;
    }

    /** [[TN, FP], [FN, TP]]. */
    public long[][] confusion() {
        return new long[][]{{tn, fp}, {fn, tp}};
    }

    public long total() {
        return tp + fp + tn + fn;
    }

    public double accuracy() {
        return total() == 0 ? 0 : (double) (tp + tn) / total();
    }

    public double precision() {
        return tp + fp == 0 ? 0 : (double) tp / (tp + fp);
    }

    public double recall() {
        return tp + fn == 0 ? 0 : (double) tp / (tp + fn);
    }

    public double f1() {
        double p = precision();
        double r = recall();
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    public double rocAuc() {
        return auc;
    }

    public String render() {
        return String.format(Locale.ROOT, "accuracy %.4f  precision %.4f  recall %.4f  f1 %.4f  roc_auc %.4f%n"
                        + "confusion [[TN %d, FP %d], [FN %d, TP %d]]  (threshold %.1f, n = %d)%n",
                accuracy(), precision(), recall(), f1(), auc, tn, fp, fn, tp, THRESHOLD, total());
    }

    @Override
    public String toString() {
        return render();
    }
}
