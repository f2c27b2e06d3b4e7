/**
 * Minibatch optimisers as objects ({@link dev.dvg.engine.optim.Optimizer}): SGD, momentum,
 * Nesterov, RMSprop, the scalar-state RMSprop variant, Adam. Each computes its update in float32
 * with exactly the arithmetic of the DL4J 1.0.0-M2.1 updater of the same name (libnd4j's
 * {@code updaterXxx} helpers), so the twins can be compared step by step.
 * Full-batch minimisers live in {@code fullbatch}.
 */
package dev.dvg.engine.optim;
