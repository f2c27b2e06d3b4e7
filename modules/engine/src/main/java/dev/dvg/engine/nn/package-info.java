/**
 * The network ({@link dev.dvg.engine.nn.Network}: build from a spec, params, gradients, outputs),
 * its seeded initialisation ({@link dev.dvg.engine.nn.Initializer}) and the minibatch training loop
 * ({@link dev.dvg.engine.nn.Trainer}, {@link dev.dvg.engine.nn.MiniBatch},
 * {@link dev.dvg.engine.nn.TrainingListener}, {@link dev.dvg.engine.nn.DivergenceException}).
 */
package dev.dvg.engine.nn;
