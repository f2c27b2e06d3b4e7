package dev.dvg.engine.layer;

import dev.dvg.engine.spec.ActivationSpec;

/** A = tanh(Z); dZ = dA ⊙ (1 − A²). */
public final class Tanh extends ActivationLayer {

    public Tanh(ActivationSpec spec, int[] shape) {
        super(spec, shape);
    }

    @Override
    void apply(float[] z, float[] a, int rows, int cols) {
        for (int i = 0, n = rows * cols; i < n; i++) {
            a[i] = (float) Math.tanh(z[i]);
        }
    }

    @Override
    void derive(float[] z, float[] a, float[] da, float[] dz, int rows, int cols) {
        for (int i = 0, n = rows * cols; i < n; i++) {
            dz[i] = da[i] * (1f - a[i] * a[i]);
        }
    }
}
