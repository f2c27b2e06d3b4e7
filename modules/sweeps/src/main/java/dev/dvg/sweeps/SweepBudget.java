package dev.dvg.sweeps;

import dev.dvg.models.TrainingSpec;
import dev.dvg.runner.Budget;

import java.util.Objects;

/**
 * One budget of a sweep: which of the base experiment's budgets the candidates start from, an
 * optional shorter schedule, the generator, and when to stop.
 *
 * @param base          the experiment budget whose schedule, optimiser override and evaluation the candidates inherit
 * @param training      schedule of every candidate (null = the base budget's)
 * @param evalEvery     evaluation interval in steps (-1 = the base budget's; 0 = per epoch / 10 per run)
 * @param seeds         how many of the experiment's seeds each candidate trains (scores are means)
 * @param generator     grid or random
 * @param maxCandidates stop after this many candidates (0 = the whole grid; random search needs a limit)
 * @param maxMinutes    start no candidate after this many minutes (0 = no limit); running ones finish
 */
public record SweepBudget(Budget base, TrainingSpec training, int evalEvery, int seeds, Generator generator,
                          int maxCandidates, double maxMinutes) {

    public SweepBudget {
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(generator, "generator");
        if (seeds < 1) {
            throw new IllegalArgumentException("seeds must be >= 1, got " + seeds);
        }
        if (maxCandidates < 0 || !(maxMinutes >= 0)) {
            throw new IllegalArgumentException("maxCandidates and maxMinutes must be >= 0");
        }
        if (generator instanceof Generator.Random && maxCandidates == 0 && maxMinutes == 0) {
            throw new IllegalArgumentException("a random search never runs out of candidates: set maxCandidates or maxMinutes");
        }
    }

    /** How candidates are generated. */
    public sealed interface Generator {
        /** Arbiter's grid search, in sequential order: {@code points} values per continuous/integer range. */
        record Grid(int points) implements Generator {
            public Grid {
                if (points < 2) {
                    throw new IllegalArgumentException("points must be >= 2, got " + points);
                }
            }
        }

        /** Arbiter's random search with a seeded generator. */
        record Random(long seed) implements Generator {
        }
    }
}
