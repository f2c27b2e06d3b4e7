package dev.dvg.report.read;

/** The {@code parity} block of summary.json. */
public record Parity(boolean sameInit, double maxAbsLossDiff, double maxRelLossDiff, int stepsCompared) {
}
