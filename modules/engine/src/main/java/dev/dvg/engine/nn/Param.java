package dev.dvg.engine.nn;

import dev.dvg.engine.Tensor;

import java.util.Arrays;

/**
 * A trainable tensor and its gradient, same shape. Layers own their params and write
 * {@code grad} in {@code backward}; optimisers read {@code grad} and update {@code value} in place.
 *
 * @param name        stable name, {@code "<layer index>.<W|b>"}, e.g. {@code "0.W"}
 * @param value       the parameter
 * @param grad        dLoss/dvalue of the last backward pass
 * @param regularized whether L2 applies (weights yes, biases no)
 */
public record Param(String name, Tensor value, Tensor grad, boolean regularized) {
    public Param {
        if (!Arrays.equals(value.shape(), grad.shape())) {
            throw new IllegalArgumentException("param " + name + ": value " + value + " and grad " + grad
                    + " differ in shape");
        }
    }

    public int size() {
        return value.size();
    }
}
