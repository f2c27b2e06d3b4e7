package dev.dvg.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code dvg run digits20-mlp25 --weights}: usage errors first (no data, no run folder), then, with
 * the shared data folder ({@code -Ddvg.shared.data}), a short run that scores the course's weights
 * in both engines and records them.
 */
class RunWeightsTest {

    @TempDir
    Path tmp;

    static Path shared(String rel) {
        String prop = System.getProperty("dvg.shared.data");
        assumeTrue(prop != null, "system property dvg.shared.data is not set: shared test data unavailable");
        Path p = Path.of(prop).resolve(rel);
        assumeTrue(Files.isRegularFile(p), "shared test data " + p + " is absent");
        return p;
    }

    @Test
    void onlyDigits20Mlp25TakesWeights() throws IOException {
        DvgTest.Result r = DvgTest.dvg("run", "moons", "--weights", "x.mat", "--experiments", DvgTest.EXPERIMENTS,
                "--out", tmp.toString());
        assertEquals(ExitCodes.USAGE, r.code(), r.err());
        assertTrue(r.err().contains("--weights: only model digits20-mlp25") && r.err().contains("trains model moons"), r.err());
        // a suite takes them when it includes digits20-mlp25 (it alone gets them), else it is refused
        Path experiments = Files.createDirectories(tmp.resolve("suite-experiments"));
        for (String id : new String[]{"moons", "is-zero-logistic"}) {
            Files.copy(Path.of(DvgTest.EXPERIMENTS, id + ".yaml"), experiments.resolve(id + ".yaml"));
        }
        Files.writeString(experiments.resolve("no-digits.yaml"), "id: no-digits\nincludes: [moons, is-zero-logistic]\n");
        DvgTest.Result s = DvgTest.dvg("run", "no-digits", "--weights", "x.mat", "--experiments", experiments.toString(),
                "--out", tmp.toString());
        assertEquals(ExitCodes.USAGE, s.code(), s.err());
        assertTrue(s.err().contains("no-digits is a suite without it"), s.err());
    }

    @Test
    void badWeightFilesAreUsageErrorsBeforeAnyRunFolder() throws IOException {
        Path missing = tmp.resolve("ex4weights.mat");
        DvgTest.Result r = DvgTest.dvg("run", "digits20-mlp25", "--weights", missing.toString(), "--experiments",
                DvgTest.EXPERIMENTS, "--out", tmp.resolve("results").toString(), "--no-report");
        assertEquals(ExitCodes.USAGE, r.code(), r.err());
        assertTrue(r.err().contains("--weights " + missing + ": no such file; expected the ML course's ex4weights.mat "
                + "(MATLAB v5 with Theta1 25x401 and Theta2 10x26)"), r.err());
        Path text = Files.writeString(tmp.resolve("weights.mat"), "just text");
        DvgTest.Result t = DvgTest.dvg("run", "digits20-mlp25", "--weights", text.toString(), "--experiments",
                DvgTest.EXPERIMENTS, "--out", tmp.resolve("results").toString(), "--no-report");
        assertEquals(ExitCodes.USAGE, t.code(), t.err());
        assertTrue(t.err().contains("--weights " + text) && t.err().contains("Theta2 10x26"), t.err());
        assertFalse(t.err().contains("\tat "), t.err());
        assertFalse(Files.exists(tmp.resolve("results/digits20-mlp25")), "no run folder for a rejected run");
    }

    @Test
    void courseWeightsAreScoredByBothEnginesThenTrainingGoesOn() throws IOException {
        Path weights = shared("ex4/ex4weights.mat");
        Path png = shared("opencv-digits/digits.png");
        Path experiments = Files.createDirectories(tmp.resolve("experiments"));
        Files.writeString(experiments.resolve("ex4-brief.yaml"), """
                id: ex4-brief
                model: digits20-mlp25
                seeds: [42]
                sameInit: true
                threads: {david: 1, dl4j: 1}
                targetAccuracy: 0.9
                paritySteps: 0
                budgets:
                  quick:
                    training: {sampling: full-batch, steps: 5}
                    optimizer: {type: lbfgs, memory: 10, maxEvaluations: 5}
                """);
        Path results = tmp.resolve("results");
        DvgTest.Result r = DvgTest.dvg("run", "ex4-brief", "--budget", "quick", "--weights", weights.toString(),
                "--digits", png.toString(), "--experiments", experiments.toString(), "--out", results.toString());
        assertEquals(ExitCodes.OK, r.code(), r.err());
        assertTrue(r.out().contains("pretrained david training accuracy 0.9760, cost lambda=0 0.290845, lambda=1 0.386986"),
                r.out());
        assertTrue(r.out().contains("pretrained dl4j  training accuracy 0.9760, cost lambda=0 0.290845, lambda=1 0.386986"),
                r.out());
        assertTrue(r.out().contains("pretrained engines agree"), r.out());
        Path run;
        try (var dirs = Files.list(results.resolve("ex4-brief"))) {
            run = dirs.filter(Files::isDirectory).findFirst().orElseThrow();
        }
        JsonNode summary = new ObjectMapper().readTree(run.resolve("summary.json").toFile());
        assertTrue(summary.at("/pretrained/engines_agree").asBoolean(), summary.toString());
        assertEquals(0.976, summary.at("/pretrained/engines/dl4j/train_accuracy").asDouble(), 1e-12);
        assertTrue(summary.at("/engines/david/test_accuracy").isNumber(), "training from random init still reported");
        JsonNode runJson = new ObjectMapper().readTree(run.resolve("run.json").toFile());
        assertEquals(summary.get("pretrained"), runJson.get("pretrained"));
        assertTrue(Files.readString(run.resolve("report.md")).contains("Pretrained weights"));
    }
}
