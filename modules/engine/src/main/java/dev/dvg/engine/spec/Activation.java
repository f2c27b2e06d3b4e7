package dev.dvg.engine.spec;

/** Activations: A = f(Z). */
public enum Activation {
    /** A = Z. */
    IDENTITY,
    /** A = 1 / (1 + e^−Z). */
    SIGMOID,
    /** A = max(0, Z); derivative taken as 0 at Z = 0 (as DL4J). */
    RELU,
    /** A = tanh(Z). */
    TANH,
    /** Row-wise A_k = e^{Z_k − max Z} / Σ_j e^{Z_j − max Z}. */
    SOFTMAX
}
