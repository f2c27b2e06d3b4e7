package dev.dvg.engine.layer;

import dev.dvg.engine.spec.ActivationSpec;

/** A = Z; dZ = dA. */
public final class Identity extends ActivationLayer {

    public Identity(ActivationSpec spec, int[] shape) {
        super(spec, shape);
    }

    @Override
    void apply(float[] z, float[] a, int rows, int cols) {
        System.arraycopy(z, 0, a, 0, rows * cols);
    }

    @Override
    void derive(float[] z, float[] a, float[] da, float[] dz, int rows, int cols) {
        System.arraycopy(da, 0, dz, 0, rows * cols);
    }
}
