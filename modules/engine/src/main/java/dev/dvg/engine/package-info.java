/**
 * David: a neural-network engine written by hand in plain Java, float32, JDK only.
 *
 * <h2>Dimension letters (used in every doc comment of the engine)</h2>
 * <pre>
 *   N   batch size (examples in a minibatch)
 *   D   input features of a dense layer (fan-in)
 *   H   output units of a dense layer (fan-out; "hidden")
 *   K   classes (outputs of the last layer)
 *   C, H, W   channels, height, width of an image tensor [N, C, H, W] (NCHW)
 *   F   filters of a convolution; KH, KW its kernel height and width; OH, OW output height, width
 * </pre>
 * Gradients are named after what they are the gradient of: {@code dW}, {@code db}, {@code dX},
 * {@code dY}, {@code dZ} (Z = pre-activation, A = activation).
 *
 * <h2>Layout</h2>
 * Every tensor is a contiguous row-major {@code float[]} with an explicit shape whose first
 * dimension is N. A dense weight is {@code W[D×H]} (so {@code Y = X·W + b}); a convolution filter
 * bank is {@code W[F, C, KH, KW]}; flatten keeps the (C, H, W) order.
 *
 * <h2>Packages</h2>
 * {@code spec} — immutable records describing a network (what to build); {@code layer} — the
 * runtime layers, forward beside backward; {@code loss} — losses fused with their output
 * activation; {@code optim} — optimisers as objects; {@code nn} — the network, its parameters and
 * the training loop. The arithmetic lives in the {@code dev.dvg.kernels} module.
 */
package dev.dvg.engine;
