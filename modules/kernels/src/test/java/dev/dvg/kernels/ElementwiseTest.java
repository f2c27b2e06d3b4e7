package dev.dvg.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@link Elementwise} against scalar formulas, on lengths that are not multiples of the vector width. */
class ElementwiseTest {

    /** One float32 rounding of a value of order 1 (the kernels compute in float, the checks in double). */
    static final float ULP_TOL = 1e-6f;

    @Test
    void rowBiasAndColumnSums() {
        int n = 5;
        int h = 37;
        float[] z = GemmTest.random(3 + n * h, 1);
        float[] b = GemmTest.random(2 + h, 2);
        float[] expected = z.clone();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < h; j++) {
                expected[3 + i * h + j] += b[2 + j];
            }
        }
        Elementwise.addRowBias(n, h, z, 3, b, 2);
        assertArrayEquals(expected, z, 0f);
        float[] db = GemmTest.random(h + 1, 3);
        float[] dbExpected = db.clone();
        for (int j = 0; j < h; j++) {
            float s = 0f;
            for (int i = 0; i < n; i++) {
                s += z[3 + i * h + j];
            }
            dbExpected[1 + j] = s;
        }
        Elementwise.columnSums(n, h, z, 3, db, 1);
        assertArrayEquals(dbExpected, db, 0f);
    }

    @Test
    void reluForwardBackward() {
        float[] z = GemmTest.random(41, 4);
        float[] a = new float[41];
        Elementwise.reluForward(z, a, 0, 41);
        float[] da = GemmTest.random(41, 5);
        float[] dz = new float[41];
        Elementwise.reluBackward(a, da, dz, 0, 41);
        for (int i = 0; i < 41; i++) {
            assertEquals(Math.max(z[i], 0f), a[i], 0f);
            assertEquals(z[i] > 0 ? da[i] : 0f, dz[i], 0f);
        }
    }

    /** NaN, −0, 0 and negative outputs mask the gradient in the vector lanes and the tail alike. */
    @Test
    void reluBackwardMasksNanAndZeroOnEveryLane() {
        float[] a = GemmTest.random(41, 6);
        a[0] = Float.NaN;
        a[1] = -0f;
        a[2] = 0f;
        a[40] = Float.NaN;
        a[39] = -0f;
        float[] da = GemmTest.random(41, 7);
        float[] dz = new float[41];
        Elementwise.reluBackward(a, da, dz, 0, 41);
        for (int i = 0; i < 41; i++) {
            assertEquals(a[i] > 0 ? da[i] : 0f, dz[i], 0f, "at " + i);
        }
    }

    /** keepWherePositive keeps x where the mask is > 0 (not NaN, ±0), each at an offset of its own. */
    @Test
    void keepWherePositiveIsReluBackwardInPlaceAtOwnOffsets() {
        float[] mask = GemmTest.random(50, 8);
        mask[3] = Float.NaN;
        mask[4] = -0f;
        mask[5] = 0f;
        mask[43] = Float.NaN; // the last element: the scalar tail
        float[] x = GemmTest.random(47, 9);
        float[] expected = x.clone(); // x[0..6) untouched
        for (int i = 0; i < 41; i++) {
            expected[6 + i] = mask[3 + i] > 0 ? x[6 + i] : 0f;
        }
        Elementwise.keepWherePositive(mask, 3, x, 6, 41);
        assertArrayEquals(expected, x, 0f);
    }

    /**
     * Softmax cross-entropy rows against double arithmetic with Math.exp, over more rows than one
     * chunk, with logits far apart (e^x cut to 0 below −87), soft labels and a NaN row; the scalar
     * twin gives the same loss bits; a sub-range writes only its rows.
     */
    @Test
    void softmaxCrossEntropyRowsMatchDoubleMathAndTheirScalarTwin() {
        int k = 10;
        int rows = 450; // > 2 chunks of 204 rows
        float[] z = GemmTest.random(rows * k, 12);
        float[] y = new float[rows * k];
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < k; j++) {
                z[r * k + j] *= r % 3 == 0 ? 300f : 6f;
            }
            y[r * k + r % k] = 1f;
        }
        y[5 * k] = 0.25f; // soft labels
        y[5 * k + 5] = 0.75f;
        z[7 * k + 3] = Float.NaN;
        float[] g = new float[rows * k];
        double[] loss = new double[rows];
        Elementwise.softmaxCrossEntropyRows(z, y, g, loss, 0, rows, k, rows);
        for (int r = 0; r < rows; r++) {
            int off = r * k;
            assertEquals(Double.doubleToLongBits(Elementwise.softmaxCrossEntropyRow(z, y, off, k)),
                    Double.doubleToLongBits(loss[r]), "row " + r + ": the scalar twin's bits");
            if (r == 7) {
                assertTrue(Double.isNaN(loss[r]) && Float.isNaN(g[off]), "a NaN logit makes its row NaN");
                continue;
            }
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < k; j++) {
                max = Math.max(max, z[off + j]);
            }
            double s = 0;
            for (int j = 0; j < k; j++) {
                s += Math.exp(z[off + j] - max);
            }
            double expected = 0;
            for (int j = 0; j < k; j++) {
                expected += y[off + j] * (max + Math.log(s) - z[off + j]);
                double grad = (Math.exp(z[off + j] - max) / s - y[off + j]) / rows;
                assertEquals(grad, g[off + j], 1e-6 / rows, "row " + r + " gradient " + j);
            }
            assertEquals(expected, loss[r], 1e-6 * Math.max(1, expected), "row " + r);
        }
        float[] part = new float[rows * k];
        java.util.Arrays.fill(part, 7f);
        Elementwise.softmaxCrossEntropyRows(z, y, part, new double[rows], 100, 310, k, rows);
        for (int i = 0; i < rows * k; i++) {
            if (i < 100 * k || i >= 310 * k) {
                assertEquals(7f, part[i], 0f, "outside the rows at " + i);
            } else {
                assertEquals(g[i], part[i], 0f, "inside the rows at " + i);
            }
        }
    }

    @Test
    void sigmoidTanhSoftmax() {
        float[] z = {-100f, -3f, -0.5f, 0f, 0.5f, 3f, 100f};
        float[] a = new float[z.length];
        Elementwise.sigmoid(z, a, 0, z.length);
        for (int i = 0; i < z.length; i++) {
            assertEquals(1 / (1 + Math.exp(-z[i])), a[i], ULP_TOL);
        }
        float[] da = {1f, 2f, 3f, 4f, 5f, 6f, 7f};
        float[] dz = new float[z.length];
        Elementwise.sigmoidBackward(a, da, dz, 0, z.length);
        assertEquals(4f * 0.25f, dz[3], 0f);
        Elementwise.tanh(z, a, 0, z.length);
        for (int i = 0; i < z.length; i++) {
            assertEquals(Math.tanh(z[i]), a[i], ULP_TOL);
        }
        float[] logits = {1f, 2f, 3f, 1000f, 1000f, 999f};
        float[] p = new float[6];
        Elementwise.softmaxRows(2, 3, logits, 0, p, 0);
        double e = Math.exp(1) + Math.exp(2) + Math.exp(3);
        assertEquals(Math.exp(3) / e, p[2], ULP_TOL);
        assertEquals(1 / (2 + Math.exp(-1)), p[3], ULP_TOL);
        assertEquals(1.0, p[3] + p[4] + p[5], ULP_TOL);
    }

    @Test
    void axpyAndScale() {
        float[] x = GemmTest.random(35, 6);
        float[] y = GemmTest.random(36, 7);
        float[] expected = y.clone();
        for (int i = 0; i < 33; i++) {
            expected[1 + i] = Math.fma(x[2 + i], -0.3f, y[1 + i]);
        }
        Elementwise.axpy(33, -0.3f, x, 2, y, 1);
        assertArrayEquals(expected, y, 0f);
        for (int i = 0; i < 33; i++) {
            expected[1 + i] *= 2.5f;
        }
        Elementwise.scale(33, 2.5f, y, 1);
        assertArrayEquals(expected, y, 0f);
    }

    @Test
    void sumOfSquaresAddsFixedChainsInOrder() {
        float[] x = GemmTest.random(1100, 8);
        for (int len : new int[] {0, 1, 15, 16, 17, 31, 33, 100, 1000}) {
            for (int off : new int[] {0, 3}) {
                double[] chains = new double[Elementwise.SQUARE_CHAINS];
                double naive = 0;
                for (int i = 0; i < len; i++) {
                    double v = x[off + i];
                    chains[i % chains.length] += v * v;
                    naive += v * v;
                }
                double expected = 0;
                for (double c : chains) {
                    expected += c;
                }
                double got = Elementwise.sumOfSquares(x, off, len);
                assertEquals(expected, got, 0.0, "len " + len + " off " + off);
                float[] w = java.util.Arrays.copyOfRange(x, off, off + len);
                float[] dw = GemmTest.random(len, 9);
                float[] dwExpected = dw.clone();
                for (int i = 0; i < len; i++) {
                    dwExpected[i] += 0.01f * w[i];
                }
                assertEquals(expected, Elementwise.addDecayAndSumOfSquares(len, 0.01f, w, dw), 0.0, "decay, len " + len);
                assertArrayEquals(dwExpected, dw, 0f, "decay, len " + len);
                assertEquals(naive, got, 1e-12 * Math.max(1, naive), "len " + len + " off " + off);
            }
        }
    }

    /** Every float in [−87, 0] a stride apart, the ends, −0, and past the cut-off. */
    private static float[] nonPositiveSweep() {
        int n = 200_003;
        float[] x = new float[n + 4];
        for (int i = 0; i < n; i++) {
            x[i] = -87f * i / (n - 1);
        }
        x[n] = -0f;
        x[n + 1] = Math.nextDown(Elementwise.EXP_MIN_ARG);
        x[n + 2] = -1000f;
        x[n + 3] = Float.NEGATIVE_INFINITY;
        return x;
    }

    @Test
    void expNonPositiveIsWithinTwoUlpAndNeverSubnormal() {
        double worst = 0;
        for (float x : nonPositiveSweep()) {
            float got = Elementwise.expNonPositive(x);
            if (x < Elementwise.EXP_MIN_ARG) {
                assertEquals(0f, got, 0f, "below the cut-off: " + x);
                continue;
            }
            double exact = Math.exp(x);
            double ulps = Math.abs(got - exact) / Math.ulp((float) exact);
            worst = Math.max(worst, ulps);
            assertTrue(got >= Float.MIN_NORMAL, "normal result at " + x + ": " + got);
        }
        assertTrue(worst <= 2, "max error " + worst + " ulp");
        assertTrue(Float.isNaN(Elementwise.expNonPositive(Float.NaN)));
    }

    @Test
    void vectorSigmoidGivesTheScalarBitsAndIsAccurate() {
        float[] neg = nonPositiveSweep();
        float[] z = new float[2 * neg.length + 3];
        for (int i = 0; i < neg.length; i++) {
            z[2 * i] = neg[i];
            z[2 * i + 1] = -neg[i];
        }
        z[z.length - 3] = Float.NaN;
        z[z.length - 2] = Float.POSITIVE_INFINITY;
        z[z.length - 1] = 3.5f;
        float[] a = new float[z.length];
        float[] l = new float[z.length];
        float[] a2 = new float[z.length];
        Elementwise.sigmoid(z, a, 0, z.length);
        Elementwise.sigmoidAndSoftplusRest(z, a2, l, 0, z.length);
        double worstSigmoid = 0;
        double worstRest = 0;
        for (int i = 0; i < z.length; i++) {
            assertEquals(Float.floatToRawIntBits(Elementwise.sigmoid(z[i])), Float.floatToRawIntBits(a[i]), "σ at " + z[i]);
            assertEquals(Float.floatToRawIntBits(a[i]), Float.floatToRawIntBits(a2[i]), "σ of the BCE pass at " + z[i]);
            if (Float.isNaN(z[i])) {
                assertTrue(Float.isNaN(a[i]) && Float.isNaN(l[i]));
                continue;
            }
            double exact = 1 / (1 + Math.exp(-(double) z[i]));
            if (z[i] >= Elementwise.EXP_MIN_ARG) {
                worstSigmoid = Math.max(worstSigmoid, Math.abs(a[i] - exact) / Math.ulp((float) exact));
            } else {
                assertEquals(0f, a[i], 0f);
            }
            double rest = Math.log1p(Math.exp(-Math.abs((double) z[i])));
            if (Math.abs(z[i]) <= -Elementwise.EXP_MIN_ARG) {
                worstRest = Math.max(worstRest, Math.abs(l[i] - rest) / Math.ulp((float) rest));
            }
        }
        assertTrue(worstSigmoid <= 3, "σ max error " + worstSigmoid + " ulp");
        assertTrue(worstRest <= 4, "log(1+e^-|z|) max error " + worstRest + " ulp");
        assertEquals(1f, a[z.length - 2], 0f);
    }
}
