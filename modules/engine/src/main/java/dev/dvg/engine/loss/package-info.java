/**
 * Losses fused with their output activation ({@link dev.dvg.engine.spec.LossKind}): binary
 * cross-entropy on sigmoid outputs, softmax cross-entropy, mean squared error. Values are means over
 * the batch accumulated in double and computed in numerically stable forms (softplus, log-sum-exp);
 * each class doc states where DL4J's loss differs.
 */
package dev.dvg.engine.loss;
