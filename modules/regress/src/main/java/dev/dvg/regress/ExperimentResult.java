package dev.dvg.regress;

import java.nio.file.Path;
import java.util.List;

/**
 * The gate's outcome for one experiment.
 *
 * @param experiment    experiment id
 * @param verdict       worst verdict of its checks (SKIPPED/ERROR when it could not be checked)
 * @param runDir        the rerun's folder (null when skipped or it failed before writing one)
 * @param message       why it was skipped or failed, or what an update wrote (empty otherwise)
 * @param configChanges leaves of the resolved config that differ from the baseline's ("key: old → new")
 * @param checks        the table rows
 * @param run           the run that was read (null when none)
 */
public record ExperimentResult(String experiment, Verdict verdict, Path runDir, String message,
                               List<String> configChanges, List<Check> checks, RunRecord run) {
    public ExperimentResult {
        configChanges = List.copyOf(configChanges);
        checks = List.copyOf(checks);
    }

    static ExperimentResult skipped(String experiment, String why) {
        return new ExperimentResult(experiment, Verdict.SKIPPED, null, why, List.of(), List.of(), null);
    }

    static ExperimentResult error(String experiment, Path runDir, String why) {
        return new ExperimentResult(experiment, Verdict.ERROR, runDir, why, List.of(), List.of(), null);
    }
}
