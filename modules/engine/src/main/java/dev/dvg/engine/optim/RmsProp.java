package dev.dvg.engine.optim;

import dev.dvg.engine.nn.Param;
import dev.dvg.kernels.Updates;

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
 *
 * <p>Computed by {@link Updates} (vectorised, same float operations in the same order), which
 * flushes subnormal state to zero: see there why, and why it does not change results.
 */
public final class RmsProp implements Optimizer {

    private final float lr;
    private final float decay;
    private final float eps;
    private final ParamState state;
    private int iteration;

    public RmsProp(double learningRate, double decay, double epsilon) {
        this.lr = (float) learningRate;
        this.decay = (float) decay;
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
            Updates.rmsProp(param.size(), w, g, s, lr, decay, eps);
        }
        iteration++;
    }

    @Override
    public int iteration() {
        return iteration;
    }
}
