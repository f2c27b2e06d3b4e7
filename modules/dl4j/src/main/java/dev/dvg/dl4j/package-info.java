/**
 * Goliath: the Deeplearning4j (1.0.0-M2.1) twin of every spec, and the checks that David computes
 * the same numbers.
 *
 * <ul>
 *   <li>{@link dev.dvg.dl4j.GoliathBuilder} — NetworkSpec + OptimizerSpec → MultiLayerConfiguration
 *       (layer, loss, init, updater, L2 and data-type mapping; what has no exact DL4J equivalent is
 *       refused with {@link dev.dvg.dl4j.GoliathOptions#EXACT} and named otherwise).</li>
 *   <li>{@link dev.dvg.dl4j.Goliath} — the built network, weight transfer both ways in David's
 *       layout ({@link dev.dvg.dl4j.ParamLayout}), outputs, gradients in David's convention, one
 *       training step.</li>
 *   <li>{@link dev.dvg.dl4j.BatchStreamIterator} — DL4J's DataSetIterator over the shared batch
 *       stream.</li>
 *   <li>{@link dev.dvg.dl4j.parity.Parity} — outputs, gradients and K steps of both engines side by
 *       side.</li>
 * </ul>
 *
 * <p>DL4J conventions converted on this side (each checked by a test):
 * <ul>
 *   <li>{@code computeGradientAndScore()} leaves a gradient that is summed (not averaged) over the
 *       batch and has no L2 term: the updater divides by N and adds l2·W later.
 *       {@link dev.dvg.dl4j.Goliath#gradientAsDavid} does both (GoliathGradientConventionTest, central
 *       differences in double).</li>
 *   <li>L2: {@code .l2(x)} is (x/2)·ΣW² in the score and x·W in the gradient, weights only — ours,
 *       passed through (GoliathBuilderTest).</li>
 *   <li>Dense W is [nIn,nOut] in 'f' order, conv params are [b, W] — {@link dev.dvg.dl4j.ParamLayout}
 *       (WeightTransferTest).</li>
 *   <li>An unset activation is sigmoid in DL4J: dense/conv layers without an activation get
 *       IDENTITY explicitly.</li>
 *   <li>Cross-entropy clipping: {@code LossBinaryXENT} clips σ to [ε, 1−ε] in score and gradient;
 *       parity uses {@link dev.dvg.dl4j.LossSigmoidXentLogits} instead (Dl4jBceClipTest shows where
 *       DL4J's own departs); {@code LossMCXENT}'s clip is lowered to Float.MIN_NORMAL.</li>
 *   <li>{@code MultiLayerNetwork.clear()} drops the Solver and with it the updater state; Goliath
 *       never calls it (GradientCallKeepsTrainingStateTest).</li>
 *   <li>RMSprop state starts at ε in DL4J (David matches it).</li>
 * </ul>
 */
package dev.dvg.dl4j;
