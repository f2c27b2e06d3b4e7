package dev.dvg.engine.optim;

import dev.dvg.engine.nn.Param;

import java.util.List;

/**
 * A minibatch optimiser. Call protocol: after each backward pass, {@code step(params)} updates every
 * param's value in place from its grad. The list must be the same params in the same order on every
 * call (state is kept per position); {@link #iteration()} counts completed steps.
 */
public interface Optimizer {

    /** One update of every param from its current gradient. */
    void step(List<Param> params);

    /** Number of completed {@link #step} calls. */
    int iteration();
}
