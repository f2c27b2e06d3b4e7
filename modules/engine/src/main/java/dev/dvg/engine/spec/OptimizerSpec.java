package dev.dvg.engine.spec;

/**
 * Optimisers and their hyper-parameters. Minibatch optimisers update after every batch; the
 * full-batch ones ({@link Lbfgs}, {@link ConjugateGradient}) minimise the whole-data objective.
 */
public sealed interface OptimizerSpec {

    /** θ ← θ − lr·g. */
    record Sgd(double learningRate) implements OptimizerSpec {
        public Sgd {
            positive("sgd.learningRate", learningRate);
        }
    }

    /** Classical momentum: v ← μv − lr·g; θ ← θ + v. */
    record Momentum(double learningRate, double momentum) implements OptimizerSpec {
        public Momentum {
            positive("momentum.learningRate", learningRate);
            unit("momentum.momentum", momentum);
        }
    }

    /** Nesterov momentum in DL4J's formulation (Nesterovs updater). */
    record Nesterov(double learningRate, double momentum) implements OptimizerSpec {
        public Nesterov {
            positive("nesterov.learningRate", learningRate);
            unit("nesterov.momentum", momentum);
        }
    }

    /** RMSprop as DL4J computes it: s ← ρs + (1−ρ)g²; θ ← θ − lr·g/(√s + ε). */
    record RmsProp(double learningRate, double decay, double epsilon) implements OptimizerSpec {
        public RmsProp {
            positive("rmsprop.learningRate", learningRate);
            unit("rmsprop.decay", decay);
            positive("rmsprop.epsilon", epsilon);
        }
    }

    /**
     * The seed recipe's RMSprop variant: one scalar of state per parameter tensor (a running mean of the tensor's squared gradient norm ‖g‖²)
     * instead of one per element. No DL4J equivalent.
     */
    record ScalarRmsProp(double learningRate, double decay, double epsilon) implements OptimizerSpec {
        public ScalarRmsProp {
            positive("scalarRmsprop.learningRate", learningRate);
            unit("scalarRmsprop.decay", decay);
            positive("scalarRmsprop.epsilon", epsilon);
        }
    }

    /** Adam (Kingma &amp; Ba 2015) with DL4J's bias-corrected step size. */
    record Adam(double learningRate, double beta1, double beta2, double epsilon) implements OptimizerSpec {
        public Adam {
            positive("adam.learningRate", learningRate);
            unit("adam.beta1", beta1);
            unit("adam.beta2", beta2);
            positive("adam.epsilon", epsilon);
        }
    }

    /** Full-batch limited-memory BFGS with a line search; stops after maxEvaluations of f and ∇f. */
    record Lbfgs(int memory, int maxEvaluations) implements OptimizerSpec {
        public Lbfgs {
            if (memory < 1) {
                throw new IllegalArgumentException("lbfgs.memory must be >= 1, got " + memory);
            }
            if (maxEvaluations < 1) {
                throw new IllegalArgumentException("lbfgs.maxEvaluations must be >= 1, got " + maxEvaluations);
            }
        }
    }

    /** Full-batch nonlinear conjugate gradient (Polak–Ribière) with a line search. */
    record ConjugateGradient(int maxEvaluations) implements OptimizerSpec {
        public ConjugateGradient {
            if (maxEvaluations < 1) {
                throw new IllegalArgumentException("cg.maxEvaluations must be >= 1, got " + maxEvaluations);
            }
        }
    }

    private static void positive(String field, double v) {
        if (!(v > 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException(field + " must be a finite number > 0, got " + v);
        }
    }

    private static void unit(String field, double v) {
        if (!(v >= 0 && v < 1)) {
            throw new IllegalArgumentException(field + " must be in [0, 1), got " + v);
        }
    }
}
