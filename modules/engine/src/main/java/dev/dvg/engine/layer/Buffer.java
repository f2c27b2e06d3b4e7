package dev.dvg.engine.layer;

import dev.dvg.engine.Tensor;

/**
 * A layer's reusable output (or gradient) buffer: one array grown to the largest batch seen and one
 * {@link Tensor} view per batch size, so that steady-state training allocates nothing. The tensor
 * returned for a batch of N is valid until the next {@link #get} with another N.
 */
final class Buffer {

    private final int[] perExample;
    private final int perSize;
    private float[] data = new float[0];
    private Tensor view;
    private int viewBatch = -1;

    Buffer(int[] perExample) {
        this.perExample = perExample.clone();
        int s = 1;
        for (int d : perExample) {
            s *= d;
        }
        this.perSize = s;
    }

    /** A tensor of shape {@code [n, perExample...]} backed by this buffer (contents unspecified). */
    Tensor get(int n) {
        if (n != viewBatch) {
            int need = n * perSize;
            if (data.length < need) {
                data = new float[need];
            }
            int[] shape = new int[perExample.length + 1];
            shape[0] = n;
            System.arraycopy(perExample, 0, shape, 1, perExample.length);
            view = Tensor.wrap(data, shape);
            viewBatch = n;
        }
        return view;
    }
}
