package dev.dvg.engine.layer;

import dev.dvg.engine.spec.ActivationSpec;
import dev.dvg.kernels.Elementwise;
import dev.dvg.kernels.Exec;

/**
 * A = σ(Z) = 1/(1 + e^−Z); dZ = dA ⊙ A ⊙ (1 − A).
 * σ is evaluated in float by {@link Elementwise#sigmoid(float[], float[], int, int)}: 1/(1+e^−z) for
 * z ≥ 0 and e^z/(1+e^z) for z &lt; 0 so that e^x never overflows, with a vectorised polynomial e^x.
 */
public final class Sigmoid extends ActivationLayer {

    public Sigmoid(ActivationSpec spec, int[] shape, Exec exec) {
        super(spec, shape, exec);
    }

    /** σ(z) in float, overflow-free: the same bits as the layer's vectorised pass. */
    public static float sigmoid(float z) {
        return Elementwise.sigmoid(z);
    }

    @Override
    void apply(float[] z, float[] a, int r0, int r1, int cols) {
        Elementwise.sigmoid(z, a, r0 * cols, (r1 - r0) * cols);
    }

    @Override
    void derive(float[] z, float[] a, float[] da, float[] dz, int r0, int r1, int cols) {
        for (int i = r0 * cols, n = r1 * cols; i < n; i++) {
            dz[i] = da[i] * a[i] * (1f - a[i]);
        }
    }
}
