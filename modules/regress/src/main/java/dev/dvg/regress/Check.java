package dev.dvg.regress;

/**
 * One line of the regression table: an engine's metric (or its accuracy floor) now vs baseline.
 *
 * @param engine    david or dl4j
 * @param check     a {@link Metric} key, or {@code min_accuracy} for the budget's floor
 * @param baseline  the baseline value (the floor for min_accuracy), null if none
 * @param now       the rerun's value, null if it produced none (diverged, missing)
 * @param delta     now - baseline, null if either is missing
 * @param tolerance allowed worsening, null for min_accuracy
 * @param verdict   the verdict
 * @param note      why, in words (empty when within tolerance)
 */
public record Check(String engine, String check, Double baseline, Double now, Double delta, Double tolerance,
                    Verdict verdict, String note) {
}
