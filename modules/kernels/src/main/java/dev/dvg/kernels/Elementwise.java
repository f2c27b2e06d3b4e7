package dev.dvg.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The fused elementwise kernels on the training hot path, float32, row-major, single-threaded (they
 * are memory-bound and small next to the GEMMs around them). Every one is a plain loop over its
 * elements in index order, vectorised where the Vector API pays; none reduces across lanes, so
 * results never depend on the vector width or on whether C2 has compiled the method.
 *
 * <pre>
 *   addRowBias     Z[N×H] += b[H] on every row                  (Dense / conv forward, b broadcast)
 *   columnSums     db[H]  = Σ_n dZ[n,·]   rows summed in order   (Dense bias gradient)
 *   reluForward    A = max(Z, 0)
 *   reluBackward   dZ = dA · [A > 0]                            (mask recomputed from the output A)
 *   sigmoid        A = 1 / (1 + e^(−Z))                          (exp of a non-positive number only)
 *   sigmoidBackward dZ = dA · A · (1 − A)
 *   tanh           A = tanh(Z);  tanhBackward  dZ = dA · (1 − A²)
 *   softmaxRows    A[n,·] = e^(Z[n,·] − max) / Σ e^(Z[n,·] − max)   (log-sum-exp stable)
 *   axpy           y += α·x                                      (optimiser updates, accumulation)
 *   scale          x *= α
 * </pre>
 */
public final class Elementwise {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    private Elementwise() {
    }

    /** Z[n×h] (at zOff) += b[h] (at bOff) on every row. */
    public static void addRowBias(int n, int h, float[] z, int zOff, float[] b, int bOff) {
        int hv = h - h % L;
        for (int i = 0; i < n; i++) {
            int row = zOff + i * h;
            int j = 0;
            for (; j < hv; j += L) {
                FloatVector.fromArray(S, z, row + j).add(FloatVector.fromArray(S, b, bOff + j))
                        .intoArray(z, row + j);
            }
            for (; j < h; j++) {
                z[row + j] += b[bOff + j];
            }
        }
    }

    /** db[h] (at dbOff) = Σ_{i<n} dz[i, ·], rows added in increasing i (overwrites db). */
    public static void columnSums(int n, int h, float[] dz, int dzOff, float[] db, int dbOff) {
        java.util.Arrays.fill(db, dbOff, dbOff + h, 0f);
        int hv = h - h % L;
        for (int i = 0; i < n; i++) {
            int row = dzOff + i * h;
            int j = 0;
            for (; j < hv; j += L) {
                FloatVector.fromArray(S, db, dbOff + j).add(FloatVector.fromArray(S, dz, row + j))
                        .intoArray(db, dbOff + j);
            }
            for (; j < h; j++) {
                db[dbOff + j] += dz[row + j];
            }
        }
    }

    /**
     * db[j] (at dbOff) = Σ_{i<n} dz[i, j] for the columns j in [j0, j1) only, rows added in
     * increasing i (overwrites those db entries): a column range of {@link #columnSums}, so threads
     * can split the columns and get the same sums.
     */
    public static void columnSums(int n, int h, int j0, int j1, float[] dz, int dzOff, float[] db, int dbOff) {
        java.util.Arrays.fill(db, dbOff + j0, dbOff + j1, 0f);
        int jv = j0 + (j1 - j0) - (j1 - j0) % L;
        for (int i = 0; i < n; i++) {
            int row = dzOff + i * h;
            int j = j0;
            for (; j < jv; j += L) {
                FloatVector.fromArray(S, db, dbOff + j).add(FloatVector.fromArray(S, dz, row + j))
                        .intoArray(db, dbOff + j);
            }
            for (; j < j1; j++) {
                db[dbOff + j] += dz[row + j];
            }
        }
    }

    /** a[i] = max(z[i], 0) for i in [off, off+len); a may be z. */
    public static void reluForward(float[] z, float[] a, int off, int len) {
        int end = off + len;
        int i = off;
        for (; i + L <= end; i += L) {
            FloatVector.fromArray(S, z, i).max(0f).intoArray(a, i);
        }
        for (; i < end; i++) {
            a[i] = Math.max(z[i], 0f);
        }
    }

    /** dz[i] = a[i] > 0 ? da[i] : 0 (a = the ReLU output); dz may be da. */
    public static void reluBackward(float[] a, float[] da, float[] dz, int off, int len) {
        int end = off + len;
        int i = off;
        for (; i + L <= end; i += L) {
            FloatVector av = FloatVector.fromArray(S, a, i);
            FloatVector.fromArray(S, da, i).blend(0f, av.compare(VectorOperators.LE, 0f)).intoArray(dz, i);
        }
        for (; i < end; i++) {
            dz[i] = a[i] > 0f ? da[i] : 0f;
        }
    }

    /**
     * a = σ(z), computed as 1/(1+e^(−z)) for z ≥ 0 and e^z/(1+e^z) for z < 0 so exp never
     * overflows; a may be z.
     */
    public static void sigmoid(float[] z, float[] a, int off, int len) {
        for (int i = off; i < off + len; i++) {
            float v = z[i];
            if (v >= 0f) {
                a[i] = (float) (1.0 / (1.0 + Math.exp(-v)));
            } else {
                double e = Math.exp(v);
                a[i] = (float) (e / (1.0 + e));
            }
        }
    }

    /** dz = da · a · (1 − a) with a = σ(z); dz may be da. */
    public static void sigmoidBackward(float[] a, float[] da, float[] dz, int off, int len) {
        for (int i = off; i < off + len; i++) {
            float s = a[i];
            dz[i] = da[i] * s * (1f - s);
        }
    }

    /** a = tanh(z); a may be z. */
    public static void tanh(float[] z, float[] a, int off, int len) {
        for (int i = off; i < off + len; i++) {
            a[i] = (float) Math.tanh(z[i]);
        }
    }

    /** dz = da · (1 − a²) with a = tanh(z); dz may be da. */
    public static void tanhBackward(float[] a, float[] da, float[] dz, int off, int len) {
        for (int i = off; i < off + len; i++) {
            float t = a[i];
            dz[i] = da[i] * (1f - t * t);
        }
    }

    /**
     * Row softmax of Z[n×k] into A (may be Z): subtract the row max, exponentiate (in double), divide
     * by the row sum. Rows of −∞ only are not supported (the result would be NaN).
     */
    public static void softmaxRows(int n, int k, float[] z, int zOff, float[] a, int aOff) {
        for (int i = 0; i < n; i++) {
            int zr = zOff + i * k;
            int ar = aOff + i * k;
            float max = Float.NEGATIVE_INFINITY;
            for (int j = 0; j < k; j++) {
                max = Math.max(max, z[zr + j]);
            }
            double sum = 0;
            for (int j = 0; j < k; j++) {
                double e = Math.exp(z[zr + j] - max);
                a[ar + j] = (float) e;
                sum += e;
            }
            double inv = 1.0 / sum;
            for (int j = 0; j < k; j++) {
                a[ar + j] = (float) (a[ar + j] * inv);
            }
        }
    }

    /** y[yOff+i] += alpha·x[xOff+i] for i < len (one FMA per element). */
    public static void axpy(int len, float alpha, float[] x, int xOff, float[] y, int yOff) {
        FloatVector av = FloatVector.broadcast(S, alpha);
        int i = 0;
        for (; i + L <= len; i += L) {
            FloatVector.fromArray(S, x, xOff + i).fma(av, FloatVector.fromArray(S, y, yOff + i))
                    .intoArray(y, yOff + i);
        }
        for (; i < len; i++) {
            y[yOff + i] = Math.fma(x[xOff + i], alpha, y[yOff + i]);
        }
    }

    /** x[off+i] *= alpha for i < len. */
    public static void scale(int len, float alpha, float[] x, int off) {
        int i = 0;
        for (; i + L <= len; i += L) {
            FloatVector.fromArray(S, x, off + i).mul(alpha).intoArray(x, off + i);
        }
        for (; i < len; i++) {
            x[off + i] *= alpha;
        }
    }
}
