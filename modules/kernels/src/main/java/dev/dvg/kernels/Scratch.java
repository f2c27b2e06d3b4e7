package dev.dvg.kernels;

/**
 * Per-thread growable scratch arrays for the convolution and pooling kernels, so the hot path does
 * not allocate in steady state. Each slot is owned by one use; a kernel running on the caller's
 * thread as well as on pool threads uses distinct slots for the caller-only data (packed weights,
 * offsets) and the per-worker data.
 */
final class Scratch {

    private static final ThreadLocal<Scratch> LOCAL = ThreadLocal.withInitial(Scratch::new);

    /** Slot names. */
    static final int WEIGHTS = 0;
    static final int OUT = 1;
    static final int IMAGE = 2;
    static final int DY = 3;
    static final int COL = 4;
    static final int TAPS = 0;
    static final int WINDOWS = 1;
    static final int WINDOW_TAPS = 2;

    private final float[][] floats = new float[5][];
    private final int[][] ints = new int[3][];

    static Scratch get() {
        return LOCAL.get();
    }

    /** A float array of at least {@code size} elements for {@code slot}; contents unspecified. */
    float[] floats(int slot, int size) {
        float[] f = floats[slot];
        if (f == null || f.length < size) {
            f = new float[size];
            floats[slot] = f;
        }
        return f;
    }

    int[] ints(int slot, int size) {
        int[] f = ints[slot];
        if (f == null || f.length < size) {
            f = new int[size];
            ints[slot] = f;
        }
        return f;
    }
}
