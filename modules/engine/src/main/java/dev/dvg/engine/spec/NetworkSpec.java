package dev.dvg.engine.spec;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A feed-forward network: input shape per example, layers in order, the loss (which owns the output
 * activation) and the L2 coefficient.
 *
 * @param inputShape per-example input shape: {@code [D]} for dense nets, {@code [C,H,W]} for images
 * @param layers     layers in order; the last one produces Z (no trailing output activation)
 * @param loss       the loss and its fused output activation
 * @param l2         L2 coefficient λ ≥ 0: penalty (λ/2)·ΣW² over weights, not biases
 */
public record NetworkSpec(int[] inputShape, List<LayerSpec> layers, LossKind loss, double l2) {

    public NetworkSpec {
        Objects.requireNonNull(inputShape, "network.inputShape");
        if (inputShape.length != 1 && inputShape.length != 3) {
            throw new IllegalArgumentException("network.inputShape must be [D] or [C,H,W], got "
                    + Arrays.toString(inputShape));
        }
        for (int d : inputShape) {
            if (d < 1) {
                throw new IllegalArgumentException("network.inputShape dims must be >= 1, got "
                        + Arrays.toString(inputShape));
            }
        }
        inputShape = inputShape.clone();
        Objects.requireNonNull(layers, "network.layers");
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("network.layers must not be empty");
        }
        layers = List.copyOf(layers);
        Objects.requireNonNull(loss, "network.loss");
        if (!(l2 >= 0) || Double.isInfinite(l2)) {
            throw new IllegalArgumentException("network.l2 must be a finite number >= 0, got " + l2);
        }
    }

    @Override
    public int[] inputShape() {
        return inputShape.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NetworkSpec s && Arrays.equals(inputShape, s.inputShape)
                && layers.equals(s.layers) && loss == s.loss && Double.compare(l2, s.l2) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(inputShape), layers, loss, l2);
    }

    @Override
    public String toString() {
        return "NetworkSpec[inputShape=" + Arrays.toString(inputShape) + ", layers=" + layers
                + ", loss=" + loss + ", l2=" + l2 + "]";
    }
}
