package dev.dvg.data.batch;

/**
 * How a {@link BatchStream} cuts a data set into batches.
 *
 * @param batchSize examples per batch (a full batch when it is ≥ N)
 * @param order     example order
 * @param lastBatch what to do with the remainder when N is not a multiple of batchSize
 *                  (ignored for {@link Order#WITH_REPLACEMENT}, whose batches are always full)
 * @param seed      seed of the order's generator (numpy {@code RandomState(seed)}); unused for SEQUENTIAL
 */
public record BatchPlan(int batchSize, Order order, LastBatch lastBatch, long seed) {

    /** Example order. */
    public enum Order {
        /** Rows 0..N-1 every epoch. */
        SEQUENTIAL,
        /**
         * A fresh permutation each epoch, drawn from one generator:
         * epoch e uses the e-th call of {@code RandomState(seed).permutation(N)}.
         */
        SHUFFLE,
        /**
         * Each batch is batchSize rows drawn independently and uniformly with replacement
         * ({@code RandomState(seed).randint(0, N)} per row); an "epoch" is max(1, N / batchSize) batches.
         */
        WITH_REPLACEMENT
    }

    /** Policy for the last, smaller batch of an epoch. */
    public enum LastBatch {
        /** Hand it out as a smaller batch: every example is seen exactly once per epoch. */
        KEEP,
        /** Drop it: every batch has exactly batchSize rows; N mod batchSize examples are skipped each epoch. */
        DROP
    }

    public BatchPlan {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be >= 1, got " + batchSize);
        }
        if (order == null || lastBatch == null) {
            throw new IllegalArgumentException("order and lastBatch are required");
        }
    }

    /** Shuffled minibatches, last partial batch kept. */
    public static BatchPlan shuffled(int batchSize, long seed) {
        return new BatchPlan(batchSize, Order.SHUFFLE, LastBatch.KEEP, seed);
    }

    /** Rows in order, last partial batch kept (evaluation). */
    public static BatchPlan sequential(int batchSize) {
        return new BatchPlan(batchSize, Order.SEQUENTIAL, LastBatch.KEEP, 0);
    }

    /** Random batches with replacement. */
    public static BatchPlan withReplacement(int batchSize, long seed) {
        return new BatchPlan(batchSize, Order.WITH_REPLACEMENT, LastBatch.KEEP, seed);
    }

    /** The whole data set as one batch, every step (full-batch gradient descent); shares the data's arrays. */
    public static BatchPlan fullBatch() {
        return new BatchPlan(Integer.MAX_VALUE, Order.SEQUENTIAL, LastBatch.KEEP, 0);
    }
}
