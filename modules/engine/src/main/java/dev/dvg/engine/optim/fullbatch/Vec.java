package dev.dvg.engine.optim.fullbatch;

/** The few dense double-vector operations the minimisers need (sums in index order). */
final class Vec {

    private Vec() {
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    static double norm(double[] a) {
        return Math.sqrt(dot(a, a));
    }

    /** out = x + α·d. */
    static void step(double[] x, double alpha, double[] d, double[] out) {
        for (int i = 0; i < x.length; i++) {
            out[i] = x[i] + alpha * d[i];
        }
    }

    static boolean finite(double v) {
        return !Double.isNaN(v) && !Double.isInfinite(v);
    }
}
