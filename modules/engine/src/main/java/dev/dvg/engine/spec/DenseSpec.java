package dev.dvg.engine.spec;

import java.util.Objects;

/**
 * Fully connected layer {@code Z[N×H] = X[N×D]·W[D×H] + b[H]}; D is taken from the input shape.
 *
 * @param units H, the number of outputs
 * @param init  how W is initialised (b starts at 0)
 */
public record DenseSpec(int units, InitSpec init) implements LayerSpec {
    public DenseSpec {
        if (units < 1) {
            throw new IllegalArgumentException("dense.units must be >= 1, got " + units);
        }
        Objects.requireNonNull(init, "dense.init");
    }
}
