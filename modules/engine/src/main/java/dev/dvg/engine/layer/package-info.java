/**
 * The runtime layers, forward beside backward: {@link dev.dvg.engine.layer.Dense},
 * {@link dev.dvg.engine.layer.Conv2d}, {@link dev.dvg.engine.layer.MaxPool2d},
 * {@link dev.dvg.engine.layer.Flatten} and the activations (Identity, Sigmoid, Relu, Tanh, Softmax).
 * Dimension letters as in {@link dev.dvg.engine}. Each layer keeps its output and dX buffers and
 * reuses them while the batch size N stays the same, so steady-state training allocates nothing;
 * matrix products, convolution and pooling run in the {@code dev.dvg.kernels} module. A network
 * lets a dense layer apply the ReLU that follows it ({@link dev.dvg.engine.layer.Layers#fuse}): the
 * same bits, without two passes over the dense layer's output.
 */
package dev.dvg.engine.layer;
