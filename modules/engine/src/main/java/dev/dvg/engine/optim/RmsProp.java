package dev.dvg.engine.optim;

import dev.dvg.engine.nn.Param;

import java.util.List;

/**
 * RMSprop (Tieleman &amp; Hinton 2012, Coursera NN lecture 6.5), exactly as DL4J's
 * {@code RmsPropUpdater} computes it (libnd4j {@code updaterRmsProp}, all in float):
 *
 * <pre>
 *   s      ← s·ρ + g·g·(1 − ρ)       (s starts at ε, not 0: DL4J initialises its state view to ε)
 *   update = (lr·g) / (√s + ε)
 *   θ      ← θ − update
 * </pre>
 */
public final class RmsProp implements Optimizer {

    private final float lr;
    private final float decay;
    private final float oneMinusDecay;
    private final float eps;
    private final ParamState state;
    private int iteration;

    public RmsProp(double learningRate, double decay, double epsilon) {
        this.lr = (float) learningRate;
        this.decay = (float) decay;
        this.oneMinusDecay = 1f - this.decay;
        this.eps = (float) epsilon;
        this.state = new ParamState(1, eps);
    }

    @Override
    public void step(List<Param> params) {
        for (int p = 0; p < params.size(); p++) {
            Param param = params.get(p);
            float[] s = state.get(params, p, 0);
            float[] w = param.value().data();
            float[] g = param.grad().data();
            for (int i = 0, n = param.size(); i < n; i++) {
                s[i] = s[i] * decay + g[i] * g[i] * oneMinusDecay;
                float update = (lr * g[i]) / ((float) Math.sqrt(s[i]) + eps);
                w[i] -= update;
            }
        }
        iteration++;
    }

    @Override
    public int iteration() {
        return iteration;
    }
}
