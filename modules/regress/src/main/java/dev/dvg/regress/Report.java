package dev.dvg.regress;

import java.nio.file.Path;
import java.util.List;

/**
 * What one {@code dvg regress} did: per experiment its checks and verdict.
 *
 * @param budget      the budget that was rerun
 * @param mode        "check" (rerun and compare), "compare" (existing runs) or "update"
 * @param started     ISO instant
 * @param finished    ISO instant
 * @param outDir      where the runs, regress.json and regress.md are
 * @param baselines   the baselines folder
 * @param dl4jVersion the DL4J version the runs used (from their provenance; null if no run)
 * @param gitCommit   the checkout's commit (from the runs' provenance)
 * @param results     per experiment
 */
public record Report(String budget, String mode, String started, String finished, Path outDir, Path baselines,
                     String dl4jVersion, String gitCommit, List<ExperimentResult> results) {
    public Report {
        results = List.copyOf(results);
    }

    /** The worst verdict over all experiments (SKIPPED does not fail the gate). */
    public Verdict overall() {
        Verdict w = Verdict.OK;
        for (ExperimentResult r : results) {
            if (Comparison.rank(r.verdict()) > Comparison.rank(w)) {
                w = r.verdict();
            }
        }
        return w;
    }

    public boolean anyRegressed() {
        return results.stream().anyMatch(r -> r.verdict() == Verdict.REGRESSED);
    }

    public boolean anyError() {
        return results.stream().anyMatch(r -> r.verdict() == Verdict.ERROR);
    }

    /** "pass", "regressed" or "error" (an error outranks a regression). */
    public String outcome() {
        return anyError() ? "error" : anyRegressed() ? "regressed" : "pass";
    }
}
