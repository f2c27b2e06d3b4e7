package dev.dvg.engine.optim;

import dev.dvg.engine.nn.Param;
import dev.dvg.kernels.Exec;
import dev.dvg.kernels.Updates;

import java.util.List;

/**
 * Adam (Kingma &amp; Ba 2015, "Adam: A Method for Stochastic Optimization", Algorithm 1 with the
 * bias correction folded into the step size, end of their section 2), exactly as DL4J's
 * {@code AdamUpdater} computes it (libnd4j {@code updaterAdam}), t = 1, 2, … the step number:
 *
 * <pre>
 *   α_t    = lr·√(1 − β2^t) / (1 − β1^t)    (β^t in float; the subtractions and the division in double, result rounded to float)
 *   m      ← β1·m + g·(1 − β1)              (m, v start at 0; float)
 *   v      ← β2·v + g·g·(1 − β2)
 *   update = (m·α_t) / (√v + ε)
 *   θ      ← θ − update
 * </pre>
 * If α_t comes out 0, NaN or infinite, DL4J (and so David) uses ε in its place.
 *
 * <p>Computed by {@link Updates} (vectorised, same float operations in the same order), which
 * flushes subnormal state to zero: see there why, and why it does not change results. A large tensor
 * is split over the executor's threads ({@link ParallelUpdate}); each element gets the same bits.
 */
public final class Adam implements Optimizer {

    private final float lr;
    private final float beta1;
    private final float beta2;
    private final float eps;
    private final ParamState state = new ParamState(2, 0f);
    private final Exec exec;
    private int iteration;
    // the tensor run(lo, hi) updates, and this step's α_t
    private float[] w;
    private float[] g;
    private float[] m;
    private float[] v;
    private float alpha;

    /** {@link #run} as the loop body, typed as the interface (see {@link Exec}, "The body"). */
    private final Exec.RangeBody body = this::run;

    public Adam(double learningRate, double beta1, double beta2, double epsilon) {
        this(learningRate, beta1, beta2, epsilon, Exec.serial());
    }

    /** Large tensors are updated on {@code exec}'s threads. */
    public Adam(double learningRate, double beta1, double beta2, double epsilon, Exec exec) {
        this.lr = (float) learningRate;
        this.beta1 = (float) beta1;
        this.beta2 = (float) beta2;
        this.eps = (float) epsilon;
        this.exec = exec;
    }

    /** α_t for step t ≥ 1, computed with DL4J's float/double mix. */
    static float stepSize(float lr, float beta1, float beta2, int t) {
        float b1t = (float) Math.pow(beta1, t);
        float b2t = (float) Math.pow(beta2, t);
        float root = (float) Math.sqrt((float) (1.0 - b2t));
        float alpha = (float) ((lr * root) / (1.0 - b1t));
        return Float.isNaN(alpha) || Float.isInfinite(alpha) || alpha == 0f ? Float.NaN : alpha;
    }

    @Override
    public void step(List<Param> params) {
        float alpha = stepSize(lr, beta1, beta2, iteration + 1);
        if (Float.isNaN(alpha)) {
            alpha = eps; // DL4J's fallback when α_t is 0, NaN or infinite
        }
        for (int p = 0; p < params.size(); p++) {
            Param param = params.get(p);
            float[] mt = state.get(params, p, 0);
            float[] vt = state.get(params, p, 1);
            float[] wt = param.value().data();
            float[] gt = param.grad().data();
            if (ParallelUpdate.worth(exec, param.size())) {
                this.w = wt;
                this.g = gt;
                this.m = mt;
                this.v = vt;
                this.alpha = alpha;
                try {
                    exec.parallelFor(0, param.size(), ParallelUpdate.GRAIN, body);
                } finally {
                    this.w = null;
                    this.g = null;
                    this.m = null;
                    this.v = null;
                }
            } else {
                Updates.adam(param.size(), wt, gt, mt, vt, alpha, beta1, beta2, eps);
            }
        }
        iteration++;
    }

    private void run(int lo, int hi) {
        Updates.adam(lo, hi, w, g, m, v, alpha, beta1, beta2, eps);
    }

    @Override
    public int iteration() {
        return iteration;
    }
}
