package dev.dvg.sweeps;

import java.nio.file.Path;
import java.util.Map;

/**
 * The outcome of {@link SweepRunner#run}.
 *
 * @param sweep    sweep id
 * @param runId    the run folder's name
 * @param dir      {@code <root>/sweeps/<name>/<run-id>/}
 * @param status   complete | incomplete (interrupted) | failed
 * @param trained  candidates trained by this invocation
 * @param skipped  candidates already finished on disk (a resumed run)
 * @param failed   candidates with at least one engine failed or diverged (this invocation and before)
 * @param best     engine → {candidate, values, score, seconds, run} (absent when no candidate was ok)
 */
public record SweepResult(String sweep, String runId, Path dir, String status, int trained, int skipped, int failed,
                          Map<String, Object> best) {
}
