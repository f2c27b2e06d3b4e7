package dev.dvg.regress;

/** The outcome of one check of a rerun against its baseline. */
public enum Verdict {
    /** Within tolerance. */
    OK,
    /** Better than the baseline by more than the tolerance: passes; consider {@code --update}. */
    IMPROVED,
    /** Worse than the baseline by more than the tolerance, diverged, or below the accuracy floor. */
    REGRESSED,
    /** Not checked, with a reason (e.g. the experiment's data is not available here). */
    SKIPPED,
    /** The check could not be carried out (bad baseline, failed run). */
    ERROR;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
