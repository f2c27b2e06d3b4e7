package dev.dvg.report.read;

/** The {@code binary} object of an is-zero model's final event. */
public record BinaryMetrics(double accuracy, double precision, double recall, double f1, double auc) {
}
