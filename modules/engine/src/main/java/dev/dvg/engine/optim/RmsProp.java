package dev.dvg.engine.optim;

import dev.dvg.engine.nn.Param;
import dev.dvg.kernels.Exec;
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
 * flushes subnormal state to zero: see there why, and why it does not change results. A large tensor
 * is split over the executor's threads ({@link ParallelUpdate}); each element gets the same bits.
 */
public final class RmsProp implements Optimizer {

    private final float lr;
    private final float decay;
    private final float eps;
    private final ParamState state;
    private final Exec exec;
    private int iteration;
    // the tensor run(lo, hi) updates
    private float[] w;
    private float[] g;
    private float[] s;

    /** {@link #run} as the loop body, typed as the interface (see {@link Exec}, "The body"). */
    private final Exec.RangeBody body = this::run;

    public RmsProp(double learningRate, double decay, double epsilon) {
        this(learningRate, decay, epsilon, Exec.serial());
    }

    /** Large tensors are updated on {@code exec}'s threads. */
    public RmsProp(double learningRate, double decay, double epsilon, Exec exec) {
        this.lr = (float) learningRate;
        this.decay = (float) decay;
        this.eps = (float) epsilon;
        this.state = new ParamState(1, eps);
        this.exec = exec;
    }

    @Override
    public void step(List<Param> params) {
        for (int p = 0; p < params.size(); p++) {
            Param param = params.get(p);
            float[] st = state.get(params, p, 0);
            float[] wt = param.value().data();
            float[] gt = param.grad().data();
            if (ParallelUpdate.worth(exec, param.size())) {
                w = wt;
                g = gt;
                s = st;
                try {
                    exec.parallelFor(0, param.size(), ParallelUpdate.GRAIN, body);
                } finally {
                    w = null;
                    g = null;
                    s = null;
                }
            } else {
                Updates.rmsProp(param.size(), wt, gt, st, lr, decay, eps);
            }
        }
        iteration++;
    }

    private void run(int lo, int hi) {
        Updates.rmsProp(lo, hi, w, g, s, lr, decay, eps);
    }

    @Override
    public int iteration() {
        return iteration;
    }
}
