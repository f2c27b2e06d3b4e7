package dev.dvg.engine.optim.fullbatch;

/**
 * Limited-memory BFGS (Liu &amp; Nocedal 1989; Nocedal &amp; Wright, <i>Numerical Optimization</i>,
 * Algorithm 7.5 with the two-loop recursion of Algorithm 7.4) with a strong-Wolfe
 * {@link LineSearch} (c1 = 1e−4, c2 = 0.9).
 *
 * <pre>
 *   d_k = −H_k ∇f_k                 two-loop recursion over the last m pairs (s_i, y_i),
 *                                    H_k⁰ = γ_k I, γ_k = sᵀy / yᵀy of the newest pair (N&amp;W 7.20)
 *   x_{k+1} = x_k + α_k d_k          α from the line search; trial α = 1 (first step: 1/‖∇f_0‖₂)
 *   s_k = x_{k+1} − x_k,  y_k = ∇f_{k+1} − ∇f_k   (pair kept only if sᵀy &gt; 1e−10·‖s‖·‖y‖)
 * </pre>
 *
 * Stops when ‖∇f‖₂ ≤ gradientTolerance, when maxEvaluations evaluations of f and ∇f are spent, or
 * when the line search fails even along −∇f (memory cleared first).
 */
public final class Lbfgs {

    private static final double C1 = 1e-4;
    private static final double C2 = 0.9;

    private final int memory;
    private final int maxEvaluations;
    private final double gradientTolerance;

    public Lbfgs(int memory, int maxEvaluations, double gradientTolerance) {
        if (memory < 1 || maxEvaluations < 1 || !(gradientTolerance >= 0)) {
            throw new IllegalArgumentException("lbfgs: memory and maxEvaluations must be >= 1 and the tolerance >= 0, got "
                    + memory + ", " + maxEvaluations + ", " + gradientTolerance);
        }
        this.memory = memory;
        this.maxEvaluations = maxEvaluations;
        this.gradientTolerance = gradientTolerance;
    }

    public MinimizeResult minimize(Objective objective, double[] x0) {
        int n = objective.dim();
        if (x0.length != n) {
            throw new IllegalArgumentException("lbfgs: x0 has " + x0.length + " entries, objective dim is " + n);
        }
        Counted f = new Counted(objective, maxEvaluations);
        LineSearch ls = new LineSearch(n, C1, C2);
        double[] x = x0.clone();
        double[] g = new double[n];
        double fx = f.eval(x, g);
        double[][] s = new double[memory][n];
        double[][] y = new double[memory][n];
        double[] rho = new double[memory];
        double[] alphaBuf = new double[memory];
        int stored = 0;
        int newest = -1;
        double[] d = new double[n];
        double[] xNew = new double[n];
        double[] gNew = new double[n];
        int iterations = 0;
        while (true) {
            double gNorm = Vec.norm(g);
            if (gNorm <= gradientTolerance) {
                return new MinimizeResult(x, fx, gNorm, f.evaluations(), iterations, MinimizeResult.Stop.GRADIENT_TOLERANCE);
            }
            if (f.exhausted()) {
                return new MinimizeResult(x, fx, gNorm, f.evaluations(), iterations, MinimizeResult.Stop.MAX_EVALUATIONS);
            }
            twoLoop(g, s, y, rho, alphaBuf, stored, newest, d);
            double alpha0 = stored == 0 ? 1.0 / gNorm : 1.0;
            if (Vec.dot(g, d) >= 0) {
                stored = 0;
                for (int i = 0; i < n; i++) {
                    d[i] = -g[i];
                }
                alpha0 = 1.0 / gNorm;
            }
            LineSearch.Result r = ls.search(f, x, fx, g, d, alpha0, xNew, gNew);
            if (r.alpha() == 0) {
                if (stored > 0 && !f.exhausted()) {
                    stored = 0; // retry from steepest descent with a clean memory
                    continue;
                }
                MinimizeResult.Stop why = f.exhausted() ? MinimizeResult.Stop.MAX_EVALUATIONS
                        : MinimizeResult.Stop.LINE_SEARCH_FAILED;
                return new MinimizeResult(x, fx, gNorm, f.evaluations(), iterations, why);
            }
            newest = (newest + 1) % memory;
            double sy = 0;
            double ss = 0;
            double yy = 0;
            for (int i = 0; i < n; i++) {
                s[newest][i] = xNew[i] - x[i];
                y[newest][i] = gNew[i] - g[i];
                sy += s[newest][i] * y[newest][i];
                ss += s[newest][i] * s[newest][i];
                yy += y[newest][i] * y[newest][i];
            }
            if (sy > 1e-10 * Math.sqrt(ss * yy)) {
                rho[newest] = 1.0 / sy;
                stored = Math.min(stored + 1, memory);
            } else {
                newest = (newest - 1 + memory) % memory; // curvature pair unusable: drop it
            }
            System.arraycopy(xNew, 0, x, 0, n);
            System.arraycopy(gNew, 0, g, 0, n);
            fx = r.value();
            iterations++;
        }
    }

    /** d = −H·g by the two-loop recursion over the {@code stored} newest pairs. */
    private static void twoLoop(double[] g, double[][] s, double[][] y, double[] rho, double[] alpha,
                                int stored, int newest, double[] d) {
        int m = s.length;
        for (int i = 0; i < g.length; i++) {
            d[i] = -g[i];
        }
        if (stored == 0) {
            return;
        }
        for (int k = 0; k < stored; k++) {
            int j = (newest - k + m) % m;
            alpha[j] = rho[j] * Vec.dot(s[j], d);
            for (int i = 0; i < d.length; i++) {
                d[i] -= alpha[j] * y[j][i];
            }
        }
        double gamma = Vec.dot(s[newest], y[newest]) / Vec.dot(y[newest], y[newest]);
        for (int i = 0; i < d.length; i++) {
            d[i] *= gamma;
        }
        for (int k = stored - 1; k >= 0; k--) {
            int j = (newest - k + m) % m;
            double beta = rho[j] * Vec.dot(y[j], d);
            for (int i = 0; i < d.length; i++) {
                d[i] += (alpha[j] - beta) * s[j][i];
            }
        }
    }
}
