package dev.dvg.engine.optim.fullbatch;

/**
 * Line search for the strong Wolfe conditions (Nocedal &amp; Wright, <i>Numerical Optimization</i>,
 * 2nd ed., Algorithm 3.5 with the zoom of Algorithm 3.6; trial steps in zoom by safeguarded cubic
 * interpolation, eq. 3.59). With φ(α) = f(x + α·d):
 *
 * <pre>
 *   sufficient decrease   φ(α) ≤ φ(0) + c1·α·φ'(0)
 *   curvature             |φ'(α)| ≤ c2·|φ'(0)|
 * </pre>
 *
 * L-BFGS uses c1 = 1e−4, c2 = 0.9; nonlinear CG c2 = 0.1 (N&amp;W §5.2). If the evaluation budget
 * runs out, the best point found that satisfies sufficient decrease is returned (if any).
 */
final class LineSearch {

    private static final int MAX_EXTRAPOLATIONS = 30;
    private static final int MAX_ZOOM = 30;
    private static final double EXPAND = 2.0;

    private final double c1;
    private final double c2;

    /** Outcome: the accepted step, or {@code alpha == 0} when no acceptable point was found. */
    record Result(double alpha, double value) {
    }

    private final double[] xTrial;
    private final double[] gTrial;
    private final double[] gLo;
    private final double[] xLo;

    LineSearch(int dim, double c1, double c2) {
        this.c1 = c1;
        this.c2 = c2;
        this.xTrial = new double[dim];
        this.gTrial = new double[dim];
        this.gLo = new double[dim];
        this.xLo = new double[dim];
    }

    /**
     * Searches along descent direction d from x (value f0, gradient g0, φ'(0) = g0·d &lt; 0). On
     * success writes the new point and its gradient into {@code xOut}, {@code gOut}.
     */
    Result search(Counted f, double[] x, double f0, double[] g0, double[] d, double alpha0,
                  double[] xOut, double[] gOut) {
        double dphi0 = Vec.dot(g0, d);
        double aPrev = 0;
        double fPrev = f0;
        double dPrev = dphi0;
        boolean prevIsPoint = false; // whether xLo/gLo hold the point at aPrev
        double a = alpha0;
        for (int i = 0; i < MAX_EXTRAPOLATIONS; i++) {
            if (f.exhausted()) {
                return bestSoFar(prevIsPoint, aPrev, fPrev, xOut, gOut);
            }
            Vec.step(x, a, d, xTrial);
            double fa = f.eval(xTrial, gTrial);
            double da = Vec.dot(gTrial, d);
            if (!Vec.finite(fa) || fa > f0 + c1 * a * dphi0 || (i > 0 && fa >= fPrev)) {
                return zoom(f, x, f0, dphi0, d, aPrev, fPrev, dPrev, prevIsPoint, a, fa, da, xOut, gOut);
            }
            if (Math.abs(da) <= -c2 * dphi0) {
                return accept(a, fa, xOut, gOut);
            }
            if (da >= 0) {
                saveLo();
                return zoom(f, x, f0, dphi0, d, a, fa, da, true, aPrev, fPrev, dPrev, xOut, gOut);
            }
            saveLo();
            prevIsPoint = true;
            aPrev = a;
            fPrev = fa;
            dPrev = da;
            a *= EXPAND;
        }
        return bestSoFar(prevIsPoint, aPrev, fPrev, xOut, gOut);
    }

    private Result zoom(Counted f, double[] x, double f0, double dphi0, double[] d,
                        double lo, double fLo, double dLo, boolean loIsPoint,
                        double hi, double fHi, double dHi, double[] xOut, double[] gOut) {
        for (int j = 0; j < MAX_ZOOM && !f.exhausted(); j++) {
            double a = interpolate(lo, fLo, dLo, hi, fHi, dHi);
            Vec.step(x, a, d, xTrial);
            double fa = f.eval(xTrial, gTrial);
            double da = Vec.dot(gTrial, d);
            if (!Vec.finite(fa) || fa > f0 + c1 * a * dphi0 || fa >= fLo) {
                hi = a;
                fHi = Vec.finite(fa) ? fa : Double.MAX_VALUE;
                dHi = Vec.finite(da) ? da : 0;
            } else {
                if (Math.abs(da) <= -c2 * dphi0) {
                    return accept(a, fa, xOut, gOut);
                }
                if (da * (hi - lo) >= 0) {
                    hi = lo;
                    fHi = fLo;
                    dHi = dLo;
                }
                lo = a;
                fLo = fa;
                dLo = da;
                saveLo();
                loIsPoint = true;
            }
            if (Math.abs(hi - lo) <= 1e-12 * Math.max(1, Math.abs(lo))) {
                break;
            }
        }
        return bestSoFar(loIsPoint, lo, fLo, xOut, gOut);
    }

    /** Minimiser of the cubic through (lo, fLo, dLo), (hi, fHi, dHi), kept inside the middle 80%. */
    static double interpolate(double lo, double fLo, double dLo, double hi, double fHi, double dHi) {
        double d1 = dLo + dHi - 3 * (fLo - fHi) / (lo - hi);
        double disc = d1 * d1 - dLo * dHi;
        double a;
        if (disc >= 0 && Vec.finite(disc)) {
            double d2 = Math.copySign(Math.sqrt(disc), hi - lo);
            a = hi - (hi - lo) * (dHi + d2 - d1) / (dHi - dLo + 2 * d2);
        } else {
            a = Double.NaN;
        }
        double left = Math.min(lo, hi);
        double right = Math.max(lo, hi);
        double margin = 0.1 * (right - left);
        if (!Vec.finite(a) || a < left + margin || a > right - margin) {
            a = 0.5 * (lo + hi);
        }
        return a;
    }

    private void saveLo() {
        System.arraycopy(xTrial, 0, xLo, 0, xTrial.length);
        System.arraycopy(gTrial, 0, gLo, 0, gTrial.length);
    }

    private Result accept(double a, double fa, double[] xOut, double[] gOut) {
        System.arraycopy(xTrial, 0, xOut, 0, xTrial.length);
        System.arraycopy(gTrial, 0, gOut, 0, gTrial.length);
        return new Result(a, fa);
    }

    private Result bestSoFar(boolean loIsPoint, double lo, double fLo, double[] xOut, double[] gOut) {
        if (!loIsPoint || lo == 0) {
            return new Result(0, Double.NaN);
        }
        System.arraycopy(xLo, 0, xOut, 0, xLo.length);
        System.arraycopy(gLo, 0, gOut, 0, gLo.length);
        return new Result(lo, fLo);
    }
}
