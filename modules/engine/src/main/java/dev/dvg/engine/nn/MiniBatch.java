package dev.dvg.engine.nn;

import dev.dvg.engine.Tensor;

/** One minibatch: inputs X [N, …] and targets Y [N×K]. */
public interface MiniBatch {

    Tensor x();

    Tensor y();

    /** A minibatch of the two tensors. */
    static MiniBatch of(Tensor x, Tensor y) {
        return new Simple(x, y);
    }

    /** The plain record implementation. */
    record Simple(Tensor x, Tensor y) implements MiniBatch {
    }
}
