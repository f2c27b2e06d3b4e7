package dev.dvg.engine.optim.fullbatch;


import dev.dvg.engine.Tensor;
import dev.dvg.engine.nn.Network;
import dev.dvg.engine.spec.OptimizerSpec;

import java.util.function.DoubleConsumer;

/** Minimises a network's full-batch loss on (X, Y) with L-BFGS or nonlinear CG, from its current params. */
public final class FullBatch {

    /**
     * Gradient-norm tolerance used by {@link #minimize}: the float32 network's gradients carry
     * rounding noise of roughly 1e−7 relative, so asking for much less than 1e−6 only burns the
     * evaluation budget.
     */
    public static final double GRADIENT_TOLERANCE = 1e-6;

    private FullBatch() {
    }

    /**
     * Runs the full-batch optimiser of {@code spec} (Lbfgs or ConjugateGradient) and leaves the best
     * parameters found in the network.
     */
    public static MinimizeResult minimize(Network network, Tensor x, Tensor y, OptimizerSpec spec) {
        return minimize(network, x, y, spec, value -> { });
    }

    /**
     * As {@link #minimize(Network, Tensor, Tensor, OptimizerSpec)}, reporting the loss of every
     * function evaluation (line-search trials included) to {@code onEvaluation}, in order.
     */
    public static MinimizeResult minimize(Network network, Tensor x, Tensor y, OptimizerSpec spec,
                                          DoubleConsumer onEvaluation) {
        NetworkObjective net = new NetworkObjective(network, x, y);
        Objective objective = new Objective() {
            @Override
            public int dim() {
                return net.dim();
            }

            @Override
            public double valueAndGradient(double[] theta, double[] g) {
                double v = net.valueAndGradient(theta, g);
                onEvaluation.accept(v);
                return v;
            }
        };
        MinimizeResult r;
        if (spec instanceof OptimizerSpec.Lbfgs l) {
            r = new Lbfgs(l.memory(), l.maxEvaluations(), GRADIENT_TOLERANCE).minimize(objective, net.start());
        } else if (spec instanceof OptimizerSpec.ConjugateGradient c) {
            r = new ConjugateGradient(c.maxEvaluations(), GRADIENT_TOLERANCE).minimize(objective, net.start());
        } else {
            throw new IllegalArgumentException("full batch: " + spec + " is a minibatch optimiser; use "
                    + "dev.dvg.engine.optim.Optimizers and a Trainer");
        }
        float[] flat = new float[r.x().length];
        for (int i = 0; i < flat.length; i++) {
            flat[i] = (float) r.x()[i];
        }
        network.setFlat(flat);
        return r;
    }
}
