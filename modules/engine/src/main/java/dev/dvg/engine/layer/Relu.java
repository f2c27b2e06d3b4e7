package dev.dvg.engine.layer;

import dev.dvg.engine.spec.ActivationSpec;

/** A = max(0, Z); dZ = dA where Z &gt; 0, else 0 (so ReLU'(0) = 0, as DL4J). */
public final class Relu extends ActivationLayer {

    public Relu(ActivationSpec spec, int[] shape) {
        super(spec, shape);
    }

    @Override
    void apply(float[] z, float[] a, int rows, int cols) {
        for (int i = 0, n = rows * cols; i < n; i++) {
            a[i] = z[i] > 0f ? z[i] : 0f;
        }
    }

    @Override
    void derive(float[] z, float[] a, float[] da, float[] dz, int rows, int cols) {
        for (int i = 0, n = rows * cols; i < n; i++) {
            dz[i] = z[i] > 0f ? da[i] : 0f;
        }
    }
}
