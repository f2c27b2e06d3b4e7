package dev.dvg.sweeps;

import java.util.List;

/**
 * What one candidate produced: one line of candidates.jsonl per engine (keys of results/FORMAT.md,
 * Sweeps). Arbiter's score of the candidate ({@link SweepScoreFunction}) is computed from it.
 *
 * @param candidate Arbiter's candidate index
 * @param point     the hyper-parameters
 * @param lines     the journal lines, david then dl4j
 * @param trained   false when the lines were read back from disk (a resumed sweep)
 */
record CandidateOutcome(int candidate, SweepPoint point, List<EngineLine> lines, boolean trained) {

    /** One engine's line. {@code score} is null unless {@code status} is ok. */
    record EngineLine(String engine, Double score, Double seconds, String status, String error, Double testAccuracy,
                      String run) {
        boolean ok() {
            return "ok".equals(status) && score != null;
        }
    }
}
