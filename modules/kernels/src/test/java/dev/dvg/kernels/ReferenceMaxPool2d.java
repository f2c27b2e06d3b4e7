package dev.dvg.kernels;

import java.util.Arrays;

/**
 * Max pooling, NCHW (see {@link PoolShape}). The forward pass records, for every output, the flat
 * index into {@code x} of the maximum (the first one in row-major window order on ties, like
 * DL4J); the backward pass routes each output gradient to that index.
 */
public final class ReferenceMaxPool2d {

    private ReferenceMaxPool2d() {
    }

    /** y = maxpool(x); argmax[o] = flat index into x of the max of window o. */
    public static void forward(Exec ex, PoolShape s, float[] x, float[] y, int[] argmax) {
        int oh = s.oh();
        int ow = s.ow();
        ex.parallelFor(0, s.n() * s.c(), (lo, hi) -> {
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
        });
    }

    /** dx = 0 except dx[argmax[o]] += dy[o]. */
    public static void backward(Exec ex, PoolShape s, float[] dy, int[] argmax, float[] dx) {
        int per = s.h() * s.w();
        int perOut = s.oh() * s.ow();
        ex.parallelFor(0, s.n() * s.c(), (lo, hi) -> {
            Arrays.fill(dx, lo * per, hi * per, 0f);
            for (int o = lo * perOut; o < hi * perOut; o++) {
                dx[argmax[o]] += dy[o];
            }
        });
    }
}
