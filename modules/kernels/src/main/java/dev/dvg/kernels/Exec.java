package dev.dvg.kernels;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The threads David's kernels run on. One {@code Exec} per network (or per benchmark); a thread
 * count of 1 runs everything inline on the caller's thread.
 *
 * <p>{@link #parallelFor} splits {@code [from, to)} into at most {@link #threads()} contiguous
 * chunks and runs them concurrently; callers split over independent outputs only, so results do not
 * depend on the thread count.
 *
 * <h2>How a parallel loop runs</h2>
 * {@code threads − 1} workers live as long as the executor. A call publishes its loop (body and
 * bounds) in fields, bumps a volatile generation counter and unparks the workers; worker {@code p}
 * runs chunk {@code p}, the caller runs chunk 0 and then waits for the workers' countdown to reach zero. Both
 * sides spin for a few microseconds before parking, since a training step issues its loops only
 * microseconds apart. Nothing is allocated per call (an earlier version submitted {@code Future}s
 * to an {@code ExecutorService}: ~300 B and two context switches per loop), so the cost that is
 * left is the caller's own lambda, if it captures.
 *
 * <p>{@link #parallelForClaimed} hands the range out in chunks that the caller and the workers
 * claim one at a time from a shared counter instead, until none is left: a thread that runs slower
 * (a core shared with another tenant of the machine, a worker that woke late) then takes fewer
 * chunks rather than holding the others up at the end. Which thread runs which chunk changes from
 * run to run; the results do not, for the same reason as above.
 *
 * <p>One loop runs at a time per executor: a call made while another is running (from a second
 * thread, or nested inside a body) runs its whole range inline on the calling thread. The result is
 * the same, because chunks never depend on how the range was split.
 *
 * <h2>The body</h2>
 * Hand {@link #parallelFor} a body whose class the JIT cannot prove: a {@code RangeBody} field
 * holding a method reference ({@code private final Exec.RangeBody body = this::run}), made once,
 * not {@code this} or an object of a final class. {@code parallelFor} is small and C2 inlines it
 * into the caller; given a body of a known class, it then inlines the body's whole {@code run}
 * (every mode of a kernel's job, each with its Vector-API chains) into the caller as well, once for
 * the serial call and once for chunk 0. That can exceed C2's inlining node budget
 * ({@code NodeCountInliningCutoff}) part-way through a vector operation, which is then not
 * intrinsified: every vector in that code becomes a heap object. Whether the budget runs out
 * depends on the profile at compile time, so it happened in some JVMs and not in others:
 * <ul>
 *   <li>RMSprop's update in its {@code step} (mnist-mlp256, batch 128, 2 threads): 16.9 KB per
 *       step in 2 of 8 JVMs;</li>
 *   <li>the max-pool gather inside {@code MaxPool2d.forward} (mnist-lenet, batch 512, 1 thread,
 *       after the other models had run in the same JVM): 25.9 MB per step in 4 of 8 test JVMs.</li>
 * </ul>
 * Through an interface-typed field, the call in {@code parallelFor} uses its own type profile,
 * which sees every kernel's body: C2 makes it a virtual call, and each body is compiled on its own.
 * A job with several modes keeps one such body per mode rather than one {@code run} that switches,
 * so that no compiled method holds every mode's vector code.
 */
public final class Exec implements AutoCloseable {

    /** Body of a parallel loop over the half-open index range {@code [lo, hi)}. */
    @FunctionalInterface
    public interface RangeBody {
        void run(int lo, int hi);
    }

    /** Spins (each one {@code Thread.onSpinWait}) before a waiting thread parks. */
    private static final int SPINS = 1 << 12;

    private static final Exec SERIAL = new Exec(1);

    private final int threads;
    private final Worker[] workers;
    private final AtomicBoolean busy = new AtomicBoolean();
    private final AtomicInteger pending = new AtomicInteger();
    /** The next chunk to claim, for a loop run by {@link #parallelForClaimed}. */
    private final AtomicInteger next = new AtomicInteger();

    // the loop being run: written by the caller before the volatile write of generation
    private RangeBody body;
    private int from;
    private int to;
    private int grain;
    private int blocks;
    private int parts;
    private boolean claimed;
    private Thread caller;
    private volatile Throwable failure;
    private volatile int generation;
    private volatile boolean closed;

    private Exec(int threads) {
        this.threads = threads;
        this.workers = new Worker[threads - 1];
        for (int i = 0; i < workers.length; i++) {
            workers[i] = new Worker(i + 1);
            workers[i].start();
        }
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
     * Ids of the {@code threads() − 1} worker threads (none for a serial executor), so that a caller
     * can account for the work they do on its behalf, e.g. the bytes they allocate
     * ({@code com.sun.management.ThreadMXBean.getThreadAllocatedBytes}). A new array per call.
     */
    public long[] workerThreadIds() {
        long[] ids = new long[workers.length];
        for (int i = 0; i < workers.length; i++) {
            ids[i] = workers[i].getId();
        }
        return ids;
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
        run(from, to, grain, body, false);
    }

    /**
     * Runs {@code body} over {@code [from, to)} in chunks that the caller and the workers claim one at
     * a time until none is left; returns when all chunks are done. Chunks are whole multiples of
     * {@code grain} indices (but the one that ends at {@code to}), large while much of the range is
     * left and down to one grain at the end. Exceptions are rethrown (a thread stops claiming after
     * its first). For bodies whose chunks cost about the same and that do not pay much per chunk: a
     * body that prepares something per thread (packing an operand) should keep it from one chunk to
     * the next.
     */
    public void parallelForClaimed(int from, int to, int grain, RangeBody body) {
        run(from, to, grain, body, true);
    }

    private void run(int from, int to, int grain, RangeBody body, boolean claimed) {
        int n = to - from;
        if (n <= 0) {
            return;
        }
        int blocks = (n + grain - 1) / grain;
        int parts = Math.min(threads, blocks);
        if (parts <= 1 || closed || !busy.compareAndSet(false, true)) {
            body.run(from, to);
            return;
        }
        try {
            this.body = body;
            this.from = from;
            this.to = to;
            this.grain = grain;
            this.blocks = blocks;
            this.parts = parts;
            this.claimed = claimed;
            this.caller = Thread.currentThread();
            this.failure = null;
            next.set(0);
            // every worker takes part in every loop (those past the last chunk only count down), so
            // none can still be reading this loop's fields when the next loop overwrites them
            pending.set(workers.length);
            generation++; // publishes the fields above to the workers
            for (Worker w : workers) {
                LockSupport.unpark(w);
            }
            Throwable mine = null;
            try {
                if (claimed) {
                    claimChunks();
                } else {
                    body.run(lo(0), hi(0));
                }
            } catch (RuntimeException | Error e) {
                mine = e;
            }
            awaitWorkers();
            Throwable theirs = failure;
            this.body = null;
            rethrow(mine != null ? mine : theirs);
        } finally {
            busy.set(false);
        }
    }

    /**
     * Runs chunks of the current loop until none is left to claim. A claim takes 1/(2·parts) of the
     * grains left, at least one ("guided" scheduling): few claims while much is left, and a last
     * chunk of one grain, so that the threads finish close together.
     */
    private void claimChunks() {
        RangeBody b = body;
        int twiceParts = 2 * parts;
        for (int c = next.get(); c < blocks; c = next.get()) {
            int take = Math.max(1, (blocks - c) / twiceParts);
            if (next.compareAndSet(c, c + take)) {
                int lo = from + c * grain; // c < blocks, so lo < to: no overflow
                b.run(lo, to - lo <= (long) take * grain ? to : lo + take * grain);
            }
        }
    }

    private int lo(int p) {
        return from + (int) ((long) blocks * p / parts) * grain;
    }

    private int hi(int p) {
        return p == parts - 1 ? to : from + (int) ((long) blocks * (p + 1) / parts) * grain;
    }

    private void awaitWorkers() {
        for (int spin = 0; pending.get() != 0; spin++) {
            if (spin < SPINS) {
                Thread.onSpinWait();
            } else {
                LockSupport.park(this);
            }
        }
    }

    private static void rethrow(Throwable t) {
        if (t instanceof RuntimeException re) {
            throw re;
        }
        if (t instanceof Error err) {
            throw err;
        }
    }

    @Override
    public void close() {
        if (this == SERIAL || closed) {
            return;
        }
        closed = true;
        for (Worker w : workers) {
            LockSupport.unpark(w);
        }
    }

    @Override
    public String toString() {
        return "Exec[threads=" + threads + "]";
    }

    /** Runs chunk {@code index} of every loop it is given, until the executor closes. */
    private final class Worker extends Thread {
        private final int index;

        Worker(int index) {
            super("dvg-kernel-" + index);
            this.index = index;
            setDaemon(true);
        }

        @Override
        public void run() {
            int seen = 0; // not a read of generation: a loop published before this thread started must still run
            while (true) {
                int g = generation;
                for (int spin = 0; g == seen && !closed; spin++) {
                    if (spin < SPINS) {
                        Thread.onSpinWait();
                    } else {
                        LockSupport.park(this);
                    }
                    g = generation;
                }
                if (closed) {
                    return;
                }
                seen = g;
                try {
                    if (claimed) {
                        claimChunks();
                    } else if (index < parts) {
                        body.run(lo(index), hi(index));
                    }
                } catch (Throwable t) {
                    failure = t;
                }
                if (pending.decrementAndGet() == 0) {
                    LockSupport.unpark(caller);
                }
            }
        }
    }
}
