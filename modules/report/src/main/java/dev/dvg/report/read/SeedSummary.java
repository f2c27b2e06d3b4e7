package dev.dvg.report.read;

/** One entry of an engine's {@code per_seed} list in summary.json. */
public record SeedSummary(long seed, double testAccuracy, double finalTrainLoss, double trainSeconds) {
}
