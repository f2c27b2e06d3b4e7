package dev.dvg.engine.optim;

import dev.dvg.engine.nn.Param;

import java.util.List;

/**
 * Classical (heavy-ball) momentum (Polyak 1964; Rumelhart, Hinton &amp; Williams 1986):
 *
 * <pre>
 *   v ← μ·v − lr·g         (v starts at 0)
 *   θ ← θ + v
 * </pre>
 *
 * DL4J has no plain-momentum updater (its momentum updater is {@link Nesterov}); computed in float.
 */
public final class Momentum implements Optimizer {

    private final float lr;
    private final float mu;
    private final ParamState state = new ParamState(1, 0f);
    private int iteration;

    public Momentum(double learningRate, double momentum) {
        this.lr = (float) learningRate;
        this.mu = (float) momentum;
    }

    @Override
    public void step(List<Param> params) {
        for (int p = 0; p < params.size(); p++) {
            Param param = params.get(p);
            float[] v = state.get(params, p, 0);
            float[] w = param.value().data();
            float[] g = param.grad().data();
            for (int i = 0, n = param.size(); i < n; i++) {
                v[i] = mu * v[i] - lr * g[i];
                w[i] += v[i];
            }
        }
        iteration++;
    }

    @Override
    public int iteration() {
        return iteration;
    }
}
