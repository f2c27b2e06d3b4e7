package dev.dvg.regress;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Verdict rules on run folders written by the test (no training). */
class ComparisonTest {

    @TempDir
    Path tmp;

    private Baseline.Section baseline() throws IOException {
        Path run = FakeRuns.write(tmp.resolve("base"), "toy", "quick", 0.9, 0.01, List.of(
                new FakeRuns.Final("david", 42, 0.952, 0.10, 0.12, false),
                new FakeRuns.Final("david", 43, 0.950, 0.11, 0.13, false),
                new FakeRuns.Final("david", 44, 0.946, 0.09, 0.125, false)));
        return Regress.section(RunRecord.read(run), "test");
    }

    private ExperimentResult rerun(String name, double acc, double testLoss, boolean diverged, double lr) throws IOException {
        Path run = FakeRuns.write(tmp.resolve(name), "toy", "quick", 0.9, lr, List.of(
                new FakeRuns.Final("david", 42, diverged ? null : acc, diverged ? null : 0.10, diverged ? null : testLoss, diverged)));
        return Comparison.compare("toy", baseline(), RunRecord.read(run));
    }

    @Test
    void identicalRunPasses() throws IOException {
        ExperimentResult r = rerun("same", 0.952, 0.12, false, 0.01);
        assertEquals(Verdict.OK, r.verdict(), r.checks().toString());
        assertEquals(List.of(), r.configChanges());
        assertEquals(4, r.checks().size(), "three metrics and the accuracy floor");
    }

    @Test
    void smallMoveWithinTolerancePasses() throws IOException {
        assertEquals(Verdict.OK, rerun("small", 0.946, 0.121, false, 0.01).verdict());
    }

    @Test
    void accuracyDropBeyondToleranceRegressesWithReadableNote() throws IOException {
        ExperimentResult r = rerun("drop", 0.91, 0.30, false, 1.0);
        assertEquals(Verdict.REGRESSED, r.verdict());
        Check acc = r.checks().stream().filter(c -> c.check().equals("test_accuracy")).findFirst().orElseThrow();
        assertEquals(Verdict.REGRESSED, acc.verdict());
        assertEquals(0.91 - 0.952, acc.delta(), 1e-12);
        assertTrue(acc.note().startsWith("lower by 0.042"), acc.note());
        assertEquals(List.of("model_spec.optimizer.learningRate: 0.01 → 1"), r.configChanges());
        assertTrue(r.message().contains("learningRate: 0.01 → 1"), r.message());
        String md = ReportWriter.markdown(new Report("quick", "check", "a", "b", tmp, tmp, "1.0.0-M2.1", "abc", List.of(r)));
        assertTrue(md.contains("# Accuracy regression gate: REGRESSED"), md);
        assertTrue(md.contains("| david | test_accuracy | 0.95200 | 0.91000 | -0.04200 | 0.00917 | **REGRESSED** |"), md);
    }

    @Test
    void belowTheFloorRegressesEvenWithinTolerance() throws IOException {
        Path run = FakeRuns.write(tmp.resolve("floor"), "toy", "quick", 0.951, 0.01, List.of(
                new FakeRuns.Final("david", 42, 0.950, 0.10, 0.12, false)));
        ExperimentResult r = Comparison.compare("toy", baseline(), RunRecord.read(run));
        assertEquals(Verdict.REGRESSED, r.verdict());
        Check floor = r.checks().stream().filter(c -> c.check().equals("min_accuracy")).findFirst().orElseThrow();
        assertEquals(Verdict.REGRESSED, floor.verdict());
    }

    @Test
    void divergedRunRegresses() throws IOException {
        ExperimentResult r = rerun("nan", 0, 0, true, 0.01);
        assertEquals(Verdict.REGRESSED, r.verdict());
        assertTrue(r.checks().get(0).note().contains("diverged"), r.checks().toString());
    }

    @Test
    void improvementPassesButSaysSo() throws IOException {
        ExperimentResult r = rerun("better", 0.99, 0.05, false, 0.01);
        assertEquals(Verdict.IMPROVED, r.verdict());
    }

    @Test
    void reportOutcomeAndExitSemantics() throws IOException {
        ExperimentResult ok = rerun("a", 0.952, 0.12, false, 0.01);
        ExperimentResult bad = rerun("b", 0.5, 0.9, false, 0.01);
        ExperimentResult skipped = ExperimentResult.skipped("digits", "no digits");
        assertEquals("pass", new Report("quick", "check", "", "", tmp, tmp, null, null, List.of(ok, skipped)).outcome());
        assertEquals("regressed", new Report("quick", "check", "", "", tmp, tmp, null, null, List.of(ok, bad)).outcome());
        assertEquals("error", new Report("quick", "check", "", "", tmp, tmp, null, null,
                List.of(bad, ExperimentResult.error("x", null, "bad file"))).outcome());
    }
}
