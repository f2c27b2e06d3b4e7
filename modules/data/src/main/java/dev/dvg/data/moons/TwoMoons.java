package dev.dvg.data.moons;

import dev.dvg.data.LabeledData;
import dev.dvg.data.NumpyRandomState;

/**
 * Two interleaving half circles, as scikit-learn's
 * {@code sklearn.datasets.make_moons(n_samples, shuffle=True, noise, random_state=seed)}.
 *
 * <p>Algorithm (scikit-learn 1.x): {@code n_out = n/2} points on the upper unit half circle
 * {@code (cos t, sin t)}, {@code n_in = n - n_out} on the lower one shifted to {@code (1 - cos t, 0.5 - sin t)},
 * {@code t = linspace(0, pi, ·)}; label 0 for the outer, 1 for the inner moon; rows shuffled with
 * {@code RandomState(seed).shuffle(arange(n))}; then Gaussian noise {@code normal(scale=noise, size=(n,2))}
 * from the same generator added row-major. With {@link NumpyRandomState} the random part is numpy's bit
 * for bit except for the rare last-bit difference in {@code log} documented there. numpy's float64
 * cos/sin are glibc's, which are within an ulp but not always correctly rounded (4 of 1102 linspace
 * points differ from the correctly rounded value); {@link Math#cos} has its own last-bit errors, and
 * combined with noise left points up to 4 ulps off numpy. So the circle uses cos/sin evaluated in
 * double-double arithmetic (~106 bits, checked against a 60-digit reference in MoonsTest) and rounded
 * once: a platform-independent definition that agrees with numpy to the last bit almost everywhere
 * and to 1 ulp elsewhere. The golden test (MoonsTest) reports the measured agreement.
 */
public final class TwoMoons {
    private TwoMoons() {
    }

    /** A generated set as doubles, as sklearn returns it: X[n×2] row-major and y[n]. */
    public record Points(double[] x, int[] y, int n) {
    }

    /** {@code make_moons(n, noise=noise, random_state=seed)}; {@code noise = 0} adds no noise. */
    public static Points generate(int n, double noise, long seed) {
        if (n < 2) {
            throw new IllegalArgumentException("two moons need n >= 2 samples, got " + n);
        }
        if (!(noise >= 0) || Double.isInfinite(noise)) {
            throw new IllegalArgumentException("noise must be a finite value >= 0, got " + noise);
        }
        int nOut = n / 2;
        int nIn = n - nOut;
        double[] base = new double[2 * n];
        double[] tOut = linspacePi(nOut);
        double[] tIn = linspacePi(nIn);
        for (int i = 0; i < nOut; i++) {
            base[2 * i] = cos(tOut[i]);
            base[2 * i + 1] = sin(tOut[i]);
        }
        for (int i = 0; i < nIn; i++) {
            base[2 * (nOut + i)] = 1 - cos(tIn[i]);
            base[2 * (nOut + i) + 1] = 1 - sin(tIn[i]) - 0.5;
        }
        NumpyRandomState rs = new NumpyRandomState(seed);
        int[] order = rs.permutation(n);
        double[] x = new double[2 * n];
        int[] y = new int[n];
        for (int r = 0; r < n; r++) {
            int src = order[r];
            x[2 * r] = base[2 * src];
            x[2 * r + 1] = base[2 * src + 1];
            y[r] = src < nOut ? 0 : 1;
        }
        if (noise > 0) {
            for (int i = 0; i < 2 * n; i++) {
                x[i] = x[i] + rs.normal(0.0, noise);
            }
        }
        return new Points(x, y, n);
    }

    /** The same set as float features, shape [2], K = 2. */
    public static LabeledData generateData(int n, double noise, long seed) {
        Points p = generate(n, noise, seed);
        float[] xf = new float[p.x().length];
        for (int i = 0; i < xf.length; i++) {
            xf[i] = (float) p.x()[i];
        }
        return new LabeledData("moons(n=" + n + ",noise=" + noise + ",seed=" + seed + ")", xf, p.y(), n, new int[] {2}, 2);
    }

    /** pi/2 as an unevaluated sum of three doubles. */
    private static final double HALF_PI_1 = 0x1.921fb54442d18p+0;
    private static final double HALF_PI_2 = 0x1.1a62633145c07p-54;
    private static final double HALF_PI_3 = -0x1.f1976b7ed8fbcp-110;

    /** cos(t) for 0 <= t <= pi, rounded once from double-double arithmetic (correctly rounded in practice). */
    static double cos(double t) {
        return trig(t, true);
    }

    /** sin(t) for 0 <= t <= pi, as {@link #cos}. */
    static double sin(double t) {
        return trig(t, false);
    }

    /**
     * Reduces t to r = t - k·pi/2 (|r| <= pi/4, k in 0..2) in double-double, then sums the Taylor series
     * of sin or cos of r in double-double; the quadrant k picks the function and sign.
     */
    private static double trig(double t, boolean cosine) {
        if (!(t >= 0 && t <= 3.2)) {
            throw new IllegalArgumentException("only for 0 <= t <= pi, got " + t);
        }
        int k = (int) Math.rint(t / HALF_PI_1);
        double a = t - k * HALF_PI_1; // exact (Sterbenz) for k = 1, 2 in this range
        double b = -k * HALF_PI_2;
        double rh = a + b;
        double rl = (a - (rh - (rh - a)) + (b - (rh - a))) - k * HALF_PI_3;
        double hi = rh + rl;
        rl = rl - (hi - rh);
        rh = hi;
        boolean useCos = cosine ? k % 2 == 0 : k % 2 == 1;
        boolean negate = cosine ? k >= 1 : k == 2;
        double v = taylor(rh, rl, useCos);
        return negate ? -v : v;
    }

    /** sin or cos of the double-double (rh, rl), |rh| <= pi/4, rounded to double. */
    private static double taylor(double rh, double rl, boolean cosine) {
        double x2h = rh * rh;
        double x2l = Math.fma(rh, rh, -x2h) + 2 * rh * rl;
        double th = cosine ? 1.0 : rh; // current term
        double tl = cosine ? 0.0 : rl;
        double sh = th;                // running sum
        double sl = tl;
        for (int k = cosine ? 1 : 2; k < 60; k += 2) {
            // term *= -x^2 / (k (k+1))
            double ph = th * x2h;
            double pl = Math.fma(th, x2h, -ph) + (th * x2l + tl * x2h);
            double qh = ph + pl;
            pl = pl - (qh - ph);
            double d = (double) k * (k + 1);
            double qd = qh / d;
            double qdl = (Math.fma(-qd, d, qh) + pl) / d;
            double nh = qd + qdl;
            th = -nh;
            tl = -(qdl - (nh - qd));
            // sum += term (two-sum plus low parts)
            double u = sh + th;
            double bv = u - sh;
            double err = (sh - (u - bv)) + (th - bv);
            double lo = err + sl + tl;
            sh = u + lo;
            sl = lo - (sh - u);
            if (Math.abs(th) < 1e-36 * Math.abs(sh)) {
                break;
            }
        }
        return sh + sl;
    }

    /** numpy {@code linspace(0, pi, num)}: {@code i * (pi/(num-1))}, last point exactly pi. */
    static double[] linspacePi(int num) {
        double[] t = new double[num];
        if (num == 1) {
            return t;
        }
        double step = Math.PI / (num - 1);
        for (int i = 0; i < num; i++) {
            t[i] = i * step;
        }
        t[num - 1] = Math.PI;
        return t;
    }
}
