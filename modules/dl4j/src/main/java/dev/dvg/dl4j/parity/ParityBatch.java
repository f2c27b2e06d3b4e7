package dev.dvg.dl4j.parity;

/**
 * One batch handed to both engines: {@code n} examples of row-major inputs {@code x} and targets
 * {@code y} (the same arrays; David wraps them, DL4J copies them into its own memory).
 */
public record ParityBatch(float[] x, float[] y, int n) {
    public ParityBatch {
        if (n < 1) {
            throw new IllegalArgumentException("batch.n must be >= 1, got " + n);
        }
        if (x.length % n != 0 || y.length % n != 0) {
            throw new IllegalArgumentException("batch: x (" + x.length + ") and y (" + y.length
                    + ") must hold a whole number of rows for n = " + n);
        }
    }
}
