package dev.dvg.kernels;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

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
 * <h2>Stride 1: direct Vector-API kernels on "full-width" rows</h2>
 * With stride 1, an output position (i, j) is given the flat index q = i·W + j (the input's row
 * pitch, not OW), so that the input element under kernel tap (c, u, v) sits at the constant offset
 * {@code c·H·W + u·W + v} from q for every q. Each kernel then runs along q in whole vectors; the
 * columns j ≥ OW are computed and discarded (a waste of W/OW − 1: 17% for 28→24, 50% for 12→8),
 * in exchange for unit-stride loads and no im2col copy (measured ≈1.8× faster than im2col + GEMM on
 * this machine for LeNet's first layer, see NOTES-PERF.md).
 * <ul>
 *   <li>forward: 8 filters × 2 vectors of q in 16 accumulators, starting from the bias, one FMA per
 *       tap (c, u, v) in that order; parallel over images.</li>
 *   <li>dW: dy is first laid out full-width with zeros in the discarded columns; then each block of
 *       4 filters × 4 taps (16 accumulators) is one dot product over (n, q) for all images; the
 *       lanes are summed in lane order. Parallel over (filter block, tap block) units, each a
 *       complete reduction, so the result does not depend on the thread count.</li>
 *   <li>db: the same full-width dy summed along (n, q) in lanes, lanes summed in order.</li>
 *   <li>dx: gathered, not scattered: dx[c, r] = Σ_{u,v,f} w[f,c,u,v]·dy[f, r − u·W − v] over a dy
 *       copy padded with zeros in front; 4 channels × 2 vectors per block (1 × 4 when C &lt; 4);
 *       parallel over images.</li>
 * </ul>
 * Other strides use im2col + {@link Gemm} (forward Y = W·col, dW = Σ_n dY·colᵀ in image order,
 * dcol = Wᵀ·dY then col2im), correct for every shape, not tuned.
 *
 * <p>Every output element is reduced in an order fixed by the shape, so results are bit-identical
 * for any thread count. {@code dx} may be null (first layer); dw, db and dx are overwritten.
 */
public final class Conv2d {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    /** Filters per forward register block. */
    private static final int FB = 8;
    /** Filters and taps per dW register block. */
    private static final int WB = 4;
    /** Channels per dx register block. */
    private static final int CB = 4;

    private Conv2d() {
    }

    /** y = conv(x, w) + b. */
    public static void forward(Exec ex, ConvShape s, float[] x, float[] w, float[] b, float[] y) {
        checkArrays(s, x, w, y);
        requireLength("b", b, s.f());
        if (s.stride() == 1) {
            forwardDirect(ex, s, x, w, b, y);
        } else {
            forwardIm2col(ex, s, x, w, b, y);
        }
    }

    /**
     * Gradients of the convolution. {@code dx} may be null (first layer: no input gradient needed);
     * otherwise it is overwritten. {@code dw} and {@code db} are overwritten.
     */
    public static void backward(Exec ex, ConvShape s, float[] x, float[] w, float[] dy,
                                float[] dx, float[] dw, float[] db) {
        checkArrays(s, x, w, dy);
        requireLength("dw", dw, s.weightSize());
        requireLength("db", db, s.f());
        if (dx != null) {
            requireLength("dx", dx, s.inSize());
        }
        if (s.stride() == 1) {
            backwardDirect(ex, s, x, w, dy, dx, dw, db);
        } else {
            backwardIm2col(ex, s, x, w, dy, dx, dw, db);
        }
    }

    private static void checkArrays(ConvShape s, float[] x, float[] w, float[] y) {
        requireLength("x", x, s.inSize());
        requireLength("w", w, s.weightSize());
        requireLength("y/dy", y, s.outSize());
    }

    private static void requireLength(String name, float[] a, int size) {
        if (a == null || a.length < size) {
            throw new IllegalArgumentException("Conv2d: " + name + " must have at least " + size
                    + " elements, got " + (a == null ? "null" : a.length));
        }
    }

    private static int roundUp(int v, int m) {
        return (v + m - 1) / m * m;
    }

    // ------------------------------------------------------------------ stride 1, direct

    /** Offsets c·H·W + u·W + v of the taps, in (c, u, v) order. */
    private static int[] taps(ConvShape s, int[] into) {
        int t = 0;
        for (int c = 0; c < s.c(); c++) {
            for (int u = 0; u < s.kh(); u++) {
                for (int v = 0; v < s.kw(); v++) {
                    into[t++] = c * s.h() * s.w() + u * s.w() + v;
                }
            }
        }
        return into;
    }

    /**
     * Where to read image n from so that reading {@code span} floats past its start stays inside
     * the array: the caller's array, or (only near its end) a zero-padded copy in scratch.
     */
    private static float[] source(float[] x, int n, int chw, int span, Scratch sc) {
        int off = n * chw;
        if (off + span <= x.length) {
            return x;
        }
        float[] img = sc.floats(Scratch.IMAGE, span);
        System.arraycopy(x, off, img, 0, chw);
        Arrays.fill(img, chw, span, 0f);
        return img;
    }

    private static void forwardDirect(Exec ex, ConvShape s, float[] x, float[] w, float[] b, float[] y) {
        int hw = s.h() * s.w();
        int chw = s.c() * hw;
        int q = s.oh() * s.w();
        int qp = roundUp(q, 2 * L);
        int t = s.c() * s.kh() * s.kw();
        int groups = (s.f() + FB - 1) / FB;
        Scratch caller = Scratch.get();
        int[] toff = taps(s, caller.ints(Scratch.TAPS, t));
        // packed weights wp[g][t][FB] and bias bp[g][FB], zero for missing filters
        float[] wp = caller.floats(Scratch.WEIGHTS, groups * FB * (t + 1));
        Arrays.fill(wp, 0, groups * FB * (t + 1), 0f);
        int biasBase = groups * FB * t;
        for (int f = 0; f < s.f(); f++) {
            int g = f / FB;
            int r = f % FB;
            for (int tt = 0; tt < t; tt++) {
                wp[(g * t + tt) * FB + r] = w[f * t + tt];
            }
            wp[biasBase + f] = b[f];
        }
        Job j = Job.acquire(s);
        try {
            j.x = x;
            j.y = y;
            j.wp = wp;
            j.toff = toff;
            j.chw = chw;
            j.qp = qp;
            j.t = t;
            j.groups = groups;
            j.biasBase = biasBase;
            j.span = toff[t - 1] + qp;
            j.loop(Job.FORWARD, ex, s.n());
        } finally {
            j.release();
        }
    }

    /** 8 filters × 2 vectors of full-width positions, from the bias, one FMA per tap. */
    private static void forwardBlock(float[] x, int xo, int[] toff, int t, float[] wp, int wo, int bo,
                                     float[] out, int q0, int qp) {
        FloatVector a0 = FloatVector.broadcast(S, wp[bo]);
        FloatVector a1 = FloatVector.broadcast(S, wp[bo + 1]);
        FloatVector a2 = FloatVector.broadcast(S, wp[bo + 2]);
        FloatVector a3 = FloatVector.broadcast(S, wp[bo + 3]);
        FloatVector a4 = FloatVector.broadcast(S, wp[bo + 4]);
        FloatVector a5 = FloatVector.broadcast(S, wp[bo + 5]);
        FloatVector a6 = FloatVector.broadcast(S, wp[bo + 6]);
        FloatVector a7 = FloatVector.broadcast(S, wp[bo + 7]);
        FloatVector b0 = FloatVector.broadcast(S, wp[bo + 0]);
        FloatVector b1 = FloatVector.broadcast(S, wp[bo + 1]);
        FloatVector b2 = FloatVector.broadcast(S, wp[bo + 2]);
        FloatVector b3 = FloatVector.broadcast(S, wp[bo + 3]);
        FloatVector b4 = FloatVector.broadcast(S, wp[bo + 4]);
        FloatVector b5 = FloatVector.broadcast(S, wp[bo + 5]);
        FloatVector b6 = FloatVector.broadcast(S, wp[bo + 6]);
        FloatVector b7 = FloatVector.broadcast(S, wp[bo + 7]);
        for (int tt = 0; tt < t; tt++) {
            int xi = xo + toff[tt];
            FloatVector x0 = FloatVector.fromArray(S, x, xi);
            FloatVector x1 = FloatVector.fromArray(S, x, xi + L);
            int wi = wo + tt * FB;
            FloatVector wv = FloatVector.broadcast(S, wp[wi]);
            a0 = wv.fma(x0, a0);
            b0 = wv.fma(x1, b0);
            wv = FloatVector.broadcast(S, wp[wi + 1]);
            a1 = wv.fma(x0, a1);
            b1 = wv.fma(x1, b1);
            wv = FloatVector.broadcast(S, wp[wi + 2]);
            a2 = wv.fma(x0, a2);
            b2 = wv.fma(x1, b2);
            wv = FloatVector.broadcast(S, wp[wi + 3]);
            a3 = wv.fma(x0, a3);
            b3 = wv.fma(x1, b3);
            wv = FloatVector.broadcast(S, wp[wi + 4]);
            a4 = wv.fma(x0, a4);
            b4 = wv.fma(x1, b4);
            wv = FloatVector.broadcast(S, wp[wi + 5]);
            a5 = wv.fma(x0, a5);
            b5 = wv.fma(x1, b5);
            wv = FloatVector.broadcast(S, wp[wi + 6]);
            a6 = wv.fma(x0, a6);
            b6 = wv.fma(x1, b6);
            wv = FloatVector.broadcast(S, wp[wi + 7]);
            a7 = wv.fma(x0, a7);
            b7 = wv.fma(x1, b7);
        }
        a0.intoArray(out, q0);
        b0.intoArray(out, q0 + L);
        a1.intoArray(out, qp + q0);
        b1.intoArray(out, qp + q0 + L);
        a2.intoArray(out, 2 * qp + q0);
        b2.intoArray(out, 2 * qp + q0 + L);
        a3.intoArray(out, 3 * qp + q0);
        b3.intoArray(out, 3 * qp + q0 + L);
        a4.intoArray(out, 4 * qp + q0);
        b4.intoArray(out, 4 * qp + q0 + L);
        a5.intoArray(out, 5 * qp + q0);
        b5.intoArray(out, 5 * qp + q0 + L);
        a6.intoArray(out, 6 * qp + q0);
        b6.intoArray(out, 6 * qp + q0 + L);
        a7.intoArray(out, 7 * qp + q0);
        b7.intoArray(out, 7 * qp + q0 + L);
    }

    private static void backwardDirect(Exec ex, ConvShape s, float[] x, float[] w, float[] dy,
                                       float[] dx, float[] dw, float[] db) {
        int hw = s.h() * s.w();
        int chw = s.c() * hw;
        int q = s.oh() * s.w();
        int qp = roundUp(q, L);
        int t = s.c() * s.kh() * s.kw();
        int fPad = roundUp(s.f(), WB);
        Scratch caller = Scratch.get();
        int[] toff = taps(s, caller.ints(Scratch.TAPS, t));
        int tBlocks = (t + WB - 1) / WB;
        Job j = Job.acquire(s);
        try {
            j.x = x;
            j.dy = dy;
            j.dw = dw;
            j.db = db;
            // full-width dy: dyp[n][fPad][qp], zeros in columns j >= OW, past q and in padded filters
            j.dyp = caller.floats(Scratch.DY, s.n() * fPad * qp);
            j.toff = toff;
            j.chw = chw;
            j.qp = qp;
            j.t = t;
            j.fPad = fPad;
            j.tBlocks = tBlocks;
            j.span = toff[t - 1] + qp;
            j.loop(Job.DY_FULL_WIDTH, ex, s.n());
            j.loop(Job.DW, ex, fPad / WB * tBlocks);
            j.loop(Job.DB, ex, s.f());
        } finally {
            j.release();
        }
        if (dx != null) {
            backwardDx(ex, s, w, dy, dx);
        }
    }

    /**
     * dW for filters f0..f0+3 and taps t0..t0+3: 16 dot products over all images and positions,
     * kept as lane sums in {@code lanes} (one vector per (filter, tap)) image after image, then summed
     * over lanes in lane order.
     */
    private static void dwBlock(ConvShape s, float[] x, int chw, int span, float[] dyp, int fPad, int qp,
                                int[] toff, int t, int f0, int t0, float[] lanes, float[] dw, Scratch sc) {
        // taps past the end reuse the last tap's offset; their sums are discarded
        int o0 = toff[Math.min(t0, t - 1)];
        int o1 = toff[Math.min(t0 + 1, t - 1)];
        int o2 = toff[Math.min(t0 + 2, t - 1)];
        int o3 = toff[Math.min(t0 + 3, t - 1)];
        Arrays.fill(lanes, 0, WB * WB * L, 0f);
        for (int n = 0; n < s.n(); n++) {
            float[] src = source(x, n, chw, span, sc);
            int xo = src == x ? n * chw : 0;
            dwImage(src, xo + o0, xo + o1, xo + o2, xo + o3, dyp, (n * fPad + f0) * qp, qp, lanes);
        }
        for (int r = 0; r < WB; r++) {
            int f = f0 + r;
            if (f >= s.f()) {
                break;
            }
            for (int c = 0; c < WB; c++) {
                int tt = t0 + c;
                if (tt < t) {
                    dw[f * t + tt] = Gemm.laneSum(lanes, (r * WB + c) * L);
                }
            }
        }
    }

    /**
     * One image's contribution to a 4×4 dW block: lanes[(r·4 + c)·L + l] += Σ_p dy[r, p]·x[c, p]
     * over p ≡ l (mod L). A single loop with accumulators loaded from and stored to memory: C2 on
     * JDK 17 failed to intrinsify FMAs whose accumulators crossed nested loops.
     */
    private static void dwImage(float[] x, int x0o, int x1o, int x2o, int x3o, float[] dyp, int d0, int qp,
                                float[] lanes) {
        FloatVector s00 = FloatVector.fromArray(S, lanes, 0);
        FloatVector s01 = FloatVector.fromArray(S, lanes, L);
        FloatVector s02 = FloatVector.fromArray(S, lanes, 2 * L);
        FloatVector s03 = FloatVector.fromArray(S, lanes, 3 * L);
        FloatVector s10 = FloatVector.fromArray(S, lanes, 4 * L);
        FloatVector s11 = FloatVector.fromArray(S, lanes, 5 * L);
        FloatVector s12 = FloatVector.fromArray(S, lanes, 6 * L);
        FloatVector s13 = FloatVector.fromArray(S, lanes, 7 * L);
        FloatVector s20 = FloatVector.fromArray(S, lanes, 8 * L);
        FloatVector s21 = FloatVector.fromArray(S, lanes, 9 * L);
        FloatVector s22 = FloatVector.fromArray(S, lanes, 10 * L);
        FloatVector s23 = FloatVector.fromArray(S, lanes, 11 * L);
        FloatVector s30 = FloatVector.fromArray(S, lanes, 12 * L);
        FloatVector s31 = FloatVector.fromArray(S, lanes, 13 * L);
        FloatVector s32 = FloatVector.fromArray(S, lanes, 14 * L);
        FloatVector s33 = FloatVector.fromArray(S, lanes, 15 * L);
        for (int p = 0; p < qp; p += L) {
            FloatVector x0 = FloatVector.fromArray(S, x, x0o + p);
            FloatVector x1 = FloatVector.fromArray(S, x, x1o + p);
            FloatVector x2 = FloatVector.fromArray(S, x, x2o + p);
            FloatVector x3 = FloatVector.fromArray(S, x, x3o + p);
            FloatVector d = FloatVector.fromArray(S, dyp, d0 + p);
            s00 = d.fma(x0, s00);
            s01 = d.fma(x1, s01);
            s02 = d.fma(x2, s02);
            s03 = d.fma(x3, s03);
            d = FloatVector.fromArray(S, dyp, d0 + qp + p);
            s10 = d.fma(x0, s10);
            s11 = d.fma(x1, s11);
            s12 = d.fma(x2, s12);
            s13 = d.fma(x3, s13);
            d = FloatVector.fromArray(S, dyp, d0 + 2 * qp + p);
            s20 = d.fma(x0, s20);
            s21 = d.fma(x1, s21);
            s22 = d.fma(x2, s22);
            s23 = d.fma(x3, s23);
            d = FloatVector.fromArray(S, dyp, d0 + 3 * qp + p);
            s30 = d.fma(x0, s30);
            s31 = d.fma(x1, s31);
            s32 = d.fma(x2, s32);
            s33 = d.fma(x3, s33);
        }
        s00.intoArray(lanes, 0);
        s01.intoArray(lanes, L);
        s02.intoArray(lanes, 2 * L);
        s03.intoArray(lanes, 3 * L);
        s10.intoArray(lanes, 4 * L);
        s11.intoArray(lanes, 5 * L);
        s12.intoArray(lanes, 6 * L);
        s13.intoArray(lanes, 7 * L);
        s20.intoArray(lanes, 8 * L);
        s21.intoArray(lanes, 9 * L);
        s22.intoArray(lanes, 10 * L);
        s23.intoArray(lanes, 11 * L);
        s30.intoArray(lanes, 12 * L);
        s31.intoArray(lanes, 13 * L);
        s32.intoArray(lanes, 14 * L);
        s33.intoArray(lanes, 15 * L);
    }

    /** lanes[l] += Σ_p a[off + p] over p ≡ l (mod L), p < len (a multiple of L). */
    private static void sumInto(float[] a, int off, int len, float[] lanes) {
        FloatVector acc = FloatVector.fromArray(S, lanes, 0);
        for (int p = 0; p < len; p += L) {
            acc = acc.add(FloatVector.fromArray(S, a, off + p));
        }
        acc.intoArray(lanes, 0);
    }

    /**
     * dx[n,c,r] = Σ_{u,v} Σ_f w[f,c,u,v]·dy'[n,f,r − u·W − v] with dy' the full-width dy (zeros in
     * columns ≥ OW and outside the image), per image on its thread.
     */
    private static void backwardDx(Exec ex, ConvShape s, float[] w, float[] dy, float[] dx) {
        int nf = s.f();
        int kk = s.kh() * s.kw();
        // channel block: 4 channels × 2 vectors, or 1 channel × 4 vectors when there are few channels
        int cw = s.c() >= CB ? CB : 1;
        int chunk = cw == CB ? 2 * L : 4 * L;
        int front = (s.kh() - 1) * s.w() + s.kw() - 1;
        int hwp = roundUp(s.h() * s.w(), chunk);
        int ds = front + hwp;
        int cBlocks = (s.c() + cw - 1) / cw;
        Scratch caller = Scratch.get();
        // packed weights wq[cb][u,v][f][cw], zero for missing channels
        int wqSize = cBlocks * kk * nf * cw;
        float[] wq = caller.floats(Scratch.WEIGHTS, wqSize);
        Arrays.fill(wq, 0, wqSize, 0f);
        for (int f = 0; f < nf; f++) {
            for (int c = 0; c < s.c(); c++) {
                for (int uv = 0; uv < kk; uv++) {
                    wq[(((c / cw) * kk + uv) * nf + f) * cw + c % cw] = w[(f * s.c() + c) * kk + uv];
                }
            }
        }
        // (u, v, f) flattened: offset of dy'[f, r − u·W − v] relative to r, in the loop's order
        int[] shifts = caller.ints(Scratch.TAPS, kk * nf);
        for (int u = 0, e = 0; u < s.kh(); u++) {
            for (int v = 0; v < s.kw(); v++) {
                for (int f = 0; f < nf; f++, e++) {
                    shifts[e] = f * ds - u * s.w() - v;
                }
            }
        }
        Job j = Job.acquire(s);
        try {
            j.dy = dy;
            j.dx = dx;
            j.wq = wq;
            j.shifts = shifts;
            j.cw = cw;
            j.chunk = chunk;
            j.front = front;
            j.hwp = hwp;
            j.ds = ds;
            j.cBlocks = cBlocks;
            j.loop(Job.DX, ex, s.n());
        } finally {
            j.release();
        }
    }

    /** 1 channel × 4 vectors of input positions of dx, summed over (u, v, f) in that order. */
    private static void dxBlock1(float[] dyg, int base, int[] shifts, int terms, float[] wq, int wo,
                                 float[] out, int r0) {
        FloatVector a0 = FloatVector.zero(S);
        FloatVector a1 = FloatVector.zero(S);
        FloatVector a2 = FloatVector.zero(S);
        FloatVector a3 = FloatVector.zero(S);
        for (int e = 0; e < terms; e++) {
            int di = base + shifts[e];
            FloatVector wv = FloatVector.broadcast(S, wq[wo + e]);
            a0 = wv.fma(FloatVector.fromArray(S, dyg, di), a0);
            a1 = wv.fma(FloatVector.fromArray(S, dyg, di + L), a1);
            a2 = wv.fma(FloatVector.fromArray(S, dyg, di + 2 * L), a2);
            a3 = wv.fma(FloatVector.fromArray(S, dyg, di + 3 * L), a3);
        }
        a0.intoArray(out, r0);
        a1.intoArray(out, r0 + L);
        a2.intoArray(out, r0 + 2 * L);
        a3.intoArray(out, r0 + 3 * L);
    }

    /** 4 channels × 2 vectors of input positions of dx, summed over (u, v, f) in that order. */
    private static void dxBlock(float[] dyg, int base, int[] shifts, int terms, float[] wq, int wo,
                                float[] out, int r0, int hwp) {
        FloatVector a0 = FloatVector.zero(S);
        FloatVector a1 = FloatVector.zero(S);
        FloatVector a2 = FloatVector.zero(S);
        FloatVector a3 = FloatVector.zero(S);
        FloatVector b0 = FloatVector.zero(S);
        FloatVector b1 = FloatVector.zero(S);
        FloatVector b2 = FloatVector.zero(S);
        FloatVector b3 = FloatVector.zero(S);
        for (int e = 0; e < terms; e++) {
            int di = base + shifts[e];
            int wi = wo + e * CB;
            FloatVector d0 = FloatVector.fromArray(S, dyg, di);
            FloatVector d1 = FloatVector.fromArray(S, dyg, di + L);
            FloatVector wv = FloatVector.broadcast(S, wq[wi]);
            a0 = wv.fma(d0, a0);
            b0 = wv.fma(d1, b0);
            wv = FloatVector.broadcast(S, wq[wi + 1]);
            a1 = wv.fma(d0, a1);
            b1 = wv.fma(d1, b1);
            wv = FloatVector.broadcast(S, wq[wi + 2]);
            a2 = wv.fma(d0, a2);
            b2 = wv.fma(d1, b2);
            wv = FloatVector.broadcast(S, wq[wi + 3]);
            a3 = wv.fma(d0, a3);
            b3 = wv.fma(d1, b3);
        }
        a0.intoArray(out, r0);
        b0.intoArray(out, r0 + L);
        a1.intoArray(out, hwp + r0);
        b1.intoArray(out, hwp + r0 + L);
        a2.intoArray(out, 2 * hwp + r0);
        b2.intoArray(out, 2 * hwp + r0 + L);
        a3.intoArray(out, 3 * hwp + r0);
        b3.intoArray(out, 3 * hwp + r0 + L);
    }

    // ------------------------------------------------------------------ any stride, im2col + GEMM

    /** col[(c,u,v), (i,j)] = x[n, c, i·s+u, j·s+v]. */
    private static void im2col(ConvShape s, float[] x, int n, float[] col) {
        int oh = s.oh();
        int ow = s.ow();
        int p = oh * ow;
        int row = 0;
        for (int c = 0; c < s.c(); c++) {
            int xBase = (n * s.c() + c) * s.h() * s.w();
            for (int u = 0; u < s.kh(); u++) {
                for (int v = 0; v < s.kw(); v++, row++) {
                    for (int i = 0; i < oh; i++) {
                        int src = xBase + (i * s.stride() + u) * s.w() + v;
                        int dst = row * p + i * ow;
                        for (int j = 0; j < ow; j++) {
                            col[dst + j] = x[src + j * s.stride()];
                        }
                    }
                }
            }
        }
    }

    private static void forwardIm2col(Exec ex, ConvShape s, float[] x, float[] w, float[] b, float[] y) {
        Job j = Job.acquire(s);
        try {
            j.x = x;
            j.w = w;
            j.b = b;
            j.y = y;
            j.t = s.c() * s.kh() * s.kw();
            j.loop(Job.FORWARD_IM2COL, ex, s.n());
        } finally {
            j.release();
        }
    }

    private static void backwardIm2col(Exec ex, ConvShape s, float[] x, float[] w, float[] dy,
                                       float[] dx, float[] dw, float[] db) {
        int p = s.oh() * s.ow();
        int t = s.c() * s.kh() * s.kw();
        float[] col = Scratch.get().floats(Scratch.COL, t * p);
        for (int n = 0; n < s.n(); n++) {
            im2col(s, x, n, col);
            Gemm.abT(ex, s.f(), t, p, dy, n * s.f() * p, col, 0, dw, 0, n > 0);
        }
        for (int f = 0; f < s.f(); f++) {
            float sum = 0f;
            for (int n = 0; n < s.n(); n++) {
                int base = (n * s.f() + f) * p;
                for (int q = 0; q < p; q++) {
                    sum += dy[base + q];
                }
            }
            db[f] = sum;
        }
        if (dx == null) {
            return;
        }
        Job j = Job.acquire(s);
        try {
            j.w = w;
            j.dy = dy;
            j.dx = dx;
            j.t = t;
            j.loop(Job.DX_IM2COL, ex, s.n());
        } finally {
            j.release();
        }
    }

    // ------------------------------------------------------------------ parallel loop bodies

    /**
     * The operands of one kernel call as a reusable loop body, so a parallel loop allocates nothing
     * (a capturing lambda is a new object per loop, and a stride-1 layer runs up to five loops per
     * training step: with the pool layers' lambdas, ~600 B per LeNet step). One per caller thread;
     * a call made while that one is in use (a convolution inside a parallel body) gets a fresh one.
     * The caller fills the fields a loop reads (named as the locals they come from) before
     * {@link #loop}; the workers see them because {@code Exec} publishes each loop with a volatile
     * write.
     */
    private static final class Job {
        /** Stride 1 forward, over images. */
        static final int FORWARD = 0;
        /** Stride 1: dy laid out full width into dyp, over images. */
        static final int DY_FULL_WIDTH = 1;
        /** Stride 1 dW, over (filter block, tap block) units. */
        static final int DW = 2;
        /** Stride 1 db, over filters. */
        static final int DB = 3;
        /** Stride 1 dx, over images. */
        static final int DX = 4;
        /** Any stride: forward by im2col + GEMM, over images. */
        static final int FORWARD_IM2COL = 5;
        /** Any stride: dx by GEMM + col2im, over images. */
        static final int DX_IM2COL = 6;
        private static final ThreadLocal<Job> OWN = ThreadLocal.withInitial(Job::new);

        private boolean inUse;
        private ConvShape s;
        private float[] x;
        private float[] w;
        private float[] b;
        private float[] y;
        private float[] dy;
        private float[] dx;
        private float[] dw;
        private float[] db;
        /** Full-width dy of the stride-1 backward pass. */
        private float[] dyp;
        /** Packed weights and bias of the stride-1 forward pass. */
        private float[] wp;
        /** Packed weights of the stride-1 dx. */
        private float[] wq;
        /** Tap offsets (stride-1 forward and dW). */
        private int[] toff;
        /** dy' offsets of the (u, v, f) terms (stride-1 dx). */
        private int[] shifts;
        private int chw;
        private int span;
        private int qp;
        private int t;
        private int groups;
        private int biasBase;
        private int fPad;
        private int tBlocks;
        private int cw;
        private int chunk;
        private int front;
        private int hwp;
        private int ds;
        private int cBlocks;
        /**
         * One loop body per mode, indexed by mode: each typed as the interface (see {@link Exec},
         * "The body"), and each a compiled method of its own, so C2 never compiles every mode's
         * vector code as one unit, where seven modes' worth of inlined Vector-API calls could run
         * into the inlining node limit.
         */
        private final Exec.RangeBody[] bodies = {this::forwardImages, this::dyFullWidthImages, this::dwUnits,
                this::dbFilters, this::dxImages, this::forwardIm2colImages, this::dxIm2colImages};

        static Job acquire(ConvShape s) {
            Job j = OWN.get();
            if (j.inUse) {
                j = new Job();
            }
            j.inUse = true;
            j.s = s;
            return j;
        }

        /** Forgets the operands (so a finished call's arrays can be collected). */
        void release() {
            s = null;
            x = null;
            w = null;
            b = null;
            y = null;
            dy = null;
            dx = null;
            dw = null;
            db = null;
            dyp = null;
            wp = null;
            wq = null;
            toff = null;
            shifts = null;
            inUse = false;
        }

        /** Runs loop {@code loop} (one of the modes above) over {@code [0, n)} on {@code ex}. */
        void loop(int loop, Exec ex, int n) {
            ex.parallelFor(0, n, bodies[loop]);
        }

        private void forwardImages(int lo, int hi) {
            int oh = s.oh();
            int ow = s.ow();
            Scratch sc = Scratch.get();
            float[] out = sc.floats(Scratch.OUT, FB * qp);
            for (int n = lo; n < hi; n++) {
                float[] src = source(x, n, chw, span, sc);
                int xo = src == x ? n * chw : 0;
                for (int g = 0; g < groups; g++) {
                    for (int q0 = 0; q0 < qp; q0 += 2 * L) {
                        forwardBlock(src, xo + q0, toff, t, wp, g * t * FB, biasBase + g * FB, out, q0, qp);
                    }
                    int fEnd = Math.min(s.f(), (g + 1) * FB);
                    for (int f = g * FB; f < fEnd; f++) {
                        int yBase = (n * s.f() + f) * oh * ow;
                        int oBase = (f - g * FB) * qp;
                        for (int i = 0; i < oh; i++) {
                            System.arraycopy(out, oBase + i * s.w(), y, yBase + i * ow, ow);
                        }
                    }
                }
            }
        }

        private void dyFullWidthImages(int lo, int hi) {
            int oh = s.oh();
            int ow = s.ow();
            int nf = s.f();
            Arrays.fill(dyp, lo * fPad * qp, hi * fPad * qp, 0f);
            for (int n = lo; n < hi; n++) {
                for (int f = 0; f < nf; f++) {
                    int src = (n * nf + f) * oh * ow;
                    int dst = (n * fPad + f) * qp;
                    for (int i = 0; i < oh; i++) {
                        System.arraycopy(dy, src + i * ow, dyp, dst + i * s.w(), ow);
                    }
                }
            }
        }

        private void dwUnits(int lo, int hi) {
            Scratch sc = Scratch.get();
            float[] lanes = sc.floats(Scratch.OUT, WB * WB * L);
            for (int unit = lo; unit < hi; unit++) {
                int fb = unit / tBlocks;
                int tb = unit % tBlocks;
                dwBlock(s, x, chw, span, dyp, fPad, qp, toff, t, fb * WB, tb * WB, lanes, dw, sc);
            }
        }

        private void dbFilters(int lo, int hi) {
            float[] lanes = Scratch.get().floats(Scratch.OUT, L);
            for (int f = lo; f < hi; f++) {
                Arrays.fill(lanes, 0, L, 0f);
                for (int n = 0; n < s.n(); n++) {
                    sumInto(dyp, (n * fPad + f) * qp, qp, lanes);
                }
                db[f] = Gemm.laneSum(lanes, 0);
            }
        }

        private void dxImages(int lo, int hi) {
            int hw = s.h() * s.w();
            int oh = s.oh();
            int ow = s.ow();
            int nf = s.f();
            int kk = s.kh() * s.kw();
            Scratch sc = Scratch.get();
            float[] dyg = sc.floats(Scratch.COL, nf * ds);
            float[] out = sc.floats(Scratch.OUT, cw * hwp);
            for (int n = lo; n < hi; n++) {
                Arrays.fill(dyg, 0, nf * ds, 0f);
                for (int f = 0; f < nf; f++) {
                    int src = (n * nf + f) * oh * ow;
                    for (int i = 0; i < oh; i++) {
                        System.arraycopy(dy, src + i * ow, dyg, f * ds + front + i * s.w(), ow);
                    }
                }
                for (int cb = 0; cb < cBlocks; cb++) {
                    int wo = cb * kk * nf * cw;
                    for (int r0 = 0; r0 < hwp; r0 += chunk) {
                        if (cw == CB) {
                            dxBlock(dyg, front + r0, shifts, kk * nf, wq, wo, out, r0, hwp);
                        } else {
                            dxBlock1(dyg, front + r0, shifts, kk * nf, wq, wo, out, r0);
                        }
                    }
                    int cEnd = Math.min(s.c(), (cb + 1) * cw);
                    for (int c = cb * cw; c < cEnd; c++) {
                        System.arraycopy(out, (c - cb * cw) * hwp, dx, (n * s.c() + c) * hw, hw);
                    }
                }
            }
        }

        private void forwardIm2colImages(int lo, int hi) {
            int p = s.oh() * s.ow();
            float[] col = Scratch.get().floats(Scratch.COL, t * p);
            for (int n = lo; n < hi; n++) {
                im2col(s, x, n, col);
                int yo = n * s.f() * p;
                for (int f = 0; f < s.f(); f++) {
                    Arrays.fill(y, yo + f * p, yo + (f + 1) * p, b[f]);
                }
                Gemm.ab(Exec.serial(), s.f(), p, t, w, 0, col, 0, y, yo, true);
            }
        }

        private void dxIm2colImages(int lo, int hi) {
            int p = s.oh() * s.ow();
            float[] dcol = Scratch.get().floats(Scratch.OUT, t * p);
            for (int n = lo; n < hi; n++) {
                Gemm.aTb(Exec.serial(), t, p, s.f(), w, 0, dy, n * s.f() * p, dcol, 0, false);
                int xo = n * s.c() * s.h() * s.w();
                Arrays.fill(dx, xo, xo + s.c() * s.h() * s.w(), 0f);
                int row = 0;
                for (int c = 0; c < s.c(); c++) {
                    int xBase = xo + c * s.h() * s.w();
                    for (int u = 0; u < s.kh(); u++) {
                        for (int v = 0; v < s.kw(); v++, row++) {
                            for (int i = 0; i < s.oh(); i++) {
                                int dst = xBase + (i * s.stride() + u) * s.w() + v;
                                int src = row * p + i * s.ow();
                                for (int j = 0; j < s.ow(); j++) {
                                    dx[dst + j * s.stride()] += dcol[src + j];
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
