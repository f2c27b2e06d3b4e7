package dev.dvg.data.moons;

import dev.dvg.data.LabeledData;
import dev.dvg.data.NumpyRandomState;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * Two interleaving half circles, as scikit-learn's
 * {@code sklearn.datasets.make_moons(n_samples, shuffle=True, noise, random_state=seed)}.
 *
 * <p>Algorithm (scikit-learn 1.x): {@code n_out = n/2} points on the upper unit half circle
 * {@code (cos t, sin t)}, {@code n_in = n - n_out} on the lower one shifted to {@code (1 - cos t, 0.5 - sin t)},
 * {@code t = linspace(0, pi, ·)}; label 0 for the outer, 1 for the inner moon; rows shuffled with
 * {@code RandomState(seed).shuffle(arange(n))}; then Gaussian noise {@code normal(scale=noise, size=(n,2))}
 * from the same generator added row-major. With {@link NumpyRandomState} the random part is numpy's bit
 * for bit. numpy's float64 cos/sin here are glibc's, which round (nearly always) correctly, so the
 * circle coordinates use correctly rounded cos/sin (a 50-digit Taylor series rounded once to double)
 * rather than {@code Math.cos}, which may be an ulp off. The golden test (MoonsTest) reports the
 * measured agreement with numpy.
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

    private static final MathContext MC = new MathContext(50);
    private static final BigDecimal EPS = new BigDecimal("1e-48");

    /** cos(t) correctly rounded to double, for |t| <= 4 (Taylor series at 50 significant digits). */
    static double cos(double t) {
        return taylor(t, true);
    }

    /** sin(t) correctly rounded to double, for |t| <= 4. */
    static double sin(double t) {
        return taylor(t, false);
    }

    private static double taylor(double t, boolean cosine) {
        if (Math.abs(t) > 4) {
            throw new IllegalArgumentException("only for |t| <= 4, got " + t);
        }
        BigDecimal x = new BigDecimal(t);
        BigDecimal x2 = x.multiply(x, MC);
        BigDecimal term = cosine ? BigDecimal.ONE : x;
        BigDecimal sum = term;
        for (int k = cosine ? 1 : 2; term.abs().compareTo(EPS) > 0; k += 2) {
            // next term = -term * x^2 / (k * (k+1)) with k = 1,3,5.. for cos (2j-1)(2j) and 2,4,.. for sin (2j)(2j+1)
            term = term.multiply(x2, MC).divide(BigDecimal.valueOf((long) k * (k + 1)), MC).negate();
            sum = sum.add(term, MC);
        }
        return sum.doubleValue();
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
