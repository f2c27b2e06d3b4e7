package dev.dvg.regress;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Baseline files: round trip, update history, and errors that name the file and the key. */
class BaselineStoreTest {

    @TempDir
    Path tmp;

    private Baseline.Section sectionFromFakeRun(double acc42) throws IOException {
        Path run = FakeRuns.write(tmp.resolve("run"), "toy", "quick", 0.9, 0.01, List.of(
                new FakeRuns.Final("david", 42, acc42, 0.10, 0.12, false),
                new FakeRuns.Final("dl4j", 42, acc42, 0.10, 0.12, false),
                new FakeRuns.Final("david", 43, 0.950, 0.11, 0.13, false),
                new FakeRuns.Final("dl4j", 43, 0.950, 0.11, 0.13, false),
                new FakeRuns.Final("david", 44, 0.946, 0.09, 0.125, false),
                new FakeRuns.Final("dl4j", 44, 0.946, 0.09, 0.125, false)));
        return Regress.section(RunRecord.read(run), "first");
    }

    @Test
    void roundTripKeepsValuesTolerancesAndReasons() throws IOException {
        Baseline.Section s = sectionFromFakeRun(0.952);
        Baseline.Value acc = s.engines().get("david").get(Metric.TEST_ACCURACY);
        assertEquals(0.952, acc.value());
        // sd of {0.952, 0.950, 0.946} = 0.003055; 3 sd = 0.009165 > floor max(0.002, 2/1000)
        assertEquals(0.0091652, acc.tolerance(), 1e-6);
        assertTrue(acc.reason().contains("3·sd wins"), acc.reason());
        assertEquals(1000, acc.testExamples());
        BaselineStore store = new BaselineStore(tmp.resolve("baselines"));
        store.write(new Baseline("toy", java.util.Map.of("quick", s),
                List.of(new Baseline.Update("2026-11-22T00:00:00Z", "quick", "first", "abc", "1.0.0-M2.1"))));
        Baseline back = store.read("toy");
        assertEquals(s.engines(), back.budgets().get("quick").engines());
        assertEquals(List.of(42L, 43L, 44L), back.budgets().get("quick").spreadSeeds());
        assertEquals("first", back.history().get(0).reason());
        // the absolute experiment path is not part of the recorded config (it differs per checkout)
        assertTrue(back.budgets().get("quick").config().path("experiment_file").isMissingNode());
        try (var files = Files.list(store.dir())) {
            assertEquals(List.of("toy.json"), files.map(p -> p.getFileName().toString()).toList(), "no temp files left");
        }
    }

    @Test
    void flooredToleranceWhenSeedsAgree() throws IOException {
        Path run = FakeRuns.write(tmp.resolve("same"), "toy", "quick", 0, 0.01, List.of(
                new FakeRuns.Final("david", 1, 0.99, 0.5, 0.5, false),
                new FakeRuns.Final("david", 2, 0.99, 0.5, 0.5, false),
                new FakeRuns.Final("david", 3, 0.99, 0.5, 0.5, false)));
        Baseline.Section s = Regress.section(RunRecord.read(run), "r");
        assertEquals(0.002, s.engines().get("david").get(Metric.TEST_ACCURACY).tolerance(), 1e-12);
        assertEquals(0.01, s.engines().get("david").get(Metric.TEST_LOSS).tolerance(), 1e-12);
        assertTrue(s.engines().get("david").get(Metric.TEST_LOSS).reason().contains("the floor wins"));
    }

    @Test
    void fewerThanThreeSeedsIsRefused() throws IOException {
        Path run = FakeRuns.write(tmp.resolve("two"), "toy", "quick", 0, 0.01, List.of(
                new FakeRuns.Final("david", 1, 0.99, 0.5, 0.5, false),
                new FakeRuns.Final("david", 2, 0.98, 0.5, 0.5, false)));
        RegressException e = assertThrows(RegressException.class, () -> Regress.section(RunRecord.read(run), "r"));
        assertTrue(e.getMessage().contains(">= 3"), e.getMessage());
    }

    @Test
    void corruptValueNamesFileAndKey() throws IOException {
        BaselineStore store = new BaselineStore(tmp);
        store.write(new Baseline("toy", java.util.Map.of("quick", sectionFromFakeRun(0.952)), List.of()));
        Path f = store.file("toy");
        String text = Files.readString(f);
        String broken = text.replaceFirst("\"tolerance\" : [0-9.eE-]+", "\"tolerance\" : \"wide\"");
        assertTrue(!broken.equals(text));
        Files.writeString(f, broken);
        RegressException e = assertThrows(RegressException.class, () -> store.read("toy"));
        assertTrue(e.getMessage().startsWith(f.toString() + ": key 'budgets.quick.engines.david.test_accuracy.tolerance'"),
                e.getMessage());
        assertTrue(e.getMessage().contains("expected a finite number, got string \"wide\""), e.getMessage());
    }

    @Test
    void invalidJsonNamesFileAndLine() throws IOException {
        Path f = tmp.resolve("toy.json");
        Files.writeString(f, "{\n  \"format\": 1,\n  \"experiment\": \"toy\",\n  \"budgets\": {\n");
        RegressException e = assertThrows(RegressException.class, () -> new BaselineStore(tmp).read("toy"));
        assertTrue(e.getMessage().startsWith(f + ": not valid JSON"), e.getMessage());
        assertTrue(e.getMessage().contains("line "), e.getMessage());
    }

    @Test
    void missingKeysAndWrongNamesAreNamed() throws IOException {
        Path f = tmp.resolve("toy.json");
        Files.writeString(f, "{\"format\": 1, \"experiment\": \"other\", \"budgets\": {}}");
        RegressException e = assertThrows(RegressException.class, () -> new BaselineStore(tmp).read("toy"));
        assertEquals(f + ": key 'experiment': expected 'toy' (the file name), got 'other'", e.getMessage());

        Files.writeString(f, "{\"format\": 1, \"experiment\": \"toy\", \"budgets\": {\"quick\": {\"seed\": 42}}}");
        e = assertThrows(RegressException.class, () -> new BaselineStore(tmp).read("toy"));
        assertEquals(f + ": key 'budgets.quick.spread_seeds': expected a list of >= 3 seeds", e.getMessage());

        e = assertThrows(RegressException.class, () -> new BaselineStore(tmp).read("absent"));
        assertTrue(e.getMessage().contains("absent.json: no baseline for experiment 'absent'"), e.getMessage());
    }
}
