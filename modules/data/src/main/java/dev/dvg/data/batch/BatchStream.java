package dev.dvg.data.batch;

import dev.dvg.data.LabeledData;
import dev.dvg.data.NumpyRandomState;
import dev.dvg.data.Transforms;

import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * The single source of training batches for both engines: an endless, seeded iterator of {@link Batch}es
 * over one data set. The same data, targets and {@link BatchPlan} (including its seed) always produce the
 * same sequence of batches, so David and Goliath can be fed identical data.
 *
 * <p>Each batch gathers its rows into fresh n×F / n×targetWidth arrays (only that batch is copied, never
 * the data set); a full batch in sequential order shares the data set's arrays instead. Use
 * {@link #epochs(int)} for a bounded loop, or call {@link #next()} as many times as there are steps.
 */
public final class BatchStream implements Iterator<Batch> {
    private final float[] x;
    private final float[] y;
    private final int n;
    private final int features;
    private final int[] featureShape;
    private final int targetWidth;
    private final BatchPlan plan;
    private final int batchSize;
    private final int stepsPerEpoch;
    private final NumpyRandomState rng;

    private int[] order;      // current epoch's row order (null for WITH_REPLACEMENT)
    private int epoch;
    private int stepInEpoch;
    private long step;

    /**
     * @param data        the examples (features are read from {@code data.x()})
     * @param targets     N×targetWidth targets, row-major
     * @param targetWidth columns of the targets
     * @param plan        batching plan
     */
    public BatchStream(LabeledData data, float[] targets, int targetWidth, BatchPlan plan) {
        if (data.n() == 0) {
            throw new IllegalArgumentException(data.name() + " is empty: no batches");
        }
        if (targetWidth < 1 || targets.length != (long) data.n() * targetWidth) {
            throw new IllegalArgumentException(data.name() + ": targets hold " + targets.length + " floats, expected N x "
                    + targetWidth + " = " + (long) data.n() * targetWidth);
        }
        this.x = data.x();
        this.y = targets;
        this.n = data.n();
        this.features = data.features();
        this.featureShape = data.featureShape();
        this.targetWidth = targetWidth;
        this.plan = plan;
        this.batchSize = Math.min(plan.batchSize(), n);
        if (plan.order() == BatchPlan.Order.WITH_REPLACEMENT) {
            this.stepsPerEpoch = Math.max(1, n / batchSize);
        } else if (plan.lastBatch() == BatchPlan.LastBatch.DROP) {
            this.stepsPerEpoch = n / batchSize;
        } else {
            this.stepsPerEpoch = (n + batchSize - 1) / batchSize;
        }
        this.rng = plan.order() == BatchPlan.Order.SEQUENTIAL ? null : new NumpyRandomState(plan.seed());
    }

    /** A stream over a labelled data set with targets built by {@link Transforms#targets}. */
    public static BatchStream of(LabeledData data, Transforms.TargetKind kind, BatchPlan plan) {
        return new BatchStream(data, Transforms.targets(data, kind), Transforms.targetWidth(data, kind), plan);
    }

    /** Batches per epoch. */
    public int stepsPerEpoch() {
        return stepsPerEpoch;
    }

    /** Effective batch size (plan's, capped at N). */
    public int batchSize() {
        return batchSize;
    }

    public BatchPlan plan() {
        return plan;
    }

    /** Always true: the stream is endless. */
    @Override
    public boolean hasNext() {
        return true;
    }

    @Override
    public Batch next() {
        if (stepInEpoch == 0 && plan.order() != BatchPlan.Order.WITH_REPLACEMENT) {
            order = plan.order() == BatchPlan.Order.SHUFFLE ? rng.permutation(n) : order != null ? order : identity(n);
        }
        int[] rows;
        if (plan.order() == BatchPlan.Order.WITH_REPLACEMENT) {
            rows = new int[batchSize];
            for (int r = 0; r < batchSize; r++) {
                rows[r] = rng.randint(n);
            }
        } else {
            int from = stepInEpoch * batchSize;
            int to = Math.min(from + batchSize, n);
            rows = java.util.Arrays.copyOfRange(order, from, to);
        }
        boolean last = stepInEpoch == stepsPerEpoch - 1;
        Batch b = gather(rows, last);
        step++;
        if (last) {
            epoch++;
            stepInEpoch = 0;
        } else {
            stepInEpoch++;
        }
        return b;
    }

    private Batch gather(int[] rows, boolean last) {
        int m = rows.length;
        if (m == n && plan.order() == BatchPlan.Order.SEQUENTIAL) {
            return new Batch(x, y, n, featureShape, targetWidth, rows, epoch, step, stepInEpoch, last);
        }
        float[] bx = new float[m * features];
        float[] by = new float[m * targetWidth];
        for (int r = 0; r < m; r++) {
            System.arraycopy(x, rows[r] * features, bx, r * features, features);
            System.arraycopy(y, rows[r] * targetWidth, by, r * targetWidth, targetWidth);
        }
        return new Batch(bx, by, m, featureShape, targetWidth, rows, epoch, step, stepInEpoch, last);
    }

    /**
     * The next {@code count} whole epochs as an iterable (continues this stream; starts at the next epoch
     * boundary's batch if called mid-epoch, i.e. it yields batches until {@code count} epochs have ended).
     */
    public Iterable<Batch> epochs(int count) {
        if (count < 0) {
            throw new IllegalArgumentException("count must be >= 0, got " + count);
        }
        int endEpoch = epoch + count;
        return () -> new Iterator<>() {
            @Override
            public boolean hasNext() {
                return epoch < endEpoch;
            }

            @Override
            public Batch next() {
                if (!hasNext()) {
                    throw new NoSuchElementException("all " + count + " epochs consumed");
                }
                return BatchStream.this.next();
            }
        };
    }

    private static int[] identity(int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        return a;
    }
}
