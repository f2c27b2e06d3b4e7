package dev.dvg.report.read;

/** One entry of a final event's {@code per_class} list. */
public record ClassMetrics(int cls, double precision, double recall, double f1, long support) {
}
