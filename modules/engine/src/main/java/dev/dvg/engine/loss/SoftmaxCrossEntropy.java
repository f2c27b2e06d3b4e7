package dev.dvg.engine.loss;

import dev.dvg.engine.Tensor;
import dev.dvg.engine.layer.Softmax;
import dev.dvg.engine.spec.LossKind;
import dev.dvg.kernels.Elementwise;
import dev.dvg.kernels.Exec;

/**
 * Softmax cross-entropy (multi-class), averaged over the N examples:
 *
 * <pre>
 *   L  = (1/N) Σ_n Σ_k −y[n,k] · log softmax(z[n,:])_k
 *      = (1/N) Σ_n Σ_k  y[n,k] · (lse(z[n,:]) − z[n,k]),   lse(z) = m + log Σ_j e^{z_j − m}, m = max_j z_j
 *   dZ = (softmax(Z) − Y) / N          (valid when each row of Y sums to 1)
 * </pre>
 *
 * The log-sum-exp form never evaluates log 0, so the loss is finite for any Z. DL4J's
 * {@code LossMCXENT} computes −Σ y·log(p) on the softmax output (clipping p at 1e−10) with the same
 * fused gradient p − y; the two agree to float rounding unless a target class has p &lt; 1e−10.
 *
 * <p>One exponential per entry, e_j = e^(z_j − max) in float ({@link Elementwise#expNonPositive},
 * about 1 ulp; vector lanes in {@link Elementwise#softmaxCrossEntropyRows}), serves both the
 * log-sum-exp (summed in double) and the softmax e_j / Σe; {@link #value} computes the same loss
 * bits without the gradient. {@link #valueAndGradient} splits rows over the executor's threads when
 * there are many (a full batch of 60,000 is 600,000 exponentials); each row's loss goes to a buffer
 * and the buffer is summed in row order, so the value is the same bit for bit for any thread count.
 */
public final class SoftmaxCrossEntropy implements Loss {

    /** Below this many entries the rows run on the caller's thread only. */
    static final int PARALLEL_MIN_ENTRIES = 1 << 15;

    private final Exec exec;
    private double[] rowLoss = new double[0];
    // the call that run(lo, hi) serves
    private float[] zd;
    private float[] yd;
    private float[] g;
    private int k;
    private int n;
    /** {@link #run} as the loop body, typed as the interface (see {@link Exec}, "The body"). */
    private final Exec.RangeBody body = this::run;

    /** Rows on the caller's thread only. */
    public SoftmaxCrossEntropy() {
        this(Exec.serial());
    }

    /** Rows split over {@code exec}'s threads when there are many. */
    public SoftmaxCrossEntropy(Exec exec) {
        this.exec = exec;
    }

    @Override
    public LossKind kind() {
        return LossKind.SOFTMAX_CE;
    }

    @Override
    public double value(Tensor z, Tensor y) {
        int n = Loss.check(z, y, "softmax_ce");
        int k = z.dim(1);
        float[] zd = z.data();
        float[] yd = y.data();
        double sum = 0;
        for (int r = 0; r < n; r++) {
            sum += Elementwise.softmaxCrossEntropyRow(zd, yd, r * k, k);
        }
        return sum / n;
    }

    @Override
    public double valueAndGradient(Tensor z, Tensor y, Tensor dz) {
        int rows = Loss.check(z, y, "softmax_ce");
        int cols = z.dim(1);
        if (rowLoss.length < rows) {
            rowLoss = new double[rows];
        }
        if ((long) rows * cols < PARALLEL_MIN_ENTRIES || exec.threads() == 1) {
            Elementwise.softmaxCrossEntropyRows(z.data(), y.data(), dz.data(), rowLoss, 0, rows, cols, rows);
            return sumInOrder(rows);
        }
        this.zd = z.data();
        this.yd = y.data();
        this.g = dz.data();
        this.k = cols;
        this.n = rows;
        try {
            exec.parallelFor(0, rows, body);
        } finally {
            this.zd = null;
            this.yd = null;
            this.g = null;
        }
        return sumInOrder(rows);
    }

    /** The mean of rowLoss[0, rows), summed in row order whichever threads computed the rows. */
    private double sumInOrder(int rows) {
        double sum = 0;
        for (int r = 0; r < rows; r++) {
            sum += rowLoss[r];
        }
        return sum / rows;
    }

    /** Rows [lo, hi) of the current valueAndGradient call. */
    private void run(int lo, int hi) {
        Elementwise.softmaxCrossEntropyRows(zd, yd, g, rowLoss, lo, hi, k, n);
    }

    @Override
    public void activate(Tensor z, Tensor a) {
        int n = z.dim(0);
        int k = z.dim(1);
        for (int r = 0; r < n; r++) {
            Softmax.softmaxRow(z.data(), a.data(), r * k, k);
        }
    }
}
