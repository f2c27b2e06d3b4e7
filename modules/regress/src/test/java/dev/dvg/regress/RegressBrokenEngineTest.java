package dev.dvg.regress;

import dev.dvg.runner.Budget;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A deliberately broken engine must fail the gate with a readable diff: the moons experiment with
 * its quick budget's Adam learning rate ×100 (0.01 → 1.0, written into a temporary experiments
 * folder; the model code is untouched), checked against the real moons baseline.
 */
class RegressBrokenEngineTest {

    @TempDir
    Path tmp;

    @Test
    void learningRateTimes100RegressesWithDiffAndConfigChange() throws IOException {
        Path root = Repo.root();
        String yaml = Files.readString(root.resolve("experiments").resolve("moons.yaml"));
        String broken = yaml.replace("optimizer: {type: adam, learningRate: 0.01,", "optimizer: {type: adam, learningRate: 1.0,");
        assertTrue(!broken.equals(yaml), "moons.yaml's quick budget no longer says 'optimizer: {type: adam, learningRate: 0.01,'");
        Path exps = Files.createDirectories(tmp.resolve("experiments"));
        Files.writeString(exps.resolve("moons.yaml"), broken);
        Path out = tmp.resolve("out");

        Regress regress = new Regress(new Regress.Options(exps, new BaselineStore(root.resolve("results").resolve("baselines")),
                out, root, Repo.data(), Budget.QUICK, 0, 0, true, Repo.progress()));
        Report report = regress.check(List.of("moons"));

        String md = Files.readString(out.resolve("regress.md"));
        System.out.println(md);
        assertEquals("regressed", report.outcome(), md);
        ExperimentResult r = report.results().get(0);
        for (String engine : List.of("david", "dl4j")) {
            Check acc = r.checks().stream().filter(c -> c.engine().equals(engine) && c.check().equals("test_accuracy"))
                    .findFirst().orElseThrow();
            assertEquals(Verdict.REGRESSED, acc.verdict(), engine + ": " + acc);
            assertTrue(acc.delta() < -acc.tolerance(), engine + ": " + acc);
        }
        assertTrue(r.configChanges().contains("model_spec.optimizer.learningRate: 0.01 → 1"), r.configChanges().toString());
        assertTrue(md.startsWith("# Accuracy regression gate: REGRESSED"), md);
        assertTrue(md.contains("| david | test_accuracy |") && md.contains("**REGRESSED**"), md);
        assertTrue(md.contains("`model_spec.optimizer.learningRate: 0.01 → 1`"), md);
        String json = Files.readString(out.resolve("regress.json"));
        assertTrue(json.contains("\"outcome\" : \"regressed\""), json);
    }
}
