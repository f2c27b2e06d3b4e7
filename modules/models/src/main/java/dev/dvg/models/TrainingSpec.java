package dev.dvg.models;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Objects;

/**
 * Training defaults: how batches are drawn and for how long.
 *
 * <p>Exactly one of {@code steps} and {@code epochs} is positive. {@link Sampling#WITH_REPLACEMENT}
 * counts in steps (there are no epochs); {@link Sampling#FULL_BATCH} counts in steps (one step = one
 * pass over the whole training set) and has {@code batchSize} 0.
 *
 * @param sampling  how each step's examples are chosen
 * @param batchSize examples per step (0 for full batch)
 * @param steps     number of optimiser steps, or 0 when {@code epochs} is set
 * @param epochs    number of passes over the training set, or 0 when {@code steps} is set
 */
public record TrainingSpec(Sampling sampling, int batchSize, int steps, int epochs) {

    public TrainingSpec {
        Objects.requireNonNull(sampling, "training.sampling");
        if (steps < 0 || epochs < 0) {
            throw new IllegalArgumentException("training.steps and training.epochs must be >= 0, got steps="
                    + steps + ", epochs=" + epochs);
        }
        if ((steps > 0) == (epochs > 0)) {
            throw new IllegalArgumentException("training: exactly one of steps and epochs must be > 0, got steps="
                    + steps + ", epochs=" + epochs);
        }
        switch (sampling) {
            case FULL_BATCH -> {
                if (batchSize != 0) {
                    throw new IllegalArgumentException("training.batchSize must be 0 for full-batch, got " + batchSize);
                }
                if (epochs != 0) {
                    throw new IllegalArgumentException("training: full-batch counts steps, not epochs (epochs="
                            + epochs + ")");
                }
            }
            case WITH_REPLACEMENT -> {
                if (batchSize < 1) {
                    throw new IllegalArgumentException("training.batchSize must be >= 1, got " + batchSize);
                }
                if (epochs != 0) {
                    throw new IllegalArgumentException("training: sampling with replacement counts steps, "
                            + "not epochs (epochs=" + epochs + ")");
                }
            }
            case SHUFFLED_EPOCHS -> {
                if (batchSize < 1) {
                    throw new IllegalArgumentException("training.batchSize must be >= 1, got " + batchSize);
                }
            }
        }
    }

    /** {@code steps} minibatches of {@code batchSize} examples drawn uniformly with replacement. */
    public static TrainingSpec withReplacement(int batchSize, int steps) {
        return new TrainingSpec(Sampling.WITH_REPLACEMENT, batchSize, steps, 0);
    }

    /** {@code epochs} passes, each a fresh seeded shuffle cut into batches (without replacement). */
    public static TrainingSpec epochs(int batchSize, int epochs) {
        return new TrainingSpec(Sampling.SHUFFLED_EPOCHS, batchSize, 0, epochs);
    }

    /** {@code steps} steps on the whole training set. */
    public static TrainingSpec fullBatch(int steps) {
        return new TrainingSpec(Sampling.FULL_BATCH, 0, steps, 0);
    }

    /**
     * Optimiser steps this schedule takes on a training set of {@code trainSize} examples
     * (epochs × ⌈trainSize / batchSize⌉ when counted in epochs, the last batch of an epoch partial).
     */
    public long totalSteps(int trainSize) {
        if (epochs == 0) {
            return steps;
        }
        long perEpoch = (trainSize + (long) batchSize - 1) / batchSize;
        return perEpoch * epochs;
    }

    /** How each step's examples are chosen. */
    public enum Sampling {
        /** Each step draws batchSize indices uniformly at random with replacement. */
        WITH_REPLACEMENT("with-replacement"),
        /** Each epoch is a seeded permutation cut into consecutive batches (without replacement). */
        SHUFFLED_EPOCHS("shuffled-epochs"),
        /** Every step sees the whole training set. */
        FULL_BATCH("full-batch");

        private final String id;

        Sampling(String id) {
            this.id = id;
        }

        @JsonValue
        public String id() {
            return id;
        }

        @JsonCreator
        public static Sampling fromId(String id) {
            return DataRecipe.Ids.lookup(values(), Sampling::id, id, "training.sampling");
        }
    }
}
