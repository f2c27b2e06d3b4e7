package dev.dvg.sweeps;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The hyper-parameters a sweep can vary, each with the kinds of space it accepts and what it
 * changes in the base {@link dev.dvg.models.ModelSpec} ({@link Variants} applies them).
 */
public enum Param {
    /** The optimiser's learning rate (every minibatch optimiser has one). */
    LEARNING_RATE("learning_rate", Kind.REAL, "the optimiser's learning rate"),
    /** Units of every hidden dense layer (all dense layers but the output one). */
    HIDDEN("hidden", Kind.INT, "units of every hidden dense layer"),
    /** Number of hidden blocks (dense + its activation) of a dense network. */
    DEPTH("depth", Kind.INT, "number of hidden dense blocks"),
    /** The activation between layers (every activation layer is replaced). */
    ACTIVATION("activation", Kind.CHOICE, "activation of every hidden layer"),
    /** The optimiser kind; its learning rate is kept (or swept), its other settings are DL4J's defaults. */
    OPTIMIZER("optimizer", Kind.CHOICE, "the minibatch optimiser"),
    /** Examples per minibatch. */
    BATCH_SIZE("batch_size", Kind.INT, "examples per minibatch"),
    /** L2 coefficient λ (penalty (λ/2)·ΣW²). */
    L2("l2", Kind.REAL, "L2 coefficient");

    /** Activation names a sweep may use. */
    public static final List<String> ACTIVATIONS = List.of("relu", "tanh", "sigmoid", "identity");
    /** Optimiser names a sweep may use. */
    public static final List<String> OPTIMIZERS = List.of("sgd", "momentum", "nesterov", "rmsprop", "adam");

    /** What values a parameter takes. */
    public enum Kind { REAL, INT, CHOICE }

    private final String id;
    private final Kind kind;
    private final String meaning;

    Param(String id, Kind kind, String meaning) {
        this.id = id;
        this.kind = kind;
        this.meaning = meaning;
    }

    public String id() {
        return id;
    }

    public Kind kind() {
        return kind;
    }

    public String meaning() {
        return meaning;
    }

    /** The names a discrete {@link Kind#CHOICE} parameter allows. */
    public List<String> choices() {
        return this == ACTIVATION ? ACTIVATIONS : this == OPTIMIZER ? OPTIMIZERS : List.of();
    }

    /** Looks a parameter up by its file name; the error lists the allowed names. */
    public static Param fromId(String id) {
        for (Param p : values()) {
            if (p.id.equals(id)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown parameter '" + id + "'; allowed: " + ids());
    }

    public static String ids() {
        return Arrays.stream(values()).map(Param::id).collect(Collectors.joining(", "));
    }

    /** Checks one value of this parameter (a Double, an Integer or a String); returns it. */
    Serializable check(Object v) {
        Objects.requireNonNull(v, id);
        switch (kind) {
            case REAL -> {
                if (!(v instanceof Number n) || !Double.isFinite(n.doubleValue())) {
                    throw new IllegalArgumentException("expected a number, got " + v);
                }
                double d = n.doubleValue();
                if (this == LEARNING_RATE ? !(d > 0) : !(d >= 0)) {
                    throw new IllegalArgumentException("expected a number " + (this == LEARNING_RATE ? "> 0" : ">= 0")
                            + ", got " + v);
                }
                return d;
            }
            case INT -> {
                if (!(v instanceof Integer i)) {
                    throw new IllegalArgumentException("expected an integer, got " + v);
                }
                int min = this == DEPTH ? 0 : 1;
                if (i < min || i > (this == DEPTH ? 16 : 1 << 16)) {
                    throw new IllegalArgumentException("expected an integer in [" + min + ", "
                            + (this == DEPTH ? 16 : 1 << 16) + "], got " + v);
                }
                return i;
            }
            default -> {
                if (!(v instanceof String s) || !choices().contains(s)) {
                    throw new IllegalArgumentException("expected one of " + String.join(", ", choices()) + ", got " + v);
                }
                return s;
            }
        }
    }
}
