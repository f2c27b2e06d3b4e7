/**
 * Immutable descriptions of networks and optimisers — what to build, never how. Both engines are
 * built from these records (the DL4J twin in the {@code dl4j} module, David by
 * {@link dev.dvg.engine.nn.Network#build}); a spec round-trips through JSON in the {@code models}
 * module. Compact constructors validate and say what is wrong.
 *
 * <p>Conventions shared by both engines:
 * <ul>
 *   <li>The last layer of a {@link NetworkSpec} produces pre-activations Z; the {@link LossKind}
 *       owns the output activation (sigmoid for BCE, softmax for CE, identity for MSE).</li>
 *   <li>L2: penalty {@code (l2 / 2) · Σ W²} over weights only (never biases) added to the mean
 *       data loss; gradient {@code l2 · W}.</li>
 *   <li>Biases start at 0.</li>
 * </ul>
 */
package dev.dvg.engine.spec;
