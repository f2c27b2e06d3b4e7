package dev.dvg.engine.layer;

import dev.dvg.engine.spec.ActivationSpec;
import dev.dvg.kernels.Exec;

/**
 * Row-wise softmax over the K = cols elements of each example.
 *
 * <pre>
 *   forward   A[n,k] = e^{Z[n,k] − m_n} / Σ_j e^{Z[n,j] − m_n},   m_n = max_j Z[n,j]
 *   backward  dZ[n,k] = A[n,k] · (dA[n,k] − Σ_j dA[n,j] · A[n,j])
 * </pre>
 *
 * Sums run in double. As the output activation, softmax is fused into
 * {@link dev.dvg.engine.loss.SoftmaxCrossEntropy} instead; this layer is for softmax inside a net.
 */
public final class Softmax extends ActivationLayer {

    public Softmax(ActivationSpec spec, int[] shape, Exec exec) {
        super(spec, shape, exec);
    }

    /** Softmax of row {@code [off, off+cols)} of z into a. */
    public static void softmaxRow(float[] z, float[] a, int off, int cols) {
        float max = Float.NEGATIVE_INFINITY;
        for (int k = 0; k < cols; k++) {
            max = Math.max(max, z[off + k]);
        }
        double sum = 0;
        for (int k = 0; k < cols; k++) {
            double e = Math.exp(z[off + k] - max);
            a[off + k] = (float) e;
            sum += e;
        }
        for (int k = 0; k < cols; k++) {
            a[off + k] = (float) (a[off + k] / sum);
        }
    }

    @Override
    void apply(float[] z, float[] a, int r0, int r1, int cols) {
        for (int r = r0; r < r1; r++) {
            softmaxRow(z, a, r * cols, cols);
        }
    }

    @Override
    void derive(float[] z, float[] a, float[] da, float[] dz, int r0, int r1, int cols) {
        for (int r = r0; r < r1; r++) {
            int off = r * cols;
            double dot = 0;
            for (int k = 0; k < cols; k++) {
                dot += (double) da[off + k] * a[off + k];
            }
            for (int k = 0; k < cols; k++) {
                dz[off + k] = (float) (a[off + k] * (da[off + k] - dot));
            }
        }
    }
}
