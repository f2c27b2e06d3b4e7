package dev.dvg.runner;

import dev.dvg.engine.spec.OptimizerSpec;
import dev.dvg.models.TrainingSpec;

import java.util.Objects;

/**
 * One budget of an experiment: the training schedule, optionally another optimiser than the
 * model's default, and how often both engines are evaluated.
 *
 * @param training   batches and length
 * @param optimizer  optimiser for this budget, or null for the model's default
 * @param evalEvery  evaluate train/test loss and accuracy every this many steps; 0 = at the end of
 *                   every epoch (shuffled-epochs) or 10 times over the run (step budgets)
 * @param minAccuracy the test accuracy each engine must reach on this budget (0 = no floor): the
 *                    quick budgets' floors are what the default test suite asserts
 */
public record BudgetDef(TrainingSpec training, OptimizerSpec optimizer, int evalEvery, double minAccuracy) {
    public BudgetDef {
        Objects.requireNonNull(training, "training");
        if (evalEvery < 0) {
            throw new IllegalArgumentException("evalEvery must be >= 0, got " + evalEvery);
        }
        if (!(minAccuracy >= 0 && minAccuracy <= 1)) {
            throw new IllegalArgumentException("minAccuracy must be in [0, 1], got " + minAccuracy);
        }
    }
}
