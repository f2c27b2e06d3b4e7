package dev.dvg.engine.spec;

/**
 * Losses, each fused with the output activation it implies. Per-example values are reduced over
 * the batch by the mean, as DL4J's score is.
 */
public enum LossKind {
    /**
     * Binary cross-entropy on sigmoid outputs, summed over the outputs of an example:
     * {@code −Σ_k [y log σ(z) + (1−y) log(1−σ(z))]}; dZ = (σ(Z) − Y)/N. With K sigmoid outputs this
     * is the ML course's per-output cost. DL4J: OutputLayer, Activation.SIGMOID, LossFunction.XENT.
     */
    BCE_SIGMOID,
    /**
     * Softmax cross-entropy: {@code −Σ_k y_k log softmax(z)_k}; dZ = (softmax(Z) − Y)/N.
     * DL4J: Activation.SOFTMAX, LossFunction.MCXENT.
     */
    SOFTMAX_CE,
    /**
     * Mean squared error on identity outputs, averaged over the K outputs of an example:
     * {@code (1/K) Σ_k (z_k − y_k)²}. DL4J: Activation.IDENTITY, LossFunction.MSE.
     */
    MSE
}
