package dev.dvg.runner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dvg.data.fetch.DataCatalog;
import dev.dvg.data.fetch.DataConfig;
import dev.dvg.models.ReferenceModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** End to end on two moons (no downloads): files, keys, parity, determinism, divergence. */
class ExperimentRunnerTest {

    /** Same init, same batches, float32 both: per-step losses agree to this relative difference. */
    static final double PARITY_REL = 1e-4;

    private static final ObjectMapper JSON = new ObjectMapper();

    private static ExperimentDef moons(Path dir, String id, double lr, int steps) throws Exception {
        Files.writeString(dir.resolve(id + ".yaml"), """
                id: %s
                model: moons
                seeds: [7, 8]
                threads: {david: 2, dl4j: 1}
                targetAccuracy: 0.8
                paritySteps: 20
                budgets:
                  quick:
                    training: {sampling: full-batch, steps: %d}
                    optimizer: {type: adam, learningRate: %s, beta1: 0.9, beta2: 0.999, epsilon: 1.0e-8}
                    evalEvery: 50
                    minAccuracy: 0.85
                """.formatted(id, steps, lr));
        return new ExperimentLoader(dir).load(id);
    }

    private static RunOptions options(Path results, int seeds, StringWriter progress) {
        DataSources data = new DataSources(new DataCatalog(DataConfig.fromEnvironment().withRemote(false)), null);
        return new RunOptions(Budget.QUICK, seeds, results, Path.of("."), data, 0, 0, new PrintWriter(progress));
    }

    /**
     * A stop request (what Ctrl-C/SIGTERM sends) ends the run at the next step: the folder is
     * finished as incomplete with what ran (test accuracy of the partial model; no train-set pass,
     * no artifacts, so the flush stays short) and never becomes latest.
     */
    @Test
    void aStopRequestFlushesWhatRanAndMarksTheRunIncomplete(@TempDir Path tmp) throws Exception {
        ExperimentDef def = moons(tmp, "stopped-moons", 0.01, 1_000_000);
        StringWriter progress = new StringWriter();
        ExperimentRunner runner = new ExperimentRunner();
        Thread stopper = new Thread(() -> {
            try {
                Thread.sleep(3000);
            } catch (InterruptedException e) {
                return;
            }
            runner.requestStop();
        });
        stopper.start();
        long t0 = System.nanoTime();
        ExperimentRunner.RunResult r = runner.run(def, options(tmp.resolve("results"), 2, progress));
        double seconds = (System.nanoTime() - t0) / 1e9;
        stopper.join();
        assertEquals("incomplete", r.status());
        assertTrue(seconds < 60, "stopped run took " + seconds + " s");
        JsonNode summary = JSON.readTree(r.dir().resolve("summary.json").toFile());
        assertEquals("incomplete", summary.get("status").asText());
        assertTrue(summary.at("/engines/david/test_accuracy").isNumber(), summary.toString());
        assertTrue(summary.at("/engines/dl4j").isMissingNode(), "the second engine never started: " + summary);
        assertFalse(Files.exists(tmp.resolve("results/stopped-moons/latest")), "an incomplete run is not latest");
        try (var lines = Files.lines(r.dir().resolve("metrics.jsonl"))) {
            JsonNode fin = JSON.readTree(lines.filter(l -> l.contains("\"final\"")).findFirst().orElseThrow());
            assertTrue(fin.get("train_accuracy").isNull(), "no train-set pass when stopping: " + fin);
            assertTrue(fin.get("test_accuracy").isNumber(), fin.toString());
        }
    }

    @Test
    void trainsBothEnginesOnTheSameBatchesAndWritesTheDocumentedFiles(@TempDir Path tmp) throws Exception {
        ExperimentDef def = moons(tmp, "tiny-moons", 0.01, 300);
        StringWriter progress = new StringWriter();
        ExperimentRunner.RunResult r = new ExperimentRunner().run(def, options(tmp.resolve("results"), 1, progress));
        assertEquals("complete", r.status());
        assertEquals(r.dir().getFileName().toString(),
                Files.readString(tmp.resolve("results/tiny-moons/latest")).trim());

        JsonNode summary = JSON.readTree(r.dir().resolve("summary.json").toFile());
        for (String engine : List.of("david", "dl4j")) {
            JsonNode e = summary.at("/engines/" + engine);
            for (String key : List.of("test_accuracy", "final_train_loss", "train_seconds", "examples_per_second",
                    "peak_heap_mb")) {
                assertTrue(e.get(key).isNumber(), engine + "." + key + " in " + summary);
            }
            assertTrue(e.get("test_accuracy").asDouble() >= 0.85, engine + " accuracy " + e.get("test_accuracy"));
            assertTrue(e.get("meets_min_accuracy").asBoolean(), engine);
        }
        JsonNode parity = summary.get("parity");
        assertTrue(parity.get("same_init").asBoolean());
        assertEquals(20, parity.get("steps_compared").asInt());
        double rel = parity.get("max_rel_loss_diff").asDouble();
        System.out.printf("moons Adam: max relative per-step loss difference David vs DL4J over 20 steps: %.3e%n", rel);
        assertTrue(rel <= PARITY_REL, "parity " + rel);
        assertNotNull(summary.get("speed_ratio"));
        assertEquals(1, summary.at("/provenance/seeds").size());

        List<String> lines = Files.readAllLines(r.dir().resolve("metrics.jsonl"));
        long steps = lines.stream().filter(l -> l.contains("\"event\":\"step\"")).count();
        assertEquals(600, steps, "300 steps per engine");
        assertTrue(lines.stream().anyMatch(l -> l.contains("\"event\":\"final\"") && l.contains("\"confusion\"")));
        assertTrue(Files.exists(r.dir().resolve("artifacts/david-seed7-boundary.json")));
        assertTrue(Files.exists(r.dir().resolve("artifacts/dl4j-seed7-boundary.json")));
        JsonNode run = JSON.readTree(r.dir().resolve("run.json").toFile());
        assertEquals("complete", run.get("status").asText());
        assertEquals("moons", run.at("/config/model").asText());
        assertTrue(progress.toString().contains("tiny-moons david seed 7"), progress.toString());

        // the trained models: listed in run.json and summary.json, reloadable, and the very models evaluated
        ExperimentData data = ExperimentData.load(ReferenceModels.get("moons").data(), options(tmp, 1, progress).data());
        for (String engine : List.of("david", "dl4j")) {
            String file = "models/" + engine + "-seed7." + (engine.equals("david") ? "dvgm" : "zip");
            assertTrue(run.get("models").toString().contains(file), run.get("models").toString());
            assertEquals(file, summary.at("/engines/" + engine + "/per_seed/0/model_file").asText());
            try (SavedModel m = SavedModel.load(r.dir().resolve(file), 1)) {
                assertEquals("moons", m.spec().id());
                assertEquals(engine, m.metadata().engine());
                assertEquals(7L, m.spec().seed());
                float[] out = m.output(data.test().x(), data.test().n());
                int ok = 0;
                for (int i = 0; i < data.test().n(); i++) {
                    ok += (out[i] >= 0.5f ? 1 : 0) == data.test().labels()[i] ? 1 : 0;
                }
                assertEquals(summary.at("/engines/" + engine + "/test_accuracy").asDouble(),
                        ok / (double) data.test().n(), 1e-12, engine + " reloaded model scores as evaluated");
            }
        }
    }

    @Test
    void theSameSeedGivesTheSameNumbersRunAfterRun(@TempDir Path tmp) throws Exception {
        ExperimentDef def = moons(tmp, "det-moons", 0.01, 60);
        ExperimentRunner.RunResult a = new ExperimentRunner().run(def, options(tmp.resolve("a"), 2, new StringWriter()));
        ExperimentRunner.RunResult b = new ExperimentRunner().run(def, options(tmp.resolve("b"), 2, new StringWriter()));
        for (String engine : List.of("david", "dl4j")) {
            Map<?, ?> ea = (Map<?, ?>) ((Map<?, ?>) a.summary().get("engines")).get(engine);
            Map<?, ?> eb = (Map<?, ?>) ((Map<?, ?>) b.summary().get("engines")).get(engine);
            assertEquals(ea.get("final_train_loss"), eb.get("final_train_loss"), engine);
            assertEquals(ea.get("test_accuracy"), eb.get("test_accuracy"), engine);
            assertEquals(2, ((List<?>) ea.get("per_seed")).size(), "both seeds reported");
        }
    }

    @Test
    void aDivergingEngineIsStoppedAndReportedWhileTheRunCompletes(@TempDir Path tmp) throws Exception {
        ExperimentDef def = moons(tmp, "bad-moons", 1.0e30, 50);
        ExperimentRunner.RunResult r = new ExperimentRunner().run(def, options(tmp.resolve("r"), 1, new StringWriter()));
        assertEquals("complete", r.status());
        Map<?, ?> engines = (Map<?, ?>) r.summary().get("engines");
        boolean anyDiverged = false;
        for (String engine : List.of("david", "dl4j")) {
            Map<?, ?> e = (Map<?, ?>) engines.get(engine);
            anyDiverged |= Boolean.TRUE.equals(e.get("diverged"));
            assertFalse(Boolean.TRUE.equals(e.get("meets_min_accuracy")) && Boolean.TRUE.equals(e.get("diverged")));
        }
        assertTrue(anyDiverged, "lr 1e30 must blow up: " + engines);
        String metrics = Files.readString(r.dir().resolve("metrics.jsonl"));
        assertTrue(metrics.contains("\"event\":\"diverged\""), "a diverged event is written");
        for (String line : metrics.split("\n")) {
            assertFinite(JSON.readTree(line), line); // strict parser: a bare NaN would not even parse
        }
        try (var files = Files.walk(r.dir())) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json")).toList()) {
                assertFinite(JSON.readTree(f.toFile()), f.toString());
            }
        }
    }

    /** No number is written as the strings "NaN"/"Infinity" either (messages may say NaN). */
    private static void assertFinite(JsonNode n, String where) {
        if (n.isTextual()) {
            assertFalse(n.asText().matches("-?(NaN|Infinity)"), "non-finite number as text in " + where);
        }
        n.fields().forEachRemaining(e -> {
            if (!e.getKey().equals("message")) {
                assertFinite(e.getValue(), where);
            }
        });
        if (n.isArray()) {
            n.forEach(c -> assertFinite(c, where));
        }
    }
}
