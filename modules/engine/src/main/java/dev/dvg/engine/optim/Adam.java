package dev.dvg.engine.optim;

import dev.dvg.engine.nn.Param;
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
 * flushes subnormal state to zero: see there why, and why it does not change results.
 */
public final class Adam implements Optimizer {

    private final float lr;
    private final float beta1;
    private final float beta2;
    private final float eps;
    private final ParamState state = new ParamState(2, 0f);
    private int iteration;

    public Adam(double learningRate, double beta1, double beta2, double epsilon) {
        this.lr = (float) learningRate;
        this.beta1 = (float) beta1;
        this.beta2 = (float) beta2;
        this.eps = (float) epsilon;
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
            float[] m = state.get(params, p, 0);
            float[] v = state.get(params, p, 1);
            float[] w = param.value().data();
            float[] g = param.grad().data();
            Updates.adam(param.size(), w, g, m, v, alpha, beta1, beta2, eps);
        }
        iteration++;
    }

    @Override
    public int iteration() {
        return iteration;
    }
}
