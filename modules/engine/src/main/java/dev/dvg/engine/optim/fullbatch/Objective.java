package dev.dvg.engine.optim.fullbatch;

/** A differentiable function f: ℝ^dim → ℝ for the full-batch minimisers. */
public interface Objective {

    /** The number of variables. */
    int dim();

    /** Returns f(x) and writes ∇f(x) into {@code g} (length {@link #dim()}); must not modify x. */
    double valueAndGradient(double[] x, double[] g);
}
