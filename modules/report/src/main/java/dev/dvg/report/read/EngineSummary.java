package dev.dvg.report.read;

import java.util.List;

/**
 * One engine's block of summary.json. NaN stands for a recorded null; {@code meetsMinAccuracy} is null
 * when the summary does not say.
 */
public record EngineSummary(double testAccuracy, double testAccuracySd, double finalTrainLoss, double trainSeconds,
                            double examplesPerSecond, double peakHeapMb, double peakRssMb,
                            double timeToTargetSeconds, boolean diverged, Boolean meetsMinAccuracy,
                            List<SeedSummary> perSeed) {
    public EngineSummary {
        perSeed = List.copyOf(perSeed);
    }
}
