/**
 * Full-batch minimisers in double precision over an {@link dev.dvg.engine.optim.fullbatch.Objective}:
 * L-BFGS and Polak–Ribière+ nonlinear CG sharing one strong-Wolfe line search, each counting
 * evaluations of f and ∇f against a budget; {@link dev.dvg.engine.optim.fullbatch.NetworkObjective}
 * and {@link dev.dvg.engine.optim.fullbatch.FullBatch} apply them to a network on (X, Y).
 */
package dev.dvg.engine.optim.fullbatch;
