package dev.dvg.bench.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;

/** One real, tiny JMH run of the training-step benchmark (in this JVM): both engines on moons. */
class TrainStepSmokeTest {

    @Test
    void moonsStepRunsOnBothEnginesWithAPositiveThroughput() throws Exception {
        BenchPlan.Job job = new BenchPlan.Job("train moons 32", "train", BenchPlan.TRAIN,
                Map.of("model", List.of("moons"), "batch", List.of("32"), "engine", List.of("david", "dl4j")),
                0, 0.1, 1, 0.2, true, null);
        Collection<RunResult> results = new Runner(BenchChild.options(job, 1, 0, List.of()).build()).run();
        assertEquals(2, results.size());
        for (RunResult r : results) {
            BenchChild.Raw raw = BenchChild.toRaw(job, r);
            BenchResult.Measurement m = Assemble.convert(raw, 1, null);
            assertTrue(Double.isFinite(m.value()) && m.value() > 0, m.toString());
            assertEquals(32, m.n());
            assertEquals("examples/s", m.valueUnit());
            assertTrue(raw.allocBytesPerOp() != null, "gc profiler ran");
            assertTrue(raw.engineAllocBytesPerOp() != null && raw.engineAllocBytesPerOp() >= 0,
                    "engine threads' bytes per step counted: " + raw);
        }
    }
}
