package dev.dvg.engine.optim;

import dev.dvg.kernels.Exec;

/**
 * When an optimiser splits one tensor's elementwise update over the executor's threads. The update
 * of an element does not depend on its neighbours or on where a chunk starts ({@code Updates}' range
 * forms), so the result is the same bits for any thread count; only large tensors are split, since
 * a hand-off to the workers costs a few microseconds (mnist-mlp256's 784×256 W1 took 0.2–0.3 ms to
 * update on one thread at every batch size, a third of its step at batch 32).
 */
final class ParallelUpdate {

    /** Tensors with fewer elements are updated on the caller's thread. */
    static final int MIN_ELEMENTS = 1 << 16;
    /** Chunks start on multiples of this, so vector loops stay aligned to their blocks. */
    static final int GRAIN = 64;

    private ParallelUpdate() {
    }

    static boolean worth(Exec exec, int elements) {
        return exec.threads() > 1 && elements >= MIN_ELEMENTS;
    }
}
