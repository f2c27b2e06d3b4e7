package dev.dvg.kernels;

import java.util.Arrays;

/**
 * Max pooling, NCHW (see {@link PoolShape}). The forward pass records, for every output, the flat
 * index into {@code x} of the maximum (the first one in row-major window order on ties, like
 * DL4J); the backward pass routes each output gradient to that index. Both run in parallel over
 * (n, c) planes, with a reused loop body (no allocation per call).
 */
public final class MaxPool2d {

    private MaxPool2d() {
    }

    /** y = maxpool(x); argmax[o] = flat index into x of the max of window o. */
    public static void forward(Exec ex, PoolShape s, float[] x, float[] y, int[] argmax) {
        Job j = Job.acquire(Job.FORWARD, s);
        try {
            j.x = x;
            j.y = y;
            j.argmax = argmax;
            ex.parallelFor(0, s.n() * s.c(), j);
        } finally {
            j.release();
        }
    }

    /** dx = 0 except dx[argmax[o]] += dy[o]. */
    public static void backward(Exec ex, PoolShape s, float[] dy, int[] argmax, float[] dx) {
        Job j = Job.acquire(Job.BACKWARD, s);
        try {
            j.dy = dy;
            j.argmax = argmax;
            j.dx = dx;
            ex.parallelFor(0, s.n() * s.c(), j);
        } finally {
            j.release();
        }
    }

    /** Planes [lo, hi) of the forward pass. */
    private static void forwardPlanes(PoolShape s, float[] x, float[] y, int[] argmax, int lo, int hi) {
        int oh = s.oh();
        int ow = s.ow();
        for (int nc = lo; nc < hi; nc++) {
            int xBase = nc * s.h() * s.w();
            int yBase = nc * oh * ow;
            for (int i = 0; i < oh; i++) {
                for (int j = 0; j < ow; j++) {
                    int best = xBase + (i * s.stride()) * s.w() + j * s.stride();
                    float max = x[best];
                    for (int u = 0; u < s.k(); u++) {
                        int row = xBase + (i * s.stride() + u) * s.w() + j * s.stride();
                        for (int v = 0; v < s.k(); v++) {
                            if (x[row + v] > max) {
                                max = x[row + v];
                                best = row + v;
                            }
                        }
                    }
                    y[yBase + i * ow + j] = max;
                    argmax[yBase + i * ow + j] = best;
                }
            }
        }
    }

    /** Planes [lo, hi) of the backward pass. */
    private static void backwardPlanes(PoolShape s, float[] dy, int[] argmax, float[] dx, int lo, int hi) {
        int per = s.h() * s.w();
        int perOut = s.oh() * s.ow();
        Arrays.fill(dx, lo * per, hi * per, 0f);
        for (int o = lo * perOut; o < hi * perOut; o++) {
            dx[argmax[o]] += dy[o];
        }
    }

    /**
     * One call's operands as a reusable loop body (a capturing lambda would be a new object per
     * call), as in {@link Conv2d}: one per caller thread, a fresh one if that is in use.
     */
    private static final class Job implements Exec.RangeBody {
        static final int FORWARD = 0;
        static final int BACKWARD = 1;
        private static final ThreadLocal<Job> OWN = ThreadLocal.withInitial(Job::new);

        private boolean inUse;
        private int mode;
        private PoolShape s;
        private float[] x;
        private float[] y;
        private float[] dy;
        private float[] dx;
        private int[] argmax;

        static Job acquire(int mode, PoolShape s) {
            Job j = OWN.get();
            if (j.inUse) {
                j = new Job();
            }
            j.inUse = true;
            j.mode = mode;
            j.s = s;
            return j;
        }

        /** Forgets the operands (so a finished call's arrays can be collected). */
        void release() {
            s = null;
            x = null;
            y = null;
            dy = null;
            dx = null;
            argmax = null;
            inUse = false;
        }

        @Override
        public void run(int lo, int hi) {
            switch (mode) {
                case FORWARD -> forwardPlanes(s, x, y, argmax, lo, hi);
                case BACKWARD -> backwardPlanes(s, dy, argmax, dx, lo, hi);
                default -> throw new IllegalStateException("job mode " + mode);
            }
        }
    }
}
