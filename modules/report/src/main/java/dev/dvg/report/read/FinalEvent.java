package dev.dvg.report.read;

import dev.dvg.report.Engine;
import java.util.List;

/**
 * A {@code final} event: the evaluation at the end of one engine's run for one seed.
 * {@code binary} and {@code classNames} are null when absent; {@code timeToTargetSeconds} is NaN when
 * the target accuracy was never reached.
 */
public record FinalEvent(Engine engine, long seed, double testAccuracy, double testLoss, double trainAccuracy,
                         double trainLoss, double trainSeconds, double examplesPerSecond, double peakHeapMb,
                         double peakRssMb, long[][] confusion, List<ClassMetrics> perClass, BinaryMetrics binary,
                         double timeToTargetSeconds, double targetAccuracy, List<String> classNames) {

    /** Display name of class {@code k}: from {@code class_names} when given, else the index. */
    public String className(int k) {
        return classNames != null && k < classNames.size() ? classNames.get(k) : Integer.toString(k);
    }
}
