package dev.dvg.sweeps;

import org.deeplearning4j.arbiter.optimize.api.CandidateGenerator;
import org.deeplearning4j.arbiter.optimize.api.termination.TerminationCondition;
import org.deeplearning4j.arbiter.optimize.runner.IOptimizationRunner;

import java.util.function.BooleanSupplier;

/**
 * Ends Arbiter's loop when the sweep is asked to stop (Ctrl-C, a fatal error), or when the
 * generator is exhausted and nothing is running (a safety net beside MaxCandidatesCondition, which
 * does not count candidates whose generation failed).
 */
final class StopCondition implements TerminationCondition {

    private final BooleanSupplier stop;
    private final CandidateGenerator generator;

    StopCondition(BooleanSupplier stop, CandidateGenerator generator) {
        this.stop = stop;
        this.generator = generator;
    }

    @Override
    public void initialize(IOptimizationRunner runner) {
        // nothing to start: the condition reads live state
    }

    @Override
    public boolean terminate(IOptimizationRunner runner) {
        return stop.getAsBoolean()
                || (!generator.hasMoreCandidates() && runner.numCandidatesQueued() == 0);
    }

    @Override
    public String toString() {
        return "StopCondition(stop requested or generator exhausted)";
    }
}
