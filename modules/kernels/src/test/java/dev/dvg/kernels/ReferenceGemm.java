package dev.dvg.kernels;

/**
 * Matrix multiply in the three forms training needs, float32, row-major, contiguous operands.
 *
 * <pre>
 *   ab : C[m×n] (+)= A[m×k] · B[k×n]      forward        Y  = X · W
 *   abT: C[m×n] (+)= A[m×k] · B[n×k]ᵀ     backward data  dX = dY · Wᵀ
 *   aTb: C[m×n] (+)= A[k×m]ᵀ · B[k×n]     backward W     dW = Xᵀ · dY
 * </pre>
 *
 * With {@code accumulate == false} C is overwritten, otherwise the product is added to it. Offsets
 * address a matrix inside a larger array (e.g. one image of a batch). For each output element the
 * sum over k runs in the same order whatever the thread count.
 *
 * <p>This is the reference implementation: plain loops, the contract the fast kernels must meet.
 */
public final class ReferenceGemm {

    private ReferenceGemm() {
    }

    /** C[m×n] (+)= A[m×k]·B[k×n]. */
    public static void ab(Exec ex, int m, int n, int k,
                          float[] a, int aOff, float[] b, int bOff,
                          float[] c, int cOff, boolean accumulate) {
        ex.parallelFor(0, m, (lo, hi) -> {
            for (int i = lo; i < hi; i++) {
                int ci = cOff + i * n;
                if (!accumulate) {
                    java.util.Arrays.fill(c, ci, ci + n, 0f);
                }
                for (int p = 0; p < k; p++) {
                    float av = a[aOff + i * k + p];
                    int bp = bOff + p * n;
                    for (int j = 0; j < n; j++) {
                        c[ci + j] += av * b[bp + j];
                    }
                }
            }
        });
    }

    /** C[m×n] (+)= A[m×k]·B[n×k]ᵀ. */
    public static void abT(Exec ex, int m, int n, int k,
                           float[] a, int aOff, float[] b, int bOff,
                           float[] c, int cOff, boolean accumulate) {
        ex.parallelFor(0, m, (lo, hi) -> {
            for (int i = lo; i < hi; i++) {
                for (int j = 0; j < n; j++) {
                    float s = 0f;
                    int ai = aOff + i * k;
                    int bj = bOff + j * k;
                    for (int p = 0; p < k; p++) {
                        s += a[ai + p] * b[bj + p];
                    }
                    int idx = cOff + i * n + j;
                    c[idx] = accumulate ? c[idx] + s : s;
                }
            }
        });
    }

    /** C[m×n] (+)= A[k×m]ᵀ·B[k×n]. */
    public static void aTb(Exec ex, int m, int n, int k,
                           float[] a, int aOff, float[] b, int bOff,
                           float[] c, int cOff, boolean accumulate) {
        ex.parallelFor(0, m, (lo, hi) -> {
            for (int i = lo; i < hi; i++) {
                int ci = cOff + i * n;
                if (!accumulate) {
                    java.util.Arrays.fill(c, ci, ci + n, 0f);
                }
                for (int p = 0; p < k; p++) {
                    float av = a[aOff + p * m + i];
                    int bp = bOff + p * n;
                    for (int j = 0; j < n; j++) {
                        c[ci + j] += av * b[bp + j];
                    }
                }
            }
        });
    }
}
