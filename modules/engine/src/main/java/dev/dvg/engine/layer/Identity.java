package dev.dvg.engine.layer;

import dev.dvg.engine.spec.ActivationSpec;
import dev.dvg.kernels.Exec;

/** A = Z; dZ = dA. */
public final class Identity extends ActivationLayer {

    public Identity(ActivationSpec spec, int[] shape, Exec exec) {
        super(spec, shape, exec);
    }

    @Override
    void apply(float[] z, float[] a, int r0, int r1, int cols) {
        System.arraycopy(z, r0 * cols, a, r0 * cols, (r1 - r0) * cols);
    }

    @Override
    void derive(float[] z, float[] a, float[] da, float[] dz, int r0, int r1, int cols) {
        System.arraycopy(da, r0 * cols, dz, r0 * cols, (r1 - r0) * cols);
    }
}
