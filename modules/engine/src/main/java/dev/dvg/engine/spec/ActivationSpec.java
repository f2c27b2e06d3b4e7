package dev.dvg.engine.spec;

import java.util.Objects;

/** An elementwise (or, for softmax, row-wise) activation between layers. */
public record ActivationSpec(Activation kind) implements LayerSpec {
    public ActivationSpec {
        Objects.requireNonNull(kind, "activation.kind");
    }
}
