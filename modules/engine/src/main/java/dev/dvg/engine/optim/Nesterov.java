package dev.dvg.engine.optim;

import dev.dvg.engine.nn.Param;
import dev.dvg.kernels.Updates;

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
 *
 * <p>Computed by {@link Updates} (vectorised, same float operations in the same order), which
 * flushes subnormal state to zero: see there why, and why it does not change results.
 */
public final class Nesterov implements Optimizer {

    private final float lr;
    private final float mu;
    private final ParamState state = new ParamState(1, 0f);
    private int iteration;

    public Nesterov(double learningRate, double momentum) {
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
            Updates.nesterov(param.size(), w, g, v, lr, mu);
        }
        iteration++;
    }

    @Override
    public int iteration() {
        return iteration;
    }
}
