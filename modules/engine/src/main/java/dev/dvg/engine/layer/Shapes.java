package dev.dvg.engine.layer;

import dev.dvg.engine.Tensor;

import java.util.Arrays;

/** Shape checks shared by the layers. */
final class Shapes {

    private Shapes() {
    }

    static int product(int[] shape) {
        int p = 1;
        for (int d : shape) {
            p *= d;
        }
        return p;
    }

    /**
     * Checks that {@code x} holds a batch of examples of {@code perExample} elements each; any shape
     * with the right per-example size is accepted (e.g. [N, 784] for a [1, 28, 28] input).
     */
    static int batch(Tensor x, int[] perExample, String layer) {
        if (x.rank() < 1 || x.dim(0) < 1 || x.perExample() != product(perExample)) {
            throw new IllegalArgumentException(layer + ": expected input [N, " + Arrays.toString(perExample)
                    .replace("[", "").replace("]", "") + "], got " + x);
        }
        return x.dim(0);
    }
}
