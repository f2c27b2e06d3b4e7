package dev.dvg.kernels;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExecTest {

    /**
     * Every index of the range is visited exactly once, chunk bounds on multiples of grain, whether
     * the chunks are fixed or claimed.
     */
    @ParameterizedTest(name = "threads={0} [{1},{2}) grain {3} claimed={4}")
    @CsvSource({"2,0,1,1,false", "2,0,2,1,false", "2,3,1000,1,false", "2,0,100,8,false", "3,5,17,4,false",
            "4,0,3,1,false", "4,0,1000,32,false",
            "2,0,1,1,true", "2,0,2,1,true", "2,3,1000,1,true", "2,0,100,8,true", "3,5,17,4,true",
            "4,0,3,1,true", "4,0,1000,32,true", "2,0,7,100,true"})
    void coversTheRangeOnce(int threads, int from, int to, int grain, boolean claimed) {
        try (Exec ex = Exec.create(threads)) {
            for (int rep = 0; rep < 200; rep++) { // many loops back to back: no lost or repeated chunk
                AtomicIntegerArray hits = new AtomicIntegerArray(to);
                Exec.RangeBody body = (lo, hi) -> {
                    assertTrue(lo == from || (lo - from) % grain == 0, "chunk start " + lo);
                    if (claimed) {
                        assertTrue(hi > lo && ((hi - lo) % grain == 0 || hi == to), "chunk [" + lo + "," + hi + ")");
                    }
                    for (int i = lo; i < hi; i++) {
                        hits.incrementAndGet(i);
                    }
                };
                if (claimed) {
                    ex.parallelForClaimed(from, to, grain, body);
                } else {
                    ex.parallelFor(from, to, grain, body);
                }
                for (int i = 0; i < to; i++) {
                    assertEquals(i < from ? 0 : 1, hits.get(i), "index " + i + " in loop " + rep);
                }
            }
        }
    }

    @Test
    void aFailingChunkIsRethrownAndTheExecutorStaysUsable() {
        try (Exec ex = Exec.create(2)) {
            // chunk 1 runs on the worker, chunk 0 on the caller
            IllegalStateException worker = assertThrows(IllegalStateException.class, () -> ex.parallelFor(0, 2,
                    (lo, hi) -> {
                        if (lo == 1) {
                            throw new IllegalStateException("worker chunk");
                        }
                    }));
            assertEquals("worker chunk", worker.getMessage());
            IllegalArgumentException caller = assertThrows(IllegalArgumentException.class, () -> ex.parallelFor(0, 2,
                    (lo, hi) -> {
                        if (lo == 0) {
                            throw new IllegalArgumentException("caller chunk");
                        }
                    }));
            assertEquals("caller chunk", caller.getMessage());
            AtomicIntegerArray hits = new AtomicIntegerArray(10);
            ex.parallelFor(0, 10, (lo, hi) -> {
                for (int i = lo; i < hi; i++) {
                    hits.incrementAndGet(i);
                }
            });
            for (int i = 0; i < 10; i++) {
                assertEquals(1, hits.get(i));
            }
        }
    }

    /**
     * With claimed chunks, a thread held up in one chunk does not hold up the rest of the range: the
     * other thread takes every other chunk. (A fixed split would leave the held thread's half
     * undone, and the held chunk would wait out its timeout.)
     */
    @Test
    void aHeldUpThreadLeavesTheOtherChunksToTheOthers() throws Exception {
        try (Exec ex = Exec.create(2)) {
            for (int rep = 0; rep < 20; rep++) {
                int n = 40;
                AtomicInteger done = new AtomicInteger();
                Thread[] ranBy = new Thread[n];
                int[] held = {-1};
                boolean[] released = new boolean[1];
                ex.parallelForClaimed(0, n, 1, (lo, hi) -> {
                    for (int i = lo; i < hi; i++) {
                        ranBy[i] = Thread.currentThread();
                    }
                    if (lo == 0) { // the first chunk claimed: wait for every index outside it
                        held[0] = hi;
                        long deadline = System.nanoTime() + 30_000_000_000L;
                        while (done.get() < n - hi && System.nanoTime() < deadline) {
                            Thread.onSpinWait();
                        }
                        released[0] = done.get() == n - hi;
                    } else {
                        done.addAndGet(hi - lo);
                    }
                });
                assertTrue(released[0], "indices " + held[0] + ".." + (n - 1) + " were not all run while [0, "
                        + held[0] + ") was held (loop " + rep + ")");
                for (int i = held[0]; i < n; i++) {
                    assertTrue(ranBy[i] != ranBy[0], "index " + i + " ran on the held thread (loop " + rep + ")");
                }
            }
        }
    }

    /** Claimed chunks shrink as the range runs out: the last one claimed is a single grain. */
    @Test
    void claimedChunksShrinkToOneGrain() {
        try (Exec ex = Exec.create(2)) {
            java.util.List<int[]> chunks = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
            ex.parallelForClaimed(0, 1000, 4, (lo, hi) -> chunks.add(new int[] {lo, hi}));
            chunks.sort(java.util.Comparator.comparingInt(c -> c[0]));
            assertTrue(chunks.get(0)[1] - chunks.get(0)[0] >= 100, "first chunk " + (chunks.get(0)[1] - chunks.get(0)[0]));
            int[] last = chunks.get(chunks.size() - 1);
            assertEquals(1000, last[1]);
            assertEquals(4, last[1] - last[0], "last chunk");
            assertTrue(chunks.size() < 1000 / 4 / 2, chunks.size() + " chunks");
        }
    }

    @Test
    void aFailingClaimedChunkIsRethrownAndTheExecutorStaysUsable() {
        try (Exec ex = Exec.create(2)) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> ex.parallelForClaimed(0, 64, 4,
                    (lo, hi) -> {
                        if (lo <= 32 && 32 < hi) {
                            throw new IllegalStateException("chunk 32");
                        }
                    }));
            assertEquals("chunk 32", e.getMessage());
            AtomicIntegerArray hits = new AtomicIntegerArray(64);
            ex.parallelForClaimed(0, 64, 4, (lo, hi) -> {
                for (int i = lo; i < hi; i++) {
                    hits.incrementAndGet(i);
                }
            });
            for (int i = 0; i < 64; i++) {
                assertEquals(1, hits.get(i), "index " + i);
            }
        }
    }

    @Test
    void nestedAndConcurrentCallsRunInline() throws Exception {
        try (Exec ex = Exec.create(2)) {
            AtomicIntegerArray hits = new AtomicIntegerArray(100);
            ex.parallelFor(0, 10, (lo, hi) -> {
                for (int i = lo; i < hi; i++) {
                    int row = i;
                    ex.parallelFor(0, 10, (a, b) -> {
                        for (int j = a; j < b; j++) {
                            hits.incrementAndGet(row * 10 + j);
                        }
                    });
                }
            });
            for (int i = 0; i < 100; i++) {
                assertEquals(1, hits.get(i), "nested index " + i);
            }

            int loops = 2000;
            AtomicIntegerArray counts = new AtomicIntegerArray(2);
            AtomicReference<Throwable> error = new AtomicReference<>();
            CountDownLatch start = new CountDownLatch(1);
            Thread[] callers = new Thread[2];
            for (int t = 0; t < 2; t++) {
                int id = t;
                callers[t] = new Thread(() -> {
                    try {
                        start.await();
                        for (int r = 0; r < loops; r++) {
                            ex.parallelFor(0, 64, (lo, hi) -> counts.addAndGet(id, hi - lo));
                        }
                    } catch (Throwable e) {
                        error.set(e);
                    }
                });
                callers[t].start();
            }
            start.countDown();
            for (Thread t : callers) {
                t.join(60_000);
            }
            assertNull(error.get());
            assertEquals(64 * loops, counts.get(0));
            assertEquals(64 * loops, counts.get(1));
        }
    }

    @Test
    void closeStopsTheWorkers() throws Exception {
        java.util.Set<Thread> before = kernelThreads();
        Exec ex = Exec.create(3);
        ex.parallelFor(0, 3, (lo, hi) -> { });
        java.util.Set<Thread> mine = kernelThreads();
        mine.removeAll(before);
        assertEquals(2, mine.size(), "workers of a 3-thread executor");
        java.util.Set<Long> ids = new java.util.HashSet<>();
        for (Thread t : mine) {
            ids.add(t.getId());
        }
        java.util.Set<Long> reported = new java.util.HashSet<>();
        for (long id : ex.workerThreadIds()) {
            reported.add(id);
        }
        assertEquals(ids, reported, "workerThreadIds");
        assertEquals(0, Exec.serial().workerThreadIds().length);
        ex.close();
        for (Thread t : mine) {
            t.join(10_000);
            assertTrue(!t.isAlive(), t.getName() + " still running after close");
        }
        AtomicIntegerArray hits = new AtomicIntegerArray(4);
        ex.parallelFor(0, 4, (lo, hi) -> { // a closed executor still runs loops, inline
            for (int i = lo; i < hi; i++) {
                hits.incrementAndGet(i);
            }
        });
        assertEquals(1, hits.get(3));
        assertSame(Exec.serial(), Exec.create(1));
    }

    private static java.util.Set<Thread> kernelThreads() {
        java.util.Set<Thread> out = new java.util.HashSet<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith("dvg-kernel-") && t.isAlive()) {
                out.add(t);
            }
        }
        return out;
    }
}
