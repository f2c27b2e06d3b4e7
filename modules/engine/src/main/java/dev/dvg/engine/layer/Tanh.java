package dev.dvg.engine.layer;

import dev.dvg.engine.spec.ActivationSpec;
import dev.dvg.kernels.Exec;

/** A = tanh(Z); dZ = dA ⊙ (1 − A²). */
public final class Tanh extends ActivationLayer {

    public Tanh(ActivationSpec spec, int[] shape, Exec exec) {
        super(spec, shape, exec);
    }

    @Override
    void apply(float[] z, float[] a, int r0, int r1, int cols) {
        for (int i = r0 * cols, n = r1 * cols; i < n; i++) {
            a[i] = (float) Math.tanh(z[i]);
        }
    }

    @Override
    void derive(float[] z, float[] a, float[] da, float[] dz, int r0, int r1, int cols) {
        for (int i = r0 * cols, n = r1 * cols; i < n; i++) {
            dz[i] = da[i] * (1f - a[i] * a[i]);
        }
    }
}
