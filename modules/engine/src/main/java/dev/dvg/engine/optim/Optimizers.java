package dev.dvg.engine.optim;

import dev.dvg.engine.spec.OptimizerSpec;
import dev.dvg.kernels.Exec;

/** Builds minibatch optimisers from their specs. */
public final class Optimizers {

    private Optimizers() {
    }

    /**
     * The minibatch optimiser for {@code s}. The full-batch kinds (L-BFGS, CG) are not minibatch
     * optimisers: use {@link dev.dvg.engine.optim.fullbatch.FullBatch} for those.
     */
    public static Optimizer create(OptimizerSpec s) {
        return create(s, Exec.serial());
    }

    /**
     * As {@link #create(OptimizerSpec)}; RMSprop and Adam update large tensors on {@code exec}'s
     * threads (the same numbers for any thread count).
     */
    public static Optimizer create(OptimizerSpec s, Exec exec) {
        if (s instanceof OptimizerSpec.Sgd o) {
            return new Sgd(o.learningRate());
        } else if (s instanceof OptimizerSpec.Momentum o) {
            return new Momentum(o.learningRate(), o.momentum());
        } else if (s instanceof OptimizerSpec.Nesterov o) {
            return new Nesterov(o.learningRate(), o.momentum());
        } else if (s instanceof OptimizerSpec.RmsProp o) {
            return new RmsProp(o.learningRate(), o.decay(), o.epsilon(), exec);
        } else if (s instanceof OptimizerSpec.ScalarRmsProp o) {
            return new ScalarRmsProp(o.learningRate(), o.decay(), o.epsilon());
        } else if (s instanceof OptimizerSpec.Adam o) {
            return new Adam(o.learningRate(), o.beta1(), o.beta2(), o.epsilon(), exec);
        }
        throw new IllegalArgumentException("optimizer: " + s + " is a full-batch method; minimise with "
                + "dev.dvg.engine.optim.fullbatch.FullBatch instead of a minibatch Optimizer");
    }
}
