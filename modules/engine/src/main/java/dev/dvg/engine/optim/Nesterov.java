package dev.dvg.engine.optim;

import dev.dvg.engine.nn.Param;

import java.util.List;

/**
 * Nesterov's accelerated gradient (Nesterov 1983; in the "look-ahead" reformulation of Sutskever et
 * al. 2013, as cs231n writes it), exactly as DL4J's {@code Nesterovs} updater computes it (libnd4j
 * {@code updaterNesterovs}, all in float):
 *
 * <pre>
 *   prev   = μ·v                 (v starts at 0)
 *   v      ← prev − lr·g
 *   update = prev + (−μ − 1)·v
 *   θ      ← θ − update          i.e. θ ← θ − μ·v_old + (1 + μ)·v_new
 * </pre>
 */
public final class Nesterov implements Optimizer {

    private final float lr;
    private final float mu;
    private final float muT;
    private final ParamState state = new ParamState(1, 0f);
    private int iteration;

    public Nesterov(double learningRate, double momentum) {
        this.lr = (float) learningRate;
        this.mu = (float) momentum;
        this.muT = -mu - 1f;
    }

    @Override
    public void step(List<Param> params) {
        for (int p = 0; p < params.size(); p++) {
            Param param = params.get(p);
            float[] v = state.get(params, p, 0);
            float[] w = param.value().data();
            float[] g = param.grad().data();
            for (int i = 0, n = param.size(); i < n; i++) {
                float prev = mu * v[i];
                v[i] = prev - lr * g[i];
                float update = prev + muT * v[i];
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
