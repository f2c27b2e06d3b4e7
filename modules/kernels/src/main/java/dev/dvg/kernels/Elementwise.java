package dev.dvg.kernels;

import jdk.incubator.vector.DoubleVector;
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
 *   keepWherePositive  X = X · [M > 0]                          (reluBackward in place, M and X at own offsets)
 *   sigmoid        A = 1 / (1 + e^(−Z))        float, polynomial e^x of a non-positive x only (A ≠ Z)
 *   sigmoidAndSoftplusRest  σ(Z) and log(1 + e^(−|Z|))     (binary cross-entropy on logits)
 *   sigmoidBackward dZ = dA · A · (1 − A)
 *   tanh           A = tanh(Z);  tanhBackward  dZ = dA · (1 − A²)
 *   softmaxRows    A[n,·] = e^(Z[n,·] − max) / Σ e^(Z[n,·] − max)   (log-sum-exp stable)
 *   softmaxCrossEntropyRows  loss and gradient of softmax cross-entropy, e^x in float vector lanes
 *   axpy           y += α·x                                      (optimiser updates, accumulation)
 *   scale          x *= α
 *   sumOfSquares   Σ x² in double, as {@value #SQUARE_CHAINS} interleaved chains   (the L2 penalty)
 *   addDecayAndSumOfSquares  dW += λ·W and Σ W², one pass                 (the L2 term in training)
 * </pre>
 */
public final class Elementwise {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    /** Partial sums of {@link #sumOfSquares}: element i goes to chain i mod this. */
    public static final int SQUARE_CHAINS = 16;
    /** Doubles per vector: half the floats of a float vector of the same shape. */
    private static final VectorSpecies<Double> SD = DoubleVector.SPECIES_PREFERRED;
    private static final int LD = SD.length();

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

    /**
     * x[xOff + i] kept where mask[mOff + i] &gt; 0, else 0, for i in [0, len): in place, the float
     * operations of {@link #reluBackward} with the mask as A and x as both dA and dZ.
     */
    public static void keepWherePositive(float[] mask, int mOff, float[] x, int xOff, int len) {
        int i = 0;
        for (; i + L <= len; i += L) {
            FloatVector mv = FloatVector.fromArray(S, mask, mOff + i);
            FloatVector.zero(S).blend(FloatVector.fromArray(S, x, xOff + i), mv.compare(VectorOperators.GT, 0f))
                    .intoArray(x, xOff + i);
        }
        for (; i < len; i++) {
            x[xOff + i] = mask[mOff + i] > 0f ? x[xOff + i] : 0f;
        }
    }

    /**
     * dz[i] = a[i] > 0 ? da[i] : 0 (a = the ReLU output); dz may be da. A NaN in a gives 0, in the
     * vector lanes as in the scalar tail.
     */
    public static void reluBackward(float[] a, float[] da, float[] dz, int off, int len) {
        int end = off + len;
        int i = off;
        for (; i + L <= end; i += L) {
            FloatVector av = FloatVector.fromArray(S, a, i);
            FloatVector.zero(S).blend(FloatVector.fromArray(S, da, i), av.compare(VectorOperators.GT, 0f))
                    .intoArray(dz, i);
        }
        for (; i < end; i++) {
            dz[i] = a[i] > 0f ? da[i] : 0f;
        }
    }

    // ------------------------------------------------------------- e^x, σ and softplus in float

    /** Below this, {@link #expNonPositive} returns 0: e^−87 ≈ 1.6e−38 is the last normal result. */
    static final float EXP_MIN_ARG = -87f;
    private static final float LOG2E = 1.44269504f;
    /** 1.5·2²³: adding it rounds a float of magnitude < 2²² to an integer, in the low mantissa bits. */
    private static final float ROUNDER = 12582912f;
    private static final int ROUNDER_BITS = Float.floatToRawIntBits(ROUNDER);
    /** ln 2 split so that n·LN2_HI is exact for |n| ≤ 2¹⁵ (Cody–Waite). */
    private static final float LN2_HI = 0.693359375f;
    private static final float LN2_LO = -2.12194440e-4f;
    /** Cephes expf: e^r ≈ 1 + r + r²·P(r) on |r| ≤ ln2/2. */
    private static final float E0 = 5.0000001201e-1f;
    private static final float E1 = 1.6666665459e-1f;
    private static final float E2 = 4.1665795894e-2f;
    private static final float E3 = 8.3334519073e-3f;
    private static final float E4 = 1.3981999507e-3f;
    private static final float E5 = 1.9875691500e-4f;

    /**
     * e^x in float for x ≤ 0, to about 1 ulp: x = n·ln2 + r with n = round(x·log₂e), e^r from the
     * Cephes polynomial, scaled by 2ⁿ through the exponent bits. Returns 0 for x &lt; {@value
     * #EXP_MIN_ARG} (so never a subnormal, whose arithmetic is slow), NaN for NaN. Only exact float
     * operations in a fixed order (fma, +, ×, integer bits), so this scalar form and the vector form
     * in {@link #sigmoidPasses} give the same bits, compiled or interpreted. Not defined for x &gt; 0.
     */
    public static float expNonPositive(float x) {
        float t = Math.fma(x, LOG2E, ROUNDER);
        float n = t - ROUNDER;
        float r = Math.fma(n, -LN2_HI, x);
        r = Math.fma(n, -LN2_LO, r);
        float p = Math.fma(E5, r, E4);
        p = Math.fma(p, r, E3);
        p = Math.fma(p, r, E2);
        p = Math.fma(p, r, E1);
        p = Math.fma(p, r, E0);
        float er = Math.fma(p, r * r, r + 1f);
        float scale = Float.intBitsToFloat((Float.floatToRawIntBits(t) - ROUNDER_BITS + 127) << 23);
        return x < EXP_MIN_ARG ? 0f : er * scale;
    }

    /**
     * σ(z) in float: with e = e^−|z| ({@link #expNonPositive}), 1/(1+e) for z ≥ 0 and e/(1+e) for
     * z &lt; 0, so nothing overflows; within ~3 ulp of the exact value; σ(z) = 0 for z &lt; −87.
     * The scalar twin of {@link #sigmoid(float[], float[], int, int)}, same bits.
     */
    public static float sigmoid(float z) {
        float e = expNonPositive(-Math.abs(z));
        return (z < 0f ? e : 1f) / (1f + e);
    }

    /**
     * a = σ(z) (see {@link #sigmoid(float)}, same bits) for i in [off, off+len); a must not be z
     * (it holds e^−|z| between the two passes).
     */
    public static void sigmoid(float[] z, float[] a, int off, int len) {
        sigmoidPasses(z, a, a, off, len);
    }

    /**
     * For the binary cross-entropy on logits: a = σ(z) (as {@link #sigmoid(float[], float[], int,
     * int)}) and l = log(1 + e^−|z|), so that softplus(z) = max(z, 0) + l. With e = e^−|z| ∈ [0, 1],
     * l = 2·atanh(s), s = e/(2+e) ≤ 1/3, from its odd series to s¹⁵ (truncation &lt; 2e−8
     * relative), accurate for tiny e where log(1+e) in float would round to 0. a, l and z must be
     * three arrays.
     */
    public static void sigmoidAndSoftplusRest(float[] z, float[] a, float[] l, int off, int len) {
        sigmoidPasses(z, a, l, off, len);
        softplusRestFromExp(l, off, len);
    }

    /** Elements per chunk of the σ passes: e^−|z| is read back while it is in L1. */
    private static final int CHUNK = 2048;

    /**
     * σ in two passes per chunk: e = e^−|z| into e (which may be a), then a = σ from e; the loss
     * keeps e for {@link #softplusRestFromExp}. Shaped by what C2 makes of the
     * Vector API, all of it seen as boxed vectors (allocation on every step):
     * <ul>
     *   <li>each pass is its own loop and reads its input from memory: a vector that lived across
     *       an optional second half of one loop was boxed;</li>
     *   <li>the exponential is written out, not a vector-valued helper, which C2 refused to inline;</li>
     *   <li>each method is longer than C2's inlining limit for hot methods (325 bytes), so it is
     *       compiled on its own: a small σ method got inlined into a deep caller
     *       (Network.computeGradients → … → Exec.parallelFor → ActivationLayer.run → …), where
     *       past 15 inlining levels the intrinsics failed (12–95 KB per step in the full bench).</li>
     * </ul>
     */
    private static void sigmoidPasses(float[] z, float[] a, float[] e, int off, int len) {
        for (int c = off; c < off + len; c += CHUNK) {
            int end = Math.min(off + len, c + CHUNK);
            // pass 1: e = e^−|z|, expNonPositive lane by lane
            int i = c;
            FloatVector log2e = FloatVector.broadcast(S, LOG2E);
            FloatVector rounder = FloatVector.broadcast(S, ROUNDER);
            FloatVector ln2Hi = FloatVector.broadcast(S, -LN2_HI);
            FloatVector ln2Lo = FloatVector.broadcast(S, -LN2_LO);
            FloatVector e0 = FloatVector.broadcast(S, E0);
            FloatVector e1 = FloatVector.broadcast(S, E1);
            FloatVector e2 = FloatVector.broadcast(S, E2);
            FloatVector e3 = FloatVector.broadcast(S, E3);
            FloatVector e4 = FloatVector.broadcast(S, E4);
            FloatVector e5 = FloatVector.broadcast(S, E5);
            for (; i + L <= end; i += L) {
                FloatVector x = FloatVector.fromArray(S, z, i).abs().neg();
                FloatVector t = x.fma(log2e, rounder);
                FloatVector n = t.sub(ROUNDER);
                FloatVector r = n.fma(ln2Hi, x);
                r = n.fma(ln2Lo, r);
                FloatVector p = r.fma(e5, e4); // E5·r + E4, as Math.fma(E5, r, E4)
                p = p.fma(r, e3);
                p = p.fma(r, e2);
                p = p.fma(r, e1);
                p = p.fma(r, e0);
                FloatVector er = p.fma(r.mul(r), r.add(1f));
                FloatVector scale = t.reinterpretAsInts().sub(ROUNDER_BITS - 127).lanewise(VectorOperators.LSHL, 23)
                        .reinterpretAsFloats();
                er.mul(scale).blend(0f, x.lt(EXP_MIN_ARG)).intoArray(e, i);
            }
            for (; i < end; i++) {
                e[i] = expNonPositive(-Math.abs(z[i]));
            }
            // pass 2: σ = (z < 0 ? e : 1) / (1 + e)
            i = c;
            FloatVector one = FloatVector.broadcast(S, 1f);
            for (; i + L <= end; i += L) {
                FloatVector ev = FloatVector.fromArray(S, e, i);
                one.blend(ev, FloatVector.fromArray(S, z, i).lt(0f)).div(ev.add(1f)).intoArray(a, i);
            }
            for (; i < end; i++) {
                float ei = e[i];
                a[i] = (z[i] < 0f ? ei : 1f) / (1f + ei);
            }
        }
    }

    /**
     * Softmax cross-entropy of the rows [r0, r1) of Z[·×k] (row-major) against Y, and its gradient:
     * <pre>
     *   e_j = e^(z_j − max)  ({@link #expNonPositive}, float),  s = Σ_j e_j  (double, j in order)
     *   rowLoss[r] = Σ_j y_j · (lse − z_j),  lse = max + log s   (terms with y_j = 0 skipped)
     *   g_j = ((float) (e_j / s) − y_j) / n
     * </pre>
     * The e_j are held in g (rows [r0, r1) of g are overwritten): per chunk of rows, the row maxima,
     * then the exponentials in vector lanes over the flat chunk (a row of 10 does not fill a vector),
     * then the sums, loss and gradient row by row. {@link #softmaxCrossEntropyRow} gives the same
     * loss bits without a gradient.
     */
    public static void softmaxCrossEntropyRows(float[] z, float[] y, float[] g, double[] rowLoss, int r0, int r1,
                                               int k, int n) {
        int rowsPerChunk = Math.max(1, CHUNK / Math.max(1, k));
        for (int c = r0; c < r1; c += rowsPerChunk) {
            int end = Math.min(r1, c + rowsPerChunk);
            for (int r = c; r < end; r++) {
                int off = r * k;
                float max = rowMax(z, off, k);
                rowLoss[r] = max; // kept here until the row's loss replaces it
                for (int j = off; j < off + k; j++) {
                    g[j] = z[j] - max;
                }
            }
            expNonPositiveInPlace(g, c * k, end * k);
            for (int r = c; r < end; r++) {
                int off = r * k;
                double sum = 0;
                for (int j = off; j < off + k; j++) {
                    sum += g[j];
                }
                rowLoss[r] = rowLoss(z, y, off, k, rowLoss[r] + Math.log(sum));
                for (int j = off; j < off + k; j++) {
                    g[j] = ((float) (g[j] / sum) - y[j]) / n;
                }
            }
        }
    }

    /**
     * e[i] = {@link #expNonPositive}(e[i]) for i in [from, to), in place (every e[i] ≤ 0 or NaN);
     * the same bits as the scalar form, lane by lane. Written out as in {@link #sigmoidPasses} (not a
     * vector-valued helper), and a copy of that method's pass 1 rather than shared with it: calling
     * this from there would leave sigmoidPasses short enough for C2 to inline into deep callers,
     * where its other pass's vector intrinsics failed and boxed (its doc).
     */
    private static void expNonPositiveInPlace(float[] e, int from, int to) {
        int i = from;
        FloatVector log2e = FloatVector.broadcast(S, LOG2E);
        FloatVector rounder = FloatVector.broadcast(S, ROUNDER);
        FloatVector ln2Hi = FloatVector.broadcast(S, -LN2_HI);
        FloatVector ln2Lo = FloatVector.broadcast(S, -LN2_LO);
        FloatVector e0 = FloatVector.broadcast(S, E0);
        FloatVector e1 = FloatVector.broadcast(S, E1);
        FloatVector e2 = FloatVector.broadcast(S, E2);
        FloatVector e3 = FloatVector.broadcast(S, E3);
        FloatVector e4 = FloatVector.broadcast(S, E4);
        FloatVector e5 = FloatVector.broadcast(S, E5);
        for (; i + L <= to; i += L) {
            FloatVector x = FloatVector.fromArray(S, e, i);
            FloatVector t = x.fma(log2e, rounder);
            FloatVector m = t.sub(ROUNDER);
            FloatVector q = m.fma(ln2Hi, x);
            q = m.fma(ln2Lo, q);
            FloatVector p = q.fma(e5, e4);
            p = p.fma(q, e3);
            p = p.fma(q, e2);
            p = p.fma(q, e1);
            p = p.fma(q, e0);
            FloatVector eq = p.fma(q.mul(q), q.add(1f));
            FloatVector scale = t.reinterpretAsInts().sub(ROUNDER_BITS - 127).lanewise(VectorOperators.LSHL, 23)
                    .reinterpretAsFloats();
            eq.mul(scale).blend(0f, x.lt(EXP_MIN_ARG)).intoArray(e, i);
        }
        for (; i < to; i++) {
            e[i] = expNonPositive(e[i]);
        }
    }

    /** One row's loss as {@link #softmaxCrossEntropyRows} computes it (same bits), without a gradient. */
    public static double softmaxCrossEntropyRow(float[] z, float[] y, int off, int k) {
        float max = rowMax(z, off, k);
        double sum = 0;
        for (int j = off; j < off + k; j++) {
            sum += expNonPositive(z[j] - max);
        }
        return rowLoss(z, y, off, k, max + Math.log(sum));
    }

    /** max_j z[off + j]; NaN when any is NaN. */
    private static float rowMax(float[] z, int off, int k) {
        float max = Float.NEGATIVE_INFINITY;
        for (int j = off; j < off + k; j++) {
            max = Math.max(max, z[j]);
        }
        return max;
    }

    /** Σ_j y_j · (lse − z_j) over the y_j ≠ 0. */
    private static double rowLoss(float[] z, float[] y, int off, int k, double lse) {
        double loss = 0;
        for (int j = off; j < off + k; j++) {
            float yj = y[j];
            if (yj != 0f) {
                loss += yj * (lse - z[j]);
            }
        }
        return loss;
    }

    /**
     * l = log(1 + e) in place, from e = e^−|z| as {@link #sigmoidPasses} left it, by the series of
     * {@link #sigmoidAndSoftplusRest}. A method of its own, short enough to be inlined into the loss:
     * as a third pass inside the σ method, the method's last store intermittently failed to
     * intrinsify and boxed one vector per iteration (300 KB per step on digits20 at full batch).
     */
    private static void softplusRestFromExp(float[] l, int off, int len) {
        int end = off + len;
        int i = off;
        FloatVector b1 = FloatVector.broadcast(S, 2f);
        FloatVector b3 = FloatVector.broadcast(S, B3);
        FloatVector b5 = FloatVector.broadcast(S, B5);
        FloatVector b7 = FloatVector.broadcast(S, B7);
        FloatVector b9 = FloatVector.broadcast(S, B9);
        FloatVector b11 = FloatVector.broadcast(S, B11);
        FloatVector b13 = FloatVector.broadcast(S, B13);
        FloatVector b15 = FloatVector.broadcast(S, B15);
        for (; i + L <= end; i += L) {
            FloatVector s = FloatVector.fromArray(S, l, i);
            s = s.div(s.add(2f));
            FloatVector u = s.mul(s);
            FloatVector q = u.fma(b15, b13);
            q = q.fma(u, b11);
            q = q.fma(u, b9);
            q = q.fma(u, b7);
            q = q.fma(u, b5);
            q = q.fma(u, b3);
            q = q.fma(u, b1);
            q.mul(s).intoArray(l, i);
        }
        for (; i < end; i++) {
            l[i] = softplusRest(l[i]);
        }
    }

    /** log(1 + e) for e ∈ [0, 1] by the series of {@link #sigmoidAndSoftplusRest}: the scalar twin of its vector loop. */
    private static float softplusRest(float e) {
        float s = e / (e + 2f);
        float u = s * s;
        float q = Math.fma(u, B15, B13);
        q = Math.fma(q, u, B11);
        q = Math.fma(q, u, B9);
        q = Math.fma(q, u, B7);
        q = Math.fma(q, u, B5);
        q = Math.fma(q, u, B3);
        q = Math.fma(q, u, 2f);
        return q * s;
    }

    /*
     * Twice the atanh series coefficients 1/k, so that log(1 + e) = s·(2 + B3·s² + B5·s⁴ + …) needs no
     * final doubling. Scaling by 2 is exact, so every intermediate is exactly twice that of the
     * series with 1/k and the result has the same bits.
     */
    private static final float B3 = 2 * (1f / 3);
    private static final float B5 = 2 * (1f / 5);
    private static final float B7 = 2 * (1f / 7);
    private static final float B9 = 2 * (1f / 9);
    private static final float B11 = 2 * (1f / 11);
    private static final float B13 = 2 * (1f / 13);
    private static final float B15 = 2 * (1f / 15);

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

    /**
     * Σ x[off+i]² for i < len, in double (each square is exact), as {@value #SQUARE_CHAINS} chains:
     * chain r adds the squares of the elements i ≡ r (mod {@value #SQUARE_CHAINS}) in increasing i,
     * and the chains are added in order r = 0, 1, …. The order is fixed, so the sum does not depend
     * on the vector width or on compilation; the chains make it a vector loop rather than one
     * latency-bound add per element (the L2 penalty over 784×256 weights took 0.27 ms that way).
     * Vectorised for 16 or 8 floats per vector; other widths take a scalar loop with the same order.
     */
    public static double sumOfSquares(float[] x, int off, int len) {
        return squaresAndDecay(x, off, len, 0f, null);
    }

    /**
     * The L2 term of a weight tensor in one pass: dw[i] += λ·w[i] (a multiply, then an add, as the
     * scalar expression) for i &lt; len, and returns Σ w² exactly as {@link #sumOfSquares}{@code (w, 0,
     * len)} does (same chains, same bits).
     */
    public static double addDecayAndSumOfSquares(int len, float lambda, float[] w, float[] dw) {
        return squaresAndDecay(w, 0, len, lambda, dw);
    }

    /** {@link #sumOfSquares} of x[off, off+len), and dw[i−off] += λ·x[i] when dw is not null. */
    private static double squaresAndDecay(float[] x, int off, int len, float lambda, float[] dw) {
        int end = off + len;
        int vectorEnd = off + len / SQUARE_CHAINS * SQUARE_CHAINS;
        if (L != 2 * LD || (L != 16 && L != 8)) {
            double[] chains = new double[SQUARE_CHAINS];
            for (int i = off; i < end; i++) {
                double v = x[i];
                chains[(i - off) % SQUARE_CHAINS] += v * v;
                if (dw != null) {
                    dw[i - off] += lambda * x[i];
                }
            }
            double sum = 0;
            for (double c : chains) {
                sum += c;
            }
            return sum;
        }
        // chain r in lane r % LD of accumulator r / LD; floats are loaded with the one float species
        // used everywhere else (a second one would make C2's type profiles of the shared vector code
        // polymorphic, which was seen to stop the GEMM kernels' vectors from being unboxed)
        DoubleVector c0 = DoubleVector.zero(SD);
        DoubleVector c1 = c0;
        DoubleVector c2 = c0;
        DoubleVector c3 = c0;
        for (int i = off; i < vectorEnd; i += L) {
            FloatVector v = FloatVector.fromArray(S, x, i);
            if (dw != null) {
                FloatVector.fromArray(S, dw, i - off).add(v.mul(lambda)).intoArray(dw, i - off);
            }
            DoubleVector d0 = (DoubleVector) v.convert(VectorOperators.F2D, 0);
            DoubleVector d1 = (DoubleVector) v.convert(VectorOperators.F2D, 1);
            if (L == 16 || ((i - off) & 8) == 0) {
                c0 = d0.mul(d0).add(c0);
                c1 = d1.mul(d1).add(c1);
            } else {
                c2 = d0.mul(d0).add(c2);
                c3 = d1.mul(d1).add(c3);
            }
        }
        double sum = 0;
        for (int r = 0; r < SQUARE_CHAINS; r++) {
            int q = r / LD;
            DoubleVector c = q == 0 ? c0 : q == 1 ? c1 : q == 2 ? c2 : c3;
            double chain = c.lane(r % LD);
            int i = vectorEnd + r;
            if (i < end) {
                double v = x[i];
                chain += v * v;
                if (dw != null) {
                    dw[i - off] += lambda * x[i];
                }
            }
            sum += chain;
        }
        return sum;
    }
}
