package dev.dvg.engine.optim.fullbatch;

/**
 * Nonlinear conjugate gradient, Polak–Ribière+ (Polak &amp; Ribière 1969; the "+" of Gilbert &amp;
 * Nocedal 1992; Nocedal &amp; Wright, <i>Numerical Optimization</i>, §5.2, eq. 5.44–5.45) with a
 * strong-Wolfe {@link LineSearch} (c1 = 1e−4, c2 = 0.1).
 *
 * <pre>
 *   d_0 = −∇f_0
 *   x_{k+1} = x_k + α_k d_k
 *   β_{k+1} = max(0, ∇f_{k+1}ᵀ(∇f_{k+1} − ∇f_k) / ‖∇f_k‖²)
 *   d_{k+1} = −∇f_{k+1} + β_{k+1} d_k      restarted to −∇f when not a descent direction or every dim steps
 *   trial α: 1/‖∇f_0‖₂ at first, then α_{k−1}·∇f_{k−1}ᵀd_{k−1} / ∇f_kᵀd_k (N&amp;W eq. 3.60)
 * </pre>
 *
 * Stops like {@link Lbfgs}.
 */
public final class ConjugateGradient {

    private static final double C1 = 1e-4;
    private static final double C2 = 0.1;

    private final int maxEvaluations;
    private final double gradientTolerance;

    public ConjugateGradient(int maxEvaluations, double gradientTolerance) {
        if (maxEvaluations < 1 || !(gradientTolerance >= 0)) {
            throw new IllegalArgumentException("cg: maxEvaluations must be >= 1 and the tolerance >= 0, got "
                    + maxEvaluations + ", " + gradientTolerance);
        }
        this.maxEvaluations = maxEvaluations;
        this.gradientTolerance = gradientTolerance;
    }

    public MinimizeResult minimize(Objective objective, double[] x0) {
        int n = objective.dim();
        if (x0.length != n) {
            throw new IllegalArgumentException("cg: x0 has " + x0.length + " entries, objective dim is " + n);
        }
        Counted f = new Counted(objective, maxEvaluations);
        LineSearch ls = new LineSearch(n, C1, C2);
        double[] x = x0.clone();
        double[] g = new double[n];
        double fx = f.eval(x, g);
        double[] d = new double[n];
        double[] xNew = new double[n];
        double[] gNew = new double[n];
        for (int i = 0; i < n; i++) {
            d[i] = -g[i];
        }
        double alpha0 = 1.0 / Math.max(Vec.norm(g), Double.MIN_NORMAL);
        double prevSlope = Double.NaN;
        double prevAlpha = Double.NaN;
        int sinceRestart = 0;
        int iterations = 0;
        while (true) {
            double gNorm = Vec.norm(g);
            if (gNorm <= gradientTolerance) {
                return new MinimizeResult(x, fx, gNorm, f.evaluations(), iterations, MinimizeResult.Stop.GRADIENT_TOLERANCE);
            }
            if (f.exhausted()) {
                return new MinimizeResult(x, fx, gNorm, f.evaluations(), iterations, MinimizeResult.Stop.MAX_EVALUATIONS);
            }
            double slope = Vec.dot(g, d);
            if (slope >= 0) {
                for (int i = 0; i < n; i++) {
                    d[i] = -g[i];
                }
                slope = -gNorm * gNorm;
                sinceRestart = 0;
            }
            if (iterations > 0) {
                alpha0 = Vec.finite(prevAlpha * prevSlope / slope) && prevAlpha * prevSlope / slope > 0
                        ? prevAlpha * prevSlope / slope : 1.0 / gNorm;
            }
            LineSearch.Result r = ls.search(f, x, fx, g, d, alpha0, xNew, gNew);
            if (r.alpha() == 0) {
                if (sinceRestart > 0 && !f.exhausted()) {
                    for (int i = 0; i < n; i++) {
                        d[i] = -g[i];
                    }
                    sinceRestart = 0;
                    continue;
                }
                MinimizeResult.Stop why = f.exhausted() ? MinimizeResult.Stop.MAX_EVALUATIONS
                        : MinimizeResult.Stop.LINE_SEARCH_FAILED;
                return new MinimizeResult(x, fx, gNorm, f.evaluations(), iterations, why);
            }
            double gg = gNorm * gNorm;
            double num = 0;
            for (int i = 0; i < n; i++) {
                num += gNew[i] * (gNew[i] - g[i]);
            }
            double beta = Math.max(0, num / gg);
            sinceRestart++;
            if (sinceRestart >= n) {
                beta = 0;
                sinceRestart = 0;
            }
            for (int i = 0; i < n; i++) {
                d[i] = -gNew[i] + beta * d[i];
            }
            prevSlope = slope;
            prevAlpha = r.alpha();
            System.arraycopy(xNew, 0, x, 0, n);
            System.arraycopy(gNew, 0, g, 0, n);
            fx = r.value();
            iterations++;
        }
    }
}
