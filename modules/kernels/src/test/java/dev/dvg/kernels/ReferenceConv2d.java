package dev.dvg.kernels;

import java.util.Arrays;

/**
 * Valid 2-D convolution (cross-correlation, as DL4J and every framework compute it), NCHW; see
 * {@link ConvShape} for the layouts.
 *
 * <pre>
 *   y[n,f,i,j] = b[f] + Σ_c Σ_u Σ_v x[n,c,i·s+u,j·s+v] · w[f,c,u,v]
 *   dx[n,c,i·s+u,j·s+v] += dy[n,f,i,j] · w[f,c,u,v]
 *   dw[f,c,u,v] = Σ_n Σ_i Σ_j dy[n,f,i,j] · x[n,c,i·s+u,j·s+v]
 *   db[f]       = Σ_n Σ_i Σ_j dy[n,f,i,j]
 * </pre>
 *
 * This is the reference implementation (direct loops); dw and db are reduced over the batch in
 * image order, so the result does not depend on the thread count.
 */
public final class ReferenceConv2d {

    private ReferenceConv2d() {
    }

    /** y = conv(x, w) + b. */
    public static void forward(Exec ex, ConvShape s, float[] x, float[] w, float[] b, float[] y) {
        int oh = s.oh();
        int ow = s.ow();
        ex.parallelFor(0, s.n(), (lo, hi) -> {
            for (int n = lo; n < hi; n++) {
                for (int f = 0; f < s.f(); f++) {
                    int yBase = ((n * s.f()) + f) * oh * ow;
                    for (int i = 0; i < oh; i++) {
                        for (int j = 0; j < ow; j++) {
                            float acc = b[f];
                            for (int c = 0; c < s.c(); c++) {
                                int xBase = ((n * s.c()) + c) * s.h() * s.w();
                                int wBase = ((f * s.c()) + c) * s.kh() * s.kw();
                                for (int u = 0; u < s.kh(); u++) {
                                    int xr = xBase + (i * s.stride() + u) * s.w() + j * s.stride();
                                    int wr = wBase + u * s.kw();
                                    for (int v = 0; v < s.kw(); v++) {
                                        acc += x[xr + v] * w[wr + v];
                                    }
                                }
                            }
                            y[yBase + i * ow + j] = acc;
                        }
                    }
                }
            }
        });
    }

    /**
     * Gradients of the convolution. {@code dx} may be null (first layer: no input gradient needed);
     * otherwise it is overwritten. {@code dw} and {@code db} are overwritten.
     */
    public static void backward(Exec ex, ConvShape s, float[] x, float[] w, float[] dy,
                                float[] dx, float[] dw, float[] db) {
        int oh = s.oh();
        int ow = s.ow();
        if (dx != null) {
            ex.parallelFor(0, s.n(), (lo, hi) -> {
                Arrays.fill(dx, lo * s.c() * s.h() * s.w(), hi * s.c() * s.h() * s.w(), 0f);
                for (int n = lo; n < hi; n++) {
                    for (int f = 0; f < s.f(); f++) {
                        int yBase = ((n * s.f()) + f) * oh * ow;
                        for (int i = 0; i < oh; i++) {
                            for (int j = 0; j < ow; j++) {
                                float g = dy[yBase + i * ow + j];
                                for (int c = 0; c < s.c(); c++) {
                                    int xBase = ((n * s.c()) + c) * s.h() * s.w();
                                    int wBase = ((f * s.c()) + c) * s.kh() * s.kw();
                                    for (int u = 0; u < s.kh(); u++) {
                                        int xr = xBase + (i * s.stride() + u) * s.w() + j * s.stride();
                                        int wr = wBase + u * s.kw();
                                        for (int v = 0; v < s.kw(); v++) {
                                            dx[xr + v] += g * w[wr + v];
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            });
        }
        ex.parallelFor(0, s.f(), (lo, hi) -> {
            int per = s.c() * s.kh() * s.kw();
            Arrays.fill(dw, lo * per, hi * per, 0f);
            for (int f = lo; f < hi; f++) {
                float bsum = 0f;
                for (int n = 0; n < s.n(); n++) {
                    int yBase = ((n * s.f()) + f) * oh * ow;
                    for (int i = 0; i < oh; i++) {
                        for (int j = 0; j < ow; j++) {
                            float g = dy[yBase + i * ow + j];
                            bsum += g;
                            for (int c = 0; c < s.c(); c++) {
                                int xBase = ((n * s.c()) + c) * s.h() * s.w();
                                int wBase = ((f * s.c()) + c) * s.kh() * s.kw();
                                for (int u = 0; u < s.kh(); u++) {
                                    int xr = xBase + (i * s.stride() + u) * s.w() + j * s.stride();
                                    int wr = wBase + u * s.kw();
                                    for (int v = 0; v < s.kw(); v++) {
                                        dw[wr + v] += g * x[xr + v];
                                    }
                                }
                            }
                        }
                    }
                }
                db[f] = bsum;
            }
        });
    }
}
