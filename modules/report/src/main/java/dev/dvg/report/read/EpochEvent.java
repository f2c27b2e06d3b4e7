package dev.dvg.report.read;

import dev.dvg.report.Engine;

/** An {@code epoch} event (an evaluation point). Values recorded as null are NaN. */
public record EpochEvent(Engine engine, long seed, int epoch, int step, double trainLoss, double trainAccuracy,
                         double testLoss, double testAccuracy, double epochSeconds, double examplesPerSecond) {
}
