package dev.dvg.bench.train;

import java.lang.management.ManagementFactory;
import java.util.Locale;

/**
 * How many steps a training step needs before it stops allocating: the bytes each David step
 * allocates on the caller and the kernel workers (HotSpot's per-thread counters), step by step, as
 * {@link TrainStepBench} runs it.
 * <pre>
 *   java --add-modules jdk.incubator.vector -cp BENCH_CLASSPATH dev.dvg.bench.train.StepAllocProbe \
 *     MODEL BATCH THREADS STEPS [TAIL]
 * </pre>
 * prints the last step that allocated more than {@value #NOTHING} B (its bytes, seconds since the
 * first step and the JVM's uptime, to match against {@code -XX:+PrintCompilation}), the mean bytes
 * and milliseconds per step over the last TAIL steps (default STEPS / 2), and the bytes of steps 0,
 * 1, 2, 4, 8, … up to the last allocating one.
 */
public final class StepAllocProbe {

    /** Bytes per step that count as none (a single small object, e.g. after a deoptimisation). */
    static final int NOTHING = 256;

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private StepAllocProbe() {
    }

    public static void main(String[] args) {
        if (args.length < 4) {
            System.err.println("usage: StepAllocProbe MODEL BATCH THREADS STEPS [TAIL]");
            System.exit(2);
        }
        String model = args[0];
        String batch = args[1];
        int threads = Integer.parseInt(args[2]);
        int steps = Integer.parseInt(args[3]);
        int tail = args.length > 4 ? Integer.parseInt(args[4]) : steps / 2;
        long[] bytes = new long[steps];
        long[] at = new long[steps];
        long uptime0;
        try (Engines e = Engines.create("david", BenchModels.spec(model, batch), BenchModels.batchSize(model, batch),
                true, threads)) {
            long[] workers = e.workerThreadIds();
            uptime0 = ManagementFactory.getRuntimeMXBean().getUptime();
            long start = System.nanoTime();
            for (int s = 0; s < steps; s++) {
                long w0 = allocated(workers);
                long c0 = THREADS.getCurrentThreadAllocatedBytes();
                e.trainStep();
                long c = THREADS.getCurrentThreadAllocatedBytes() - c0;
                bytes[s] = c + allocated(workers) - w0;
                at[s] = System.nanoTime() - start;
            }
        }
        int last = -1;
        for (int s = 0; s < steps; s++) {
            if (bytes[s] > NOTHING) {
                last = s;
            }
        }
        long tailBytes = 0;
        for (int s = steps - tail; s < steps; s++) {
            tailBytes += bytes[s];
        }
        double tailMs = (at[steps - 1] - (steps - tail > 0 ? at[steps - tail - 1] : 0)) / 1e6 / tail;
        StringBuilder seen = new StringBuilder();
        for (int s = 0; s < steps && s <= last + 1; s++) {
            if (s < 3 || Integer.bitCount(s) == 1 || s >= last - 1) {
                seen.append(' ').append(s).append(':').append(bytes[s]);
            }
        }
        System.out.printf(Locale.ROOT, "%s %s t=%d: last step > %d B = #%d (%d B, %.2f s after the first step, "
                        + "JVM uptime %d ms); last %d of %d steps: %.2f B/step, %.3f ms/step%n  B by step:%s%n",
                model, batch, threads, NOTHING, last, last >= 0 ? bytes[last] : 0, last >= 0 ? at[last] / 1e9 : 0.0,
                last >= 0 ? uptime0 + at[last] / 1_000_000 : 0, tail, steps, (double) tailBytes / tail, tailMs, seen);
    }

    private static long allocated(long[] ids) {
        long sum = 0;
        for (long id : ids) {
            sum += Math.max(0, THREADS.getThreadAllocatedBytes(id));
        }
        return sum;
    }
}
