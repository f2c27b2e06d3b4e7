package dev.dvg.engine.layer;

import dev.dvg.engine.Tensor;
import dev.dvg.engine.nn.Param;
import dev.dvg.engine.spec.LayerSpec;

import java.util.List;

/**
 * A layer: forward and backward side by side. Shapes include the batch dimension N first.
 *
 * <p>Protocol: {@code forward(X, training)} caches what backward needs; {@code backward(dY)} must
 * follow the forward of the same batch, overwrites the gradients of {@link #params()} with
 * dLoss/dparam, and returns dX (or {@code null} when {@link #setNeedsInputGradient} turned it off,
 * as for the first layer). Returned tensors are the layer's own buffers, valid until its next call.
 */
public interface Layer {

    /** The spec this layer was built from. */
    LayerSpec spec();

    /** Per-example input shape (without N). */
    int[] inputShape();

    /** Per-example output shape (without N). */
    int[] outputShape();

    /** Y = f(X); caches for backward when {@code training}. */
    Tensor forward(Tensor x, boolean training);

    /** From dY, computes the param gradients and returns dX (or null if not needed). */
    Tensor backward(Tensor dy);

    /** Trainable params in a fixed order (W before b); empty for parameter-free layers. */
    List<Param> params();

    /** The first layer need not compute dX; default true. */
    void setNeedsInputGradient(boolean needed);
}
