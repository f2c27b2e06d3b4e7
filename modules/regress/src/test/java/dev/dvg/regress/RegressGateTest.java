package dev.dvg.regress;

import dev.dvg.runner.Budget;
import dev.dvg.runner.ExperimentDef;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * THE accuracy gate of the default test suite (and so of CI): the quick budget of every experiment
 * in experiments/, both engines, the baseline seed, once. Asserts each engine reaches its budget's
 * {@code minAccuracy} floor and stays within the tolerances of results/baselines. This is also the
 * "quick budget of every experiment runs in the default test suite and asserts its thresholds"
 * check of the runner issue. digits20-mlp25 needs -Ddvg.shared.data (surefire sets it) with
 * opencv-digits/digits.png; without it only that experiment is skipped, with the reason printed.
 * The report goes to modules/regress/target/regress-gate/ (regress.md, regress.json, the runs).
 */
class RegressGateTest {

    @Test
    void quickBudgetOfEveryExperimentMeetsItsFloorAndItsBaseline() throws IOException {
        Path root = Repo.root();
        Path out = Repo.target("regress-gate");
        Regress.Options opt = new Regress.Options(root.resolve("experiments"),
                new BaselineStore(root.resolve("results").resolve("baselines")), out, root, Repo.data(), Budget.QUICK,
                0, 0, true, Repo.progress());
        Regress regress = new Regress(opt);
        List<String> expected = regress.experiments(List.of()).stream().map(ExperimentDef::id).toList();
        assertTrue(expected.size() >= 6, "experiments/ lists " + expected);

        long t0 = System.nanoTime();
        Report report = regress.check(List.of());
        double seconds = (System.nanoTime() - t0) / 1e9;

        StringWriter table = new StringWriter();
        ReportWriter.console(report, new PrintWriter(table));
        System.out.println(table);
        System.out.printf(Locale.ROOT, "regress gate: %s, %d experiments in %.1f s; report %s%n", report.outcome(),
                report.results().size(), seconds, out.resolve("regress.md"));
        String md = ReportWriter.markdown(report);

        assertEquals(expected, report.results().stream().map(ExperimentResult::experiment).toList());
        for (ExperimentResult r : report.results()) {
            if (r.verdict() == Verdict.SKIPPED) {
                System.out.println("SKIPPED " + r.experiment() + ": " + r.message());
                assertEquals("digits20-mlp25", r.experiment(), "only digits20 may be skipped (its data file): " + r.message());
                assertTrue(Repo.digits() == null, "digits20 was skipped although " + Repo.digits() + " exists");
                // (the runner also looks in its data cache and installed packages before giving up)
                continue;
            }
            assertNotEquals(Verdict.ERROR, r.verdict(), r.experiment() + ": " + r.message() + "\n" + md);
            RunRecord run = r.run();
            assertEquals(List.of("david", "dl4j"), run.engines(), r.experiment() + ": both engines ran");
            if (run.minAccuracy() <= 0) {
                System.out.println("NOTE " + r.experiment() + ": its quick budget declares no minAccuracy floor; only the baseline is checked");
            }
            for (String engine : run.engines()) {
                if (!run.meetsMin().get(engine)) {
                    fail(r.experiment() + " " + engine + ": test accuracy "
                            + run.find(engine, run.seeds().get(0).seed()).orElseThrow().values().get(Metric.TEST_ACCURACY)
                            + " is below the quick budget's floor minAccuracy " + run.minAccuracy() + "\n" + md);
                }
            }
            assertTrue(r.checks().stream().anyMatch(c -> c.check().equals("test_accuracy") && c.engine().equals("dl4j")),
                    r.experiment() + ": baseline has DL4J's accuracy");
        }
        assertEquals("pass", report.outcome(), "the accuracy gate failed:\n" + md);
    }
}
