package dev.dvg.kernels;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The threads David's kernels run on. One {@code Exec} per network (or per benchmark); a thread
 * count of 1 runs everything inline on the caller's thread.
 *
 * <p>{@link #parallelFor} splits {@code [from, to)} into at most {@link #threads()} contiguous
 * chunks and runs them concurrently; callers split over independent outputs only, so results do not
 * depend on the thread count.
 */
public final class Exec implements AutoCloseable {

    /** Body of a parallel loop over the half-open index range {@code [lo, hi)}. */
    @FunctionalInterface
    public interface RangeBody {
        void run(int lo, int hi);
    }

    private static final Exec SERIAL = new Exec(1);

    private final int threads;
    private final ExecutorService pool;

    private Exec(int threads) {
        this.threads = threads;
        this.pool = threads == 1 ? null : Executors.newFixedThreadPool(threads - 1, r -> {
            Thread t = new Thread(r, "dvg-kernel");
            t.setDaemon(true);
            return t;
        });
    }

    /** An executor with {@code threads} threads (the caller's thread counts as one). */
    public static Exec create(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        return threads == 1 ? SERIAL : new Exec(threads);
    }

    /** The shared single-threaded executor. */
    public static Exec serial() {
        return SERIAL;
    }

    /** Default thread count: the number of available processors. */
    public static int defaultThreads() {
        return Runtime.getRuntime().availableProcessors();
    }

    public int threads() {
        return threads;
    }

    /**
     * Runs {@code body} over {@code [from, to)} split into at most {@code threads()} contiguous
     * chunks of nearly equal size; returns when all chunks are done. Exceptions are rethrown.
     */
    public void parallelFor(int from, int to, RangeBody body) {
        parallelFor(from, to, 1, body);
    }

    /**
     * As {@link #parallelFor(int, int, RangeBody)}, but chunk boundaries fall on multiples of
     * {@code grain} (relative to {@code from}), so a kernel can keep register blocks whole.
     */
    public void parallelFor(int from, int to, int grain, RangeBody body) {
        int n = to - from;
        if (n <= 0) {
            return;
        }
        int blocks = (n + grain - 1) / grain;
        int parts = Math.min(threads, blocks);
        if (parts <= 1) {
            body.run(from, to);
            return;
        }
        List<Future<?>> futures = new ArrayList<>(parts - 1);
        int lo0 = from;
        int hi0 = 0;
        for (int p = 0; p < parts; p++) {
            int lo = from + (int) ((long) blocks * p / parts) * grain;
            int hi = p == parts - 1 ? to : from + (int) ((long) blocks * (p + 1) / parts) * grain;
            if (p == 0) {
                lo0 = lo;
                hi0 = hi;
            } else {
                futures.add(pool.submit(() -> body.run(lo, hi)));
            }
        }
        Throwable failure = null;
        try {
            body.run(lo0, hi0);
        } catch (RuntimeException | Error e) {
            failure = e;
        }
        for (Future<?> f : futures) {
            try {
                f.get();
            } catch (ExecutionException e) {
                if (failure == null) {
                    failure = e.getCause();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                if (failure == null) {
                    failure = e;
                }
            }
        }
        if (failure instanceof RuntimeException re) {
            throw re;
        }
        if (failure instanceof Error err) {
            throw err;
        }
        if (failure != null) {
            throw new IllegalStateException("parallel kernel interrupted", failure);
        }
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }

    @Override
    public String toString() {
        return "Exec[threads=" + threads + "]";
    }
}
