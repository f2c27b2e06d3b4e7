package dev.dvg.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dvg.report.read.Results;
import dev.dvg.report.read.ResultsCollection;
import dev.dvg.report.read.ResultsReader;
import dev.dvg.report.read.RunResults;
import dev.dvg.report.read.SuiteResults;
import dev.dvg.report.read.SweepResults;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Strict reading: every error names the file, the line and the key. */
class ResultsReaderTest {
    @TempDir
    Path dir;
    Path run;
    final ResultsReader reader = new ResultsReader();

    @BeforeEach
    void writeRun() {
        run = dir.resolve("mnist-mlp256/20261122-031500-0001");
        Fixtures.run(run, "mnist-mlp256", Fixtures.Kind.CNN, List.of(1L, 2L), 30, 42);
    }

    private ResultFormatException fails(Path p) {
        return assertThrows(ResultFormatException.class, () -> reader.read(p));
    }

    /** Replaces line {@code n} (1-based) of a file. */
    private static void replaceLine(Path file, int n, String text) throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(file));
        lines.set(n - 1, text);
        Files.write(file, lines);
    }

    @Test
    void readsAllEventsAndArtifacts() {
        RunResults r = assertInstanceOf(RunResults.class, reader.read(run));
        assertEquals("mnist-mlp256", r.info().experiment());
        assertEquals(2 * 2 * 30, r.metrics().steps().size());
        assertEquals(2 * 2 * 5, r.metrics().epochs().size());
        assertEquals(4, r.metrics().finals().size());
        assertEquals(List.of(1L, 2L), r.metrics().seeds());
        assertEquals(10, r.metrics().finals().get(0).confusion().length);
        assertEquals(8, r.artifacts().conv1(Engine.DL4J, 2).orElseThrow().filters());
        assertTrue(r.artifacts().misclassified(Engine.DAVID, 1).orElseThrow().examples().size() > 5);
        assertTrue(r.complete());
    }

    @Test
    void missingMetricsFileIsNamed() throws IOException {
        Files.delete(run.resolve("metrics.jsonl"));
        ResultFormatException e = fails(run);
        assertTrue(e.getMessage().contains("metrics.jsonl") && e.getMessage().contains("missing"), e.getMessage());
    }

    @Test
    void missingRunJsonMeansNoResultsHere() throws IOException {
        Files.delete(run.resolve("run.json"));
        ResultFormatException e = fails(run);
        assertTrue(e.getMessage().contains("no results found") && e.getMessage().contains("run.json"), e.getMessage());
    }

    @Test
    void malformedJsonLineIsNamedWithItsLineNumber() throws IOException {
        replaceLine(run.resolve("metrics.jsonl"), 17, "{\"event\": \"step\", \"engine\": \"david\",");
        ResultFormatException e = fails(run);
        assertTrue(e.getMessage().contains("metrics.jsonl: line 17: malformed JSON"), e.getMessage());
    }

    @Test
    void missingKeyIsNamedWithLineAndKey() throws IOException {
        replaceLine(run.resolve("metrics.jsonl"), 5,
                "{\"event\":\"step\",\"engine\":\"david\",\"seed\":1,\"step\":5,\"epoch\":0,\"elapsed_ms\":12.0}");
        ResultFormatException e = fails(run);
        assertTrue(e.getMessage().contains("metrics.jsonl: line 5: missing key 'loss'"), e.getMessage());
    }

    @Test
    void wrongTypeAndUnknownValuesAreNamed() throws IOException {
        replaceLine(run.resolve("metrics.jsonl"), 3,
                "{\"event\":\"step\",\"engine\":\"goliath\",\"seed\":1,\"step\":3,\"epoch\":0,\"loss\":1.0,\"elapsed_ms\":12.0}");
        assertTrue(fails(run).getMessage().contains("line 3: key 'engine': expected one of david|dl4j, got \"goliath\""));
        replaceLine(run.resolve("metrics.jsonl"), 3,
                "{\"event\":\"step\",\"engine\":\"david\",\"seed\":1,\"step\":3,\"epoch\":0,\"loss\":\"high\",\"elapsed_ms\":12.0}");
        assertTrue(fails(run).getMessage().contains("line 3: key 'loss': expected a number or null, got the string \"high\""));
    }

    @Test
    void nullLossIsReadAsDiverged() throws IOException {
        replaceLine(run.resolve("metrics.jsonl"), 3,
                "{\"event\":\"step\",\"engine\":\"david\",\"seed\":1,\"step\":3,\"epoch\":0,\"loss\":null,\"elapsed_ms\":12.0}");
        RunResults r = (RunResults) reader.read(run);
        assertTrue(Double.isNaN(r.metrics().steps().get(2).loss()));
    }

    @Test
    void summaryKeysAreCheckedWithTheirPath() throws IOException {
        Path s = run.resolve("summary.json");
        Files.writeString(s, Files.readString(s).replace("\"examples_per_second\"", "\"examples_per_sec\""));
        ResultFormatException e = fails(run);
        assertTrue(e.getMessage().contains("summary.json: missing key 'engines.david.examples_per_second'"), e.getMessage());
    }

    @Test
    void summaryMustMatchRunJson() throws IOException {
        Path s = run.resolve("summary.json");
        Files.writeString(s, Files.readString(s).replace("\"experiment\" : \"mnist-mlp256\"", "\"experiment\" : \"moons\""));
        assertTrue(fails(run).getMessage().contains("key 'experiment': \"moons\" differs from run.json's \"mnist-mlp256\""));
    }

    @Test
    void confusionMustBeSquare() throws IOException {
        Path m = run.resolve("metrics.jsonl");
        List<String> lines = Files.readAllLines(m);
        int i = 0;
        while (!lines.get(i).contains("\"event\":\"final\"")) {
            i++;
        }
        replaceLine(m, i + 1, lines.get(i).replaceFirst("\\[\\[(\\d+),", "[["));
        ResultFormatException e = fails(run);
        assertTrue(e.getMessage().contains("line " + (i + 1) + ": key 'confusion[0]': expected an array of 10 integers"), e.getMessage());
    }

    @Test
    void artifactShapeIsChecked() throws IOException {
        Path a = run.resolve("artifacts/dl4j-seed1-conv1.json");
        Files.writeString(a, Files.readString(a).replaceFirst("\"shape\" : \\[ 8,", "\"shape\" : [ 9,"));
        ResultFormatException e = fails(run);
        assertTrue(e.getMessage().contains("dl4j-seed1-conv1.json: key 'weights': expected 225 values"), e.getMessage());
    }

    @Test
    void incompleteRunWithoutSummaryIsStillReadable() throws IOException {
        Files.delete(run.resolve("summary.json"));
        RunResults r = (RunResults) reader.read(run);
        assertNull(r.summary());
        assertEquals("incomplete", r.status());
    }

    @Test
    void latestFileResolvesAndMustNameAFolder() throws IOException {
        Path exp = dir.resolve("mnist-mlp256");
        Files.writeString(exp.resolve("latest"), "20261122-031500-0001\n");
        assertInstanceOf(RunResults.class, reader.read(exp));
        Files.writeString(exp.resolve("latest"), "20991231-000000-zzzz");
        assertTrue(fails(exp).getMessage().contains("latest: names run folder '20991231-000000-zzzz', which does not exist"));
    }

    @Test
    void experimentFolderWithoutLatestPicksTheNewestCompleteRun() throws IOException {
        Path newer = dir.resolve("mnist-mlp256/20261122-050000-0002");
        Fixtures.run(newer, "mnist-mlp256", Fixtures.Kind.MLP, List.of(1L), 20, 43);
        Path newest = dir.resolve("mnist-mlp256/20261122-060000-0003");
        Fixtures.run(newest, "mnist-mlp256", Fixtures.Kind.MLP, List.of(1L), 20, 44);
        Files.delete(newest.resolve("summary.json"));
        Results r = reader.read(dir.resolve("mnist-mlp256"));
        assertEquals(newer, r.dir());
    }

    @Test
    void suiteAndSweepAndCollection() throws IOException {
        Path suite = dir.resolve("dvg/20261122-031500-d4e5");
        Fixtures.suite(suite, 20, false);
        SuiteResults s = assertInstanceOf(SuiteResults.class, reader.read(suite));
        assertEquals(List.of("mnist-lenet", "moons"), s.runs().stream().map(RunResults::name).toList());
        Path sweep = dir.resolve("sweeps/mlp256-lr-hidden/20261122-040000-77aa");
        Fixtures.sweep(sweep);
        SweepResults w = assertInstanceOf(SweepResults.class, reader.read(sweep));
        assertEquals(48, w.candidates().size());
        ResultsCollection c = assertInstanceOf(ResultsCollection.class, reader.read(dir));
        assertEquals(3, c.children().size());
    }

    @Test
    void suiteListingAnExperimentWithoutFolderFailsWhenComplete() throws IOException {
        Path suite = dir.resolve("dvg/20261122-031500-d4e5");
        Fixtures.suite(suite, 20, false);
        Path sj = suite.resolve("suite.json");
        Files.writeString(sj, Files.readString(sj).replace("\"moons\"", "\"moons\", \"mnist-mlp256\""));
        assertTrue(fails(suite).getMessage().contains("key 'experiments': \"mnist-mlp256\" has no run folder"));
        Files.writeString(sj, Files.readString(sj).replace("\"complete\"", "\"incomplete\""));
        assertEquals(List.of("mnist-mlp256"), ((SuiteResults) reader.read(suite)).missing());
    }

    @Test
    void sweepCandidateErrorsNameTheLine() throws IOException {
        Path sweep = dir.resolve("sweep");
        Fixtures.sweep(sweep);
        Path c = sweep.resolve("candidates.jsonl");
        replaceLine(c, 4, "{\"candidate\":1,\"engine\":\"dl4j\",\"values\":{},\"score\":null,\"score_name\":\"test_accuracy\","
                + "\"seconds\":1.0,\"status\":\"ok\",\"error\":null}");
        assertTrue(fails(sweep).getMessage().contains("candidates.jsonl: line 4: key 'score': a candidate with status ok needs a number"));
        replaceLine(c, 4, Files.readAllLines(c).get(2));
        assertTrue(fails(sweep).getMessage().contains("line 4: candidate 1 for engine david already appears on line 3"));
    }

    @Test
    void notAFolder() throws IOException {
        Path f = Files.writeString(dir.resolve("x.txt"), "x");
        assertTrue(fails(f).getMessage().contains("not a folder"));
    }
}
