package dev.dvg.engine.optim.fullbatch;

/**
 * What a full-batch minimiser returns.
 *
 * @param x            the best point found
 * @param value        f(x)
 * @param gradientNorm ‖∇f(x)‖₂
 * @param evaluations  calls of {@link Objective#valueAndGradient} (each computes f and ∇f)
 * @param iterations   accepted steps
 * @param stop         why it stopped
 */
public record MinimizeResult(double[] x, double value, double gradientNorm, int evaluations, int iterations,
                             Stop stop) {

    /** Stopping reasons. */
    public enum Stop {
        /** ‖∇f‖₂ ≤ the gradient tolerance. */
        GRADIENT_TOLERANCE,
        /** The evaluation budget is spent. */
        MAX_EVALUATIONS,
        /** No step along a descent direction satisfied the line search (usually: at float precision). */
        LINE_SEARCH_FAILED
    }
}
