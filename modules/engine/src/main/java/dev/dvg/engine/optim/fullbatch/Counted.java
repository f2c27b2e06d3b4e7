package dev.dvg.engine.optim.fullbatch;

/** An objective with an evaluation budget: counts calls and refuses to exceed the budget. */
final class Counted {

    private final Objective f;
    private final int max;
    private int evaluations;

    Counted(Objective f, int maxEvaluations) {
        this.f = f;
        this.max = maxEvaluations;
    }

    boolean exhausted() {
        return evaluations >= max;
    }

    int evaluations() {
        return evaluations;
    }

    int dim() {
        return f.dim();
    }

    double eval(double[] x, double[] g) {
        if (exhausted()) {
            throw new IllegalStateException("evaluation budget of " + max + " exhausted");
        }
        evaluations++;
        return f.valueAndGradient(x, g);
    }
}
