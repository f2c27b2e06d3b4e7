package dev.dvg.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The optimisers' elementwise updates, vectorised, over one parameter tensor: weights {@code w},
 * gradient {@code g}, optimiser state ({@code s}, {@code m}, {@code v}) of the same length.
 *
 * <pre>
 *   rmsProp   s ← s·ρ + g·g·(1 − ρ);             w ← w − (lr·g) / (√s + ε)
 *   adam      m ← β1·m + g·(1 − β1);  v ← β2·v + g·g·(1 − β2);  w ← w − (m·α) / (√v + ε)
 *   nesterov  p = μ·v;  v ← p − lr·g;             w ← w − (p + (−μ − 1)·v)
 * </pre>
 *
 * Each vector lane does exactly the float operations of the scalar formula, in the same order (no
 * fused multiply-add), and the scalar tail does the same: results equal a plain loop's bit for bit,
 * which keeps the step-by-step parity with DL4J's updaters.
 *
 * <p><b>Subnormal state is flushed to zero.</b> State of an element whose gradient stays 0 (MNIST's
 * always-blank border pixels, dead ReLUs) decays geometrically into the float subnormal range, where
 * every operation on it takes a slow microcode path: one 784-256-10 RMSprop run slowed from 4.5 ms
 * to 20 ms per step that way (NOTES-DL4J). Java has no flush-to-zero mode, so the updates store 0 for
 * any state value below {@link Float#MIN_NORMAL} in magnitude. The effect on the result is nil in
 * practice: such an element's update is 0 either way while its gradient is 0, and later the
 * difference (< 1.2e-38) vanishes next to ε or the new gradient.
 */
public final class Updates {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    private Updates() {
    }

    /** A state value, flushed to 0 when subnormal. */
    static float flush(float x) {
        return Math.abs(x) < Float.MIN_NORMAL ? 0f : x;
    }

    private static FloatVector flush(FloatVector x, FloatVector tiny) {
        return x.blend(0f, x.abs().lt(tiny));
    }

    /** RMSprop as DL4J computes it (see the class doc), over {@code n} elements. */
    public static void rmsProp(int n, float[] w, float[] g, float[] s, float lr, float decay, float eps) {
        rmsProp(0, n, w, g, s, lr, decay, eps);
    }

    /**
     * {@link #rmsProp(int, float[], float[], float[], float, float, float)} over the elements
     * [from, to) only: each element gets the same bits whatever range it is updated in, so threads
     * can split a tensor.
     */
    public static void rmsProp(int from, int to, float[] w, float[] g, float[] s, float lr, float decay, float eps) {
        float oneMinusDecay = 1f - decay;
        FloatVector vDecay = FloatVector.broadcast(S, decay);
        FloatVector vOne = FloatVector.broadcast(S, oneMinusDecay);
        FloatVector vLr = FloatVector.broadcast(S, lr);
        FloatVector vEps = FloatVector.broadcast(S, eps);
        FloatVector tiny = FloatVector.broadcast(S, Float.MIN_NORMAL);
        int i = from;
        for (; i + L <= to; i += L) {
            FloatVector gi = FloatVector.fromArray(S, g, i);
            FloatVector si = FloatVector.fromArray(S, s, i).mul(vDecay).add(gi.mul(gi).mul(vOne));
            si = flush(si, tiny);
            si.intoArray(s, i);
            FloatVector update = vLr.mul(gi).div(si.lanewise(VectorOperators.SQRT).add(vEps));
            FloatVector.fromArray(S, w, i).sub(update).intoArray(w, i);
        }
        for (; i < to; i++) {
            s[i] = flush(s[i] * decay + g[i] * g[i] * oneMinusDecay);
            float update = (lr * g[i]) / ((float) Math.sqrt(s[i]) + eps);
            w[i] -= update;
        }
    }

    /** Adam with the step size {@code alpha} (bias corrections folded in by the caller). */
    public static void adam(int n, float[] w, float[] g, float[] m, float[] v, float alpha,
                            float beta1, float beta2, float eps) {
        adam(0, n, w, g, m, v, alpha, beta1, beta2, eps);
    }

    /** {@link #adam(int, float[], float[], float[], float[], float, float, float, float)} over [from, to) only (see {@link #rmsProp(int, int, float[], float[], float[], float, float, float)}). */
    public static void adam(int from, int to, float[] w, float[] g, float[] m, float[] v, float alpha,
                            float beta1, float beta2, float eps) {
        float oneMinusB1 = 1f - beta1;
        float oneMinusB2 = 1f - beta2;
        FloatVector vB1 = FloatVector.broadcast(S, beta1);
        FloatVector vB2 = FloatVector.broadcast(S, beta2);
        FloatVector v1 = FloatVector.broadcast(S, oneMinusB1);
        FloatVector v2 = FloatVector.broadcast(S, oneMinusB2);
        FloatVector vAlpha = FloatVector.broadcast(S, alpha);
        FloatVector vEps = FloatVector.broadcast(S, eps);
        FloatVector tiny = FloatVector.broadcast(S, Float.MIN_NORMAL);
        int i = from;
        for (; i + L <= to; i += L) {
            FloatVector gi = FloatVector.fromArray(S, g, i);
            FloatVector mi = flush(vB1.mul(FloatVector.fromArray(S, m, i)).add(gi.mul(v1)), tiny);
            FloatVector vi = flush(vB2.mul(FloatVector.fromArray(S, v, i)).add(gi.mul(gi).mul(v2)), tiny);
            mi.intoArray(m, i);
            vi.intoArray(v, i);
            FloatVector update = mi.mul(vAlpha).div(vi.lanewise(VectorOperators.SQRT).add(vEps));
            FloatVector.fromArray(S, w, i).sub(update).intoArray(w, i);
        }
        for (; i < to; i++) {
            m[i] = flush(beta1 * m[i] + g[i] * oneMinusB1);
            v[i] = flush(beta2 * v[i] + g[i] * g[i] * oneMinusB2);
            float update = (m[i] * alpha) / ((float) Math.sqrt(v[i]) + eps);
            w[i] -= update;
        }
    }

    /** Nesterov momentum as DL4J computes it (see the class doc). */
    public static void nesterov(int n, float[] w, float[] g, float[] v, float lr, float mu) {
        float muT = -mu - 1f;
        FloatVector vMu = FloatVector.broadcast(S, mu);
        FloatVector vMuT = FloatVector.broadcast(S, muT);
        FloatVector vLr = FloatVector.broadcast(S, lr);
        FloatVector tiny = FloatVector.broadcast(S, Float.MIN_NORMAL);
        int nv = S.loopBound(n);
        int i = 0;
        for (; i < nv; i += L) {
            FloatVector prev = vMu.mul(FloatVector.fromArray(S, v, i));
            FloatVector vi = flush(prev.sub(vLr.mul(FloatVector.fromArray(S, g, i))), tiny);
            vi.intoArray(v, i);
            FloatVector update = prev.add(vMuT.mul(vi));
            FloatVector.fromArray(S, w, i).sub(update).intoArray(w, i);
        }
        for (; i < n; i++) {
            float prev = mu * v[i];
            v[i] = flush(prev - lr * g[i]);
            float update = prev + muT * v[i];
            w[i] -= update;
        }
    }
}
