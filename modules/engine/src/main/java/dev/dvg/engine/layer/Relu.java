package dev.dvg.engine.layer;

import dev.dvg.engine.spec.ActivationSpec;
import dev.dvg.kernels.Elementwise;
import dev.dvg.kernels.Exec;

/** A = max(0, Z); dZ = dA where Z &gt; 0, else 0 (so ReLU'(0) = 0, as DL4J). */
public final class Relu extends ActivationLayer {

    public Relu(ActivationSpec spec, int[] shape, Exec exec) {
        super(spec, shape, exec);
    }

    @Override
    void apply(float[] z, float[] a, int r0, int r1, int cols) {
        Elementwise.reluForward(z, a, r0 * cols, (r1 - r0) * cols);
    }

    @Override
    void derive(float[] z, float[] a, float[] da, float[] dz, int r0, int r1, int cols) {
        Elementwise.reluBackward(a, da, dz, r0 * cols, (r1 - r0) * cols);
    }
}
