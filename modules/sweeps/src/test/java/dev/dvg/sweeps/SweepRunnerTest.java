package dev.dvg.sweeps;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dvg.data.fetch.DataCatalog;
import dev.dvg.data.fetch.DataConfig;
import dev.dvg.engine.spec.OptimizerSpec;
import dev.dvg.runner.Budget;
import dev.dvg.runner.DataSources;
import dev.dvg.runner.ExperimentDef;
import dev.dvg.runner.ExperimentLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Real sweeps, tiny ones: both engines per candidate on MNIST (from the cache) and on two moons,
 * resuming after a simulated crash, failed and diverged candidates recorded while the sweep goes on.
 */
class SweepRunnerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ExperimentLoader EXPERIMENTS = new ExperimentLoader(SweepLoaderTest.REPO_EXPERIMENTS);

    private static SweepDef sweep(Path dir, String id, String yaml) throws Exception {
        Path sweeps = dir.resolve("sweeps-defs");
        Files.createDirectories(sweeps);
        Files.writeString(sweeps.resolve(id + ".yaml"), yaml);
        return new SweepLoader(sweeps, EXPERIMENTS).load(id);
    }

    private static SweepOptions options(Path results, int parallel, String resume, StringWriter out) {
        DataSources data = new DataSources(new DataCatalog(DataConfig.fromEnvironment().withRemote(false)), null);
        return new SweepOptions(Budget.QUICK, parallel, results, Path.of("."), data, resume, false, new PrintWriter(out, true));
    }

    private static List<JsonNode> lines(Path dir) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (String l : Files.readAllLines(dir.resolve("candidates.jsonl"))) {
            out.add(JSON.readTree(l));
        }
        return out;
    }

    /** candidate → engine → line; fails on a duplicate. */
    private static Map<Integer, Map<String, JsonNode>> byCandidate(List<JsonNode> lines) {
        Map<Integer, Map<String, JsonNode>> m = new HashMap<>();
        for (JsonNode l : lines) {
            JsonNode before = m.computeIfAbsent(l.get("candidate").asInt(), k -> new HashMap<>()).put(l.get("engine").asText(), l);
            assertEquals(null, before, "duplicate line " + l);
        }
        return m;
    }

    @Test
    void aLearningRateSweepOnIsZeroTrainsBothEnginesPerCandidateAndFindsTheGoodRates(@TempDir Path tmp) throws Exception {
        SweepDef def = sweep(tmp, "is-zero-lr", """
                id: is-zero-lr
                experiment: is-zero-logistic
                parameters:
                  learning_rate: {type: continuous, min: 1.0e-5, max: 1.0, scale: log}
                score: {metric: test_accuracy}
                budgets:
                  quick:
                    base: quick
                    training: {sampling: with-replacement, batchSize: 256, steps: 40}
                    evalEvery: 40
                    generator: {type: grid, points: 4}
                """);
        ExperimentDef exp = EXPERIMENTS.load(def.experiment());
        StringWriter out = new StringWriter();
        SweepResult r = new SweepRunner().run(def, exp, options(tmp.resolve("results"), 1, null, out));
        System.out.print(out);
        assertEquals("complete", r.status());
        assertEquals(4, r.trained());
        assertEquals(0, r.failed());

        Map<Integer, Map<String, JsonNode>> c = byCandidate(lines(r.dir()));
        assertEquals(4, c.size());
        Map<String, double[]> scores = new HashMap<>();
        for (int i = 0; i < 4; i++) {
            Map<String, JsonNode> pair = c.get(i);
            assertEquals(2, pair.size(), "both engines for candidate " + i);
            for (String engine : List.of("david", "dl4j")) {
                JsonNode l = pair.get(engine);
                assertEquals("ok", l.get("status").asText(), l.toString());
                assertEquals("test_accuracy", l.get("score_name").asText());
                assertTrue(l.get("seconds").asDouble() > 0, l.toString());
                scores.computeIfAbsent(engine, k -> new double[4])[i] = l.get("score").asDouble();
            }
            assertEquals(pair.get("david").get("values"), pair.get("dl4j").get("values"), "same point for both engines");
            assertEquals(pair.get("david").get("run").asText(), pair.get("dl4j").get("run").asText(), "one run per candidate");
            JsonNode summary = JSON.readTree(r.dir().resolve(pair.get("david").get("run").asText()).resolve("summary.json").toFile());
            for (String engine : List.of("david", "dl4j")) {
                assertEquals(pair.get(engine).get("score").asDouble(), summary.at("/engines/" + engine + "/test_accuracy").asDouble(),
                        "the score is the run's own summary figure");
            }
            // same init, same batches: the engines land on the same accuracy (to a few test images)
            assertEquals(pair.get("david").get("score").asDouble(), pair.get("dl4j").get("score").asDouble(), 0.003,
                    "candidate " + i);
        }
        for (String engine : List.of("david", "dl4j")) {
            double[] s = scores.get(engine);
            double best = Math.max(Math.max(s[0], s[1]), Math.max(s[2], s[3]));
            double worst = Math.min(Math.min(s[0], s[1]), Math.min(s[2], s[3]));
            System.out.printf("%s: accuracy by learning rate 1e-5, 4.6e-4, 2.2e-2, 1: %s%n", engine, java.util.Arrays.toString(s));
            assertTrue(best >= 0.95, engine + " best " + best);
            assertTrue(best - worst >= 0.03, engine + " best " + best + " vs worst " + worst);
            assertTrue(s[3] > s[0], engine + ": lr 1 must beat lr 1e-5 after 40 steps");
        }

        JsonNode sweep = JSON.readTree(r.dir().resolve("sweep.json").toFile());
        assertEquals(1, sweep.get("format").asInt());
        assertEquals("complete", sweep.get("status").asText());
        assertEquals("maximize", sweep.get("direction").asText());
        assertEquals("test_accuracy", sweep.get("score_name").asText());
        assertEquals("grid exhausted", sweep.get("stopped_by").asText());
        assertEquals(4, sweep.at("/candidates/finished").asInt());
        for (String engine : List.of("david", "dl4j")) {
            double best = Math.max(Math.max(scores.get(engine)[0], scores.get(engine)[1]),
                    Math.max(scores.get(engine)[2], scores.get(engine)[3]));
            assertEquals(best, sweep.at("/best/" + engine + "/score").asDouble(), engine);
        }
        assertTrue(sweep.at("/provenance/candidate_run/datasets").size() > 0, "data checksums of the candidates' runs");
        assertEquals(r.runId(), Files.readString(r.dir().getParent().resolve("latest")).trim());
    }

    private static final String MOONS = """
            id: moons-tiny
            experiment: moons
            parameters:
              depth: {type: discrete, values: [1, 2]}
              learning_rate: {type: discrete, values: [0.01, 0.05]}
            score: {metric: test_accuracy}
            budgets:
              quick:
                base: quick
                training: {sampling: full-batch, steps: 20}
                evalEvery: 20
                generator: {type: grid, points: 2}
            """;

    @Test
    void aResumedSweepSkipsTheCandidatesFinishedOnDisk(@TempDir Path tmp) throws Exception {
        SweepDef def = sweep(tmp, "moons-tiny", MOONS);
        ExperimentDef exp = EXPERIMENTS.load("moons");
        Path results = tmp.resolve("results");
        SweepResult first = new SweepRunner().run(def, exp, options(results, 2, null, new StringWriter()));
        assertEquals("complete", first.status());
        assertEquals(4, first.trained());
        List<String> before = Files.readAllLines(first.dir().resolve("candidates.jsonl"));
        assertEquals(8, before.size());

        // a crash after two candidates, in the middle of writing the third
        List<String> kept = new ArrayList<>();
        Map<Integer, Integer> seen = new HashMap<>();
        for (String l : before) {
            int cand = JSON.readTree(l).get("candidate").asInt();
            if (cand < 2) {
                kept.add(l);
                seen.merge(cand, 1, Integer::sum);
            }
        }
        assertEquals(Map.of(0, 2, 1, 2), seen);
        Files.writeString(first.dir().resolve("candidates.jsonl"), String.join("\n", kept) + "\n{\"candidate\":2,\"engine\":\"da");
        ObjectNode sweepJson = (ObjectNode) JSON.readTree(first.dir().resolve("sweep.json").toFile());
        sweepJson.put("status", "incomplete");
        JSON.writeValue(first.dir().resolve("sweep.json").toFile(), sweepJson);

        StringWriter out = new StringWriter();
        SweepResult second = new SweepRunner().run(def, exp, options(results, 1, null, out));
        assertEquals(first.runId(), second.runId(), "the newest unfinished run of the same definition is resumed");
        assertEquals(2, second.skipped(), out.toString());
        assertEquals(2, second.trained(), out.toString());
        assertTrue(out.toString().contains("dropped 1 torn or one-engine line(s)"), out.toString());
        List<String> after = Files.readAllLines(second.dir().resolve("candidates.jsonl"));
        assertEquals(kept, after.subList(0, 4), "finished candidates are left as they were");
        Map<Integer, Map<String, JsonNode>> c = byCandidate(lines(second.dir()));
        assertEquals(4, c.size());
        c.values().forEach(pair -> assertEquals(2, pair.size()));
        JsonNode sweep = JSON.readTree(second.dir().resolve("sweep.json").toFile());
        assertEquals("complete", sweep.get("status").asText());
        assertEquals(1, sweep.get("resumed").size());

        // the same run id under another definition is refused
        SweepDef other = sweep(tmp, "moons-tiny", MOONS.replace("[0.01, 0.05]", "[0.02]").replace("[1, 2]", "[1]"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SweepRunner().run(other, exp, options(results, 1, first.runId(), new StringWriter())));
        assertTrue(e.getMessage().contains("used another definition"), e.getMessage());
        // and a finished run is not resumed by default: a new one starts
        SweepResult third = new SweepRunner().run(other, exp, options(results, 1, null, new StringWriter()));
        assertNotEquals(first.runId(), third.runId());
    }

    @Test
    void aStoppedSweepIsIncompleteAndTheNextRunFinishesIt(@TempDir Path tmp) throws Exception {
        SweepDef def = sweep(tmp, "moons-stop", MOONS.replace("id: moons-tiny", "id: moons-stop").replace("[1, 2]", "[1]"));
        ExperimentDef exp = EXPERIMENTS.load("moons");
        Path results = tmp.resolve("results");
        SweepRunner[] self = new SweepRunner[1];
        self[0] = new SweepRunner((r, d, model, opt) -> {
            if (((OptimizerSpec.Adam) model.optimizer()).learningRate() == 0.05) {
                self[0].requestStop(); // Ctrl-C while the second candidate trains
            }
            return r.run(d, model, opt);
        });
        SweepResult stopped = self[0].run(def, exp, options(results, 1, null, new StringWriter()));
        assertEquals("incomplete", stopped.status());
        assertEquals(1, stopped.trained(), "the interrupted candidate is not recorded");
        assertEquals(2, lines(stopped.dir()).size());
        JsonNode sweep = JSON.readTree(stopped.dir().resolve("sweep.json").toFile());
        assertEquals("interrupted", sweep.get("stopped_by").asText());
        assertTrue(Files.notExists(stopped.dir().getParent().resolve("latest")), "latest names complete runs only");

        SweepResult resumed = new SweepRunner().run(def, exp, options(results, 1, null, new StringWriter()));
        assertEquals(stopped.runId(), resumed.runId());
        assertEquals("complete", resumed.status());
        assertEquals(1, resumed.skipped());
        assertEquals(1, resumed.trained());
        assertEquals(2, byCandidate(lines(resumed.dir())).size());
    }

    @Test
    void failedAndDivergedCandidatesAreRecordedAndTheSweepGoesOn(@TempDir Path tmp) throws Exception {
        SweepDef def = sweep(tmp, "moons-bad", """
                id: moons-bad
                experiment: moons
                parameters:
                  learning_rate: {type: discrete, values: [0.02, 1.0e30, 0.01]}
                score: {metric: test_accuracy}
                budgets:
                  quick:
                    base: quick
                    training: {sampling: full-batch, steps: 30}
                    evalEvery: 30
                    generator: {type: grid, points: 2}
                """);
        ExperimentDef exp = EXPERIMENTS.load("moons");
        SweepRunner runner = new SweepRunner((r, d, model, opt) -> {
            if (((OptimizerSpec.Adam) model.optimizer()).learningRate() == 0.02) {
                throw new IllegalStateException("boom: simulated engine crash");
            }
            return r.run(d, model, opt);
        });
        SweepResult r = runner.run(def, exp, options(tmp.resolve("results"), 1, null, new StringWriter()));
        assertEquals("complete", r.status());
        assertEquals(2, r.failed());
        Map<Integer, Map<String, JsonNode>> c = byCandidate(lines(r.dir()));
        assertEquals(3, c.size(), "the sweep went on after the failures");
        for (String engine : List.of("david", "dl4j")) {
            JsonNode failed = c.get(0).get(engine);
            assertEquals("failed", failed.get("status").asText());
            assertTrue(failed.get("error").asText().contains("boom"), failed.toString());
            assertTrue(failed.get("score").isNull());
            assertEquals("ok", c.get(2).get(engine).get("status").asText());
        }
        boolean diverged = false;
        for (String engine : List.of("david", "dl4j")) {
            JsonNode l = c.get(1).get(engine);
            if ("diverged".equals(l.get("status").asText())) {
                diverged = true;
                assertTrue(l.get("score").isNull());
                assertTrue(l.get("error").asText().startsWith("diverged"), l.toString());
            }
        }
        assertTrue(diverged, "lr 1e30 must blow up: " + c.get(1));
        JsonNode sweep = JSON.readTree(r.dir().resolve("sweep.json").toFile());
        assertEquals(2, sweep.at("/best/david/candidate").asInt(), "only the healthy candidate can be best");
    }
}
