package dev.dvg.bench.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dvg.bench.kernels.ScalingProbe;
import dev.dvg.bench.suite.BenchResult.Measurement;
import dev.dvg.bench.suite.BenchResult.MemoryRow;
import dev.dvg.bench.suite.BenchResult.Ratio;
import dev.dvg.bench.suite.BenchResult.Target;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bench.json round trip, target evaluation from given numbers, tables and the page. */
class BenchResultTest {

    static Measurement train(String model, String batch, int n, String engine, int threads, double stepsPerS,
                             Double alloc) {
        return new Measurement("train", model, batch, n, engine, threads, stepsPerS, stepsPerS / 100, "ops/s",
                stepsPerS * n, stepsPerS * n / 100, "examples/s", alloc, alloc, null);
    }

    static Measurement gemm(String shape, String engine, int threads, double gflops) {
        return new Measurement("gemm", shape, null, null, engine, threads, gflops, null, "ops/s", gflops, null,
                "GFLOP/s", null, null, 50.0);
    }

    /** A result where every target can be evaluated; {@code good} decides which side of each threshold. */
    static BenchResult sample(boolean good) {
        List<Measurement> ms = new ArrayList<>();
        double r = good ? 12 : 1;
        for (String model : List.of("moons", "mnist-lenet")) {
            for (int t : List.of(1, 2)) {
                ms.add(train(model, "128", 128, "david", t, 100 * r * t, good ? 0.0 : 5000.0));
                ms.add(train(model, "128", 128, "dl4j", t, 100.0 / t, null));
            }
        }
        ms.add(train("mnist-mlp256", "full", 60000, "david", 2, good ? 10 : 1, 0.0));
        for (String shape : BenchPlan.GEMM_SHAPES) {
            ms.add(gemm(shape, "david", 1, good ? 100 : 50));
            ms.add(gemm(shape, "nd4j", 1, 100));
            ms.add(gemm(shape, "david", 2, good ? 190 : 60));
        }
        List<Ratio> ratios = Assemble.trainRatios(ms);
        Map<String, Object> prov = new LinkedHashMap<>();
        prov.put("cpu_model", "Test CPU");
        prov.put("cores", 2);
        prov.put("jdk", "17");
        prov.put("git_commit", "abc");
        List<MemoryRow> mem = List.of(new MemoryRow("moons", "128", "david", 1, 20, 30.0, 100.0, null, null, 12.0),
                new MemoryRow("moons", "128", "dl4j", 1, 20, 60.0, 400.0, 120.0, 130.0, 25.0));
        return new BenchResult(BenchResult.SCHEMA, "20260101-000000-abcd", true, prov,
                Map.of("threads", List.of(1, 2)), ms, mem, scalingRows(good), ratios, Targets.evaluate(ms, ratios),
                List.of());
    }

    /** Paired rounds of the three large shapes and the FMA loop, all at 1.85 or 1.3. */
    static List<ScalingProbe.Row> scalingRows(boolean good) {
        List<ScalingProbe.Row> rows = new ArrayList<>();
        double r = good ? 1.85 : 1.3;
        for (String subject : List.of("ab:128x256x784", "abT:128x784x256", "aTb:784x256x128", "fma")) {
            rows.add(new ScalingProbe.Row(subject, subject.equals("fma") ? "java" : "david", 3, 0.5, 100, 100 * r, r,
                    r - 0.1, r + 0.1, List.of(r - 0.1, r, r + 0.1)));
        }
        return rows;
    }

    @Test
    void benchJsonRoundTrips(@TempDir Path dir) throws Exception {
        BenchResult r = sample(true);
        Path f = dir.resolve("bench.json");
        r.write(f);
        BenchResult back = BenchResult.read(f);
        assertEquals(r.measurements(), back.measurements());
        assertEquals(r.memory(), back.memory());
        assertEquals(r.trainRatios(), back.trainRatios());
        assertEquals(r.targets(), back.targets());
        assertEquals(r.scaling(), back.scaling());
        assertEquals(4, back.scaling().size());
        assertEquals(r.provenance(), back.provenance());
        String text = Files.readString(f);
        assertTrue(text.contains("\"examples_per_s_error\"") || text.contains("\"value_error\""), text);
        assertTrue(text.contains("\"alloc_bytes_per_op\""), text);
    }

    @Test
    void targetsAreMetOrNotFromTheNumbers() {
        for (Target t : sample(true).targets()) {
            assertEquals(Targets.MET, t.status(), t.toString());
        }
        for (Target t : sample(false).targets()) {
            assertEquals(Targets.NOT_MET, t.status(), t.toString());
        }
        Map<String, Target> good = byId(sample(true).targets());
        assertEquals(12.0 * 2, good.get("train_ratio_all").value(), 1e-9, "best threads: David 2t, DL4J 1t");
        assertEquals(200.0, good.get("full_batch_2000_steps").value(), 1e-9);
        assertEquals(1.9, good.get("gemm_2t_scaling").value(), 1e-9);
        assertTrue(good.get("train_ratio_all").detail().contains("(2 threads) / DL4J"), good.get("train_ratio_all").detail());
    }

    @Test
    void gemmScalingNamesTheFmaLoopsScalingWhenThePeakWasMeasured() {
        List<Measurement> ms = new ArrayList<>(List.of(gemm("ab:128x256x784", "david", 1, 100),
                gemm("ab:128x256x784", "david", 2, 160)));
        Target without = Targets.gemmScaling(ms);
        assertEquals(1.6, without.value(), 1e-9);
        assertTrue(!without.detail().contains("FMA"), without.detail());
        ms.add(new Measurement("peak", "fma", null, null, "java", 1, 170.0, 5.0, "ops/s", 170.0, 5.0, "GFLOP/s",
                null, null, null));
        ms.add(new Measurement("peak", "fma", null, null, "java", 2, 255.0, 5.0, "ops/s", 255.0, 5.0, "GFLOP/s",
                null, null, null));
        Target with = Targets.gemmScaling(ms);
        assertEquals(1.6, with.value(), 1e-9);
        assertTrue(with.detail().contains("the FMA loop scaled 1.50x in this run (255 / 170 GFLOP/s)"), with.detail());
    }

    @Test
    void pairedRoundsDecideTheScalingTargetAndTheDetailKeepsTheJmhQuotient() {
        List<Measurement> ms = new ArrayList<>(List.of(gemm("ab:128x256x784", "david", 1, 100),
                gemm("ab:128x256x784", "david", 2, 160), gemm("abT:128x784x256", "david", 1, 100),
                gemm("abT:128x784x256", "david", 2, 150)));
        List<ScalingProbe.Row> paired = List.of(
                new ScalingProbe.Row("ab:128x256x784", "david", 5, 0.5, 110, 200, 1.82, 1.6, 1.9, List.of()),
                new ScalingProbe.Row("abT:128x784x256", "david", 5, 0.5, 100, 176, 1.76, 1.5, 1.8, List.of()),
                // a small shape is not a "large shape": its 1.1 must not decide
                new ScalingProbe.Row("ab:128x10x256", "david", 5, 0.5, 40, 44, 1.1, 1.0, 1.2, List.of()),
                new ScalingProbe.Row("fma", "java", 5, 0.5, 200, 300, 1.5, 1.4, 1.6, List.of()));
        Target t = Targets.gemmScaling(ms, paired);
        assertEquals(1.76, t.value(), 1e-9, "min over the large shapes of the paired medians");
        assertEquals(Targets.MET, t.status());
        assertTrue(t.detail().startsWith("min at abT:128x784x256: median of 5 paired rounds (range 1.50–1.80; "
                + "176.0 / 100.0 GFLOP/s)"), t.detail());
        assertTrue(t.detail().contains("the FMA loop scaled 1.50x in the same probe"), t.detail());
        assertTrue(t.detail().contains("JMH, 1 and 2 threads in separate JVMs: 1.50 (min at abT:128x784x256"),
                t.detail());
        assertEquals(1.5, Targets.gemmScaling(ms, List.of()).value(), 1e-9, "without pairs: the JMH quotient");
        assertEquals(1.5, Targets.gemmScaling(ms, List.of(paired.get(2), paired.get(3))).value(), 1e-9,
                "pairs without a large shape leave the JMH quotient");
        Target below = Targets.gemmScaling(List.of(), List.of(
                new ScalingProbe.Row("aTb:784x256x128", "david", 5, 0.5, 100, 160, 1.6, 1.5, 1.7, List.of())));
        assertEquals(Targets.NOT_MET, below.status(), below.toString());
        assertTrue(!below.detail().contains("JMH"), below.detail());
    }

    @Test
    void benchJsonWithoutScalingReadsAsNoRows(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("bench.json");
        sample(true).write(f);
        String text = Files.readString(f);
        int at = text.indexOf("\"scaling\"");
        assertTrue(at > 0, text);
        int end = text.indexOf("\"train_ratios\"");
        Files.writeString(f, text.substring(0, at) + text.substring(end));
        assertEquals(List.of(), BenchResult.read(f).scaling(), "a run from before the paired probe");
    }

    @Test
    void allocTargetCountsTheEngineThreadsNotTheHarness() {
        // mnist-mlp256 full batch at ~1 step/s: JMH's all-thread figure is the harness's ~6 KB per iteration
        Measurement full = new Measurement("train", "mnist-mlp256", "full", 60000, "david", 1, 1.0, 0.01, "ops/s",
                60000, 600.0, "examples/s", 1800.0, 0.0, null);
        Target t = Targets.alloc(List.of(full, train("moons", "32", 32, "david", 1, 1e4, 40.0)));
        assertEquals(Targets.MET, t.status(), t.toString());
        assertEquals(40.0, t.value(), 1e-9, "max over the engine-thread figures");
        Measurement old = new Measurement("train", "mnist-mlp256", "full", 60000, "david", 1, 1.0, 0.01, "ops/s",
                60000, 600.0, "examples/s", 1800.0, null, null);
        Target fromOldRun = Targets.alloc(List.of(old));
        assertEquals(1800.0, fromOldRun.value(), 1e-9, "runs without the engine-thread count fall back to JMH's");
        assertTrue(fromOldRun.detail().contains("gc.alloc.rate.norm"), fromOldRun.detail());
    }

    @Test
    void missingMeasurementsAreNotMeasuredNotMet() {
        List<Target> ts = Targets.evaluate(List.of(), List.of());
        for (Target t : ts) {
            assertEquals(Targets.NOT_MEASURED, t.status(), t.toString());
            assertNull(t.value());
        }
        assertEquals(6, ts.size());
    }

    @Test
    void tablesShowEveryRowWithItsRatio() {
        String s = BenchTable.format(sample(true));
        assertTrue(s.contains("mnist-lenet           128   2"), s);
        assertTrue(s.contains("24.00"), "best-thread ratio 12·2 of mnist-lenet:\n" + s);
        assertTrue(s.contains("gemm ab:128x256x784"), s);
        assertTrue(s.contains("(50%)"), s);
        assertTrue(s.contains("train_ratio_lenet"), s);
        assertTrue(s.contains("moons                 128 dl4j"), s);
        assertTrue(s.contains("abT:128x784x256             3       100       185    1.85   1.75–1.95    1.90"), s);
        assertTrue(s.contains("fma                         3       100       185    1.85   1.75–1.95       -"), s);
        assertEquals("1.23±0.05", BenchTable.num(1.234, 0.05));
        assertEquals("12346", BenchTable.num(12345.6, null));
    }

    @Test
    void pageHasChartsAndIsSmall() {
        BenchResult r = sample(true);
        Map<String, String> charts = BenchPage.charts(r);
        assertTrue(charts.keySet().containsAll(List.of("bench-train.svg", "bench-kernels.svg", "bench-memory.svg")),
                charts.keySet().toString());
        String html = BenchPage.html(r, charts);
        assertTrue(html.contains("<svg") && html.contains("×24.0"), html);
        assertTrue(html.length() < 100_000, "html " + html.length() + " chars");
        assertTrue(BenchPage.markdown(r, charts).contains("![bench-train.svg](bench-train.svg)"));
    }

    @Test
    void planFiltersByNameAndQuickCoversTheFullBatchTarget() {
        BenchPlan quick = BenchPlan.of(true, null);
        assertTrue(quick.jobs().stream().anyMatch(j -> j.name().equals("train mnist-mlp256 full") && j.runsAt(2)
                && !j.runsAt(1)));
        BenchPlan full = BenchPlan.of(false, null);
        assertEquals(6 * 3 + 3, full.jobs().stream().filter(j -> j.kind().equals("train")).count());
        BenchPlan lenet = BenchPlan.of(false, Pattern.compile("train mnist-lenet"));
        assertEquals(3, lenet.jobs().size());
        assertTrue(lenet.memory().isEmpty());
        assertNull(lenet.scaling(), "the paired scaling probe runs only when its name matches");
        assertEquals(List.of("ab:128x256x784", "abT:128x784x256", "aTb:784x256x128", "fma"),
                full.scaling().subjects());
        assertEquals(12, full.scaling().rounds());
        assertEquals(6, quick.scaling().rounds());
        BenchPlan gemm = BenchPlan.of(false, Pattern.compile("gemm"));
        assertTrue(gemm.scaling() != null && gemm.jobs().stream().allMatch(j -> j.kind().equals("gemm")));
    }

    static Map<String, Target> byId(List<Target> ts) {
        Map<String, Target> m = new LinkedHashMap<>();
        ts.forEach(t -> m.put(t.id(), t));
        return m;
    }
}
