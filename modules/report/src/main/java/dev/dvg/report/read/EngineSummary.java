package dev.dvg.report.read;

import java.util.List;

/** One engine's block of summary.json. NaN stands for a recorded null. */
public record EngineSummary(double testAccuracy, double testAccuracySd, double finalTrainLoss, double trainSeconds,
                            double examplesPerSecond, double peakHeapMb, double peakRssMb,
                            double timeToTargetSeconds, boolean diverged, List<SeedSummary> perSeed) {
    public EngineSummary {
        perSeed = List.copyOf(perSeed);
    }
}
