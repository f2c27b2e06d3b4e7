package dev.dvg.bench.memory;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dvg.bench.train.BenchModels;
import dev.dvg.bench.train.Engines;
import dev.dvg.models.ModelSpec;
import dev.dvg.runner.Memory;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Peak memory of one engine training one model, run as its own JVM ({@code dvg bench} starts one per
 * (model, engine) so one does not pollute another):
 * <pre>
 *   java … dev.dvg.bench.memory.MemoryProbe MODEL BATCH ENGINE THREADS STEPS
 * </pre>
 * builds the engine ({@link Engines}, the same setup as the step benchmark), trains STEPS steps and
 * prints one JSON line: peak heap (sum of the heap pools' peak usage over the whole process, build
 * included), peak RSS (VmHWM from /proc/self/status, DL4J's off-heap buffers included) and, for DL4J,
 * JavaCPP's {@code Pointer.physicalBytes()} and {@code Pointer.totalBytes()} (off-heap), the max of
 * samples taken after every step, and the live heap after the last step (used heap after a full GC,
 * the engine still open): what the model, its buffers and the batch really hold, whereas the peak
 * also counts garbage the JVM had not yet collected (its default heap grows to ¼ of RAM).
 */
public final class MemoryProbe {

    private MemoryProbe() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 5) {
            System.err.println("usage: MemoryProbe MODEL BATCH ENGINE THREADS STEPS");
            System.exit(2);
        }
        Map<String, Object> r = probe(args[0], args[1], args[2], Integer.parseInt(args[3]), Integer.parseInt(args[4]));
        System.out.println("MEMORY " + new ObjectMapper().writeValueAsString(r));
    }

    /** Builds, trains {@code steps} steps, returns the peaks (MB). */
    public static Map<String, Object> probe(String model, String batch, String engine, int threads, int steps) {
        boolean dl4j = engine.equals("dl4j");
        long maxPhysical = 0;
        long maxTotal = 0;
        long t0 = System.nanoTime();
        double liveHeap;
        // the data set is loaded (MNIST: ~220 MB of floats), copied to the batch and dropped before
        // the peaks are reset, so they count the engine and its batch, not the loader
        ModelSpec spec = BenchModels.spec(model, batch);
        BenchModels.Batch data = BenchModels.batch(spec, BenchModels.batchSize(model, batch));
        System.gc();
        Memory.resetPeaks();
        try (Engines e = Engines.create(engine, spec, data, threads)) {
            for (int i = 0; i < steps; i++) {
                e.trainStep();
                if (dl4j) {
                    maxPhysical = Math.max(maxPhysical, org.bytedeco.javacpp.Pointer.physicalBytes());
                    maxTotal = Math.max(maxTotal, org.bytedeco.javacpp.Pointer.totalBytes());
                }
            }
            System.gc();
            liveHeap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / MB;
        }
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("model", model);
        r.put("batch", batch);
        r.put("engine", engine);
        r.put("threads", threads);
        r.put("steps", steps);
        r.put("seconds", (System.nanoTime() - t0) / 1e9);
        r.put("peak_heap_mb", Memory.peakHeapMb());
        r.put("peak_rss_mb", Memory.peakRssMb());
        r.put("live_heap_mb", liveHeap);
        r.put("offheap_physical_bytes_max_mb", dl4j ? maxPhysical / MB : null);
        r.put("offheap_javacpp_total_bytes_max_mb", dl4j ? maxTotal / MB : null);
        r.put("max_heap_mb", Runtime.getRuntime().maxMemory() / MB);
        return r;
    }

    private static final double MB = 1024.0 * 1024.0;
}
