package dev.dvg.engine.layer;

import dev.dvg.engine.Tensor;
import dev.dvg.engine.nn.Param;
import dev.dvg.engine.spec.DenseSpec;
import dev.dvg.engine.spec.LayerSpec;
import dev.dvg.kernels.Elementwise;
import dev.dvg.kernels.Exec;
import dev.dvg.kernels.Gemm;

import java.util.List;

/**
 * Fully connected layer.
 *
 * <pre>
 *   forward   Z[N×H]  = X[N×D] · W[D×H] + b[H]
 *   backward  dW[D×H] = Xᵀ · dZ
 *             db[H]   = Σ_n dZ[n,:]            (summed in example order)
 *             dX[N×D] = dZ · Wᵀ
 * </pre>
 *
 * W is row-major [D×H] (DL4J stores the same matrix [nIn, nOut] in 'f' order).
 *
 * <p>A {@linkplain Tensor#isConstant() constant} input that comes again (the same array in two
 * consecutive training calls: full-batch training's data set) is packed once for both products
 * ({@link Gemm#prepackAb}, {@link Gemm#prepackATb}) and the panels are kept while that array keeps
 * coming: the same numbers without packing X twice per step (MNIST at full batch: ~180 MB held;
 * when it came, X·W and Xᵀ·dZ took 64 and 65 ms instead of 114 and 119 at 2 threads).
 * Fresh minibatches, constant or not, are never packed ahead.
 *
 * <p>When a ReLU layer follows (see {@link Layers#fuse}), this layer also applies max(0, ·) and
 * outputs A = max(0, Z) in place of Z, which nothing else reads: where the product's shape allows
 * ({@link Gemm#abFusesEpilogue}), bias and ReLU are applied to each block of the product while it
 * is in cache, instead of a bias pass and a ReLU pass over the whole output (mnist-mlp256 at full
 * batch, 2 threads, 3 alternating runs: 182 → 172 ms per step; its 60,000 × 256 output is 61 MB);
 * otherwise in one pass after it.
 *
 * <p>When a ReLU layer comes before (its output A is this layer's X), backward returns that ReLU's
 * input gradient dX ⊙ [X &gt; 0] instead of dX, masking each block of dZ·Wᵀ while it is in cache
 * ({@link Gemm#abTMasked}), and the ReLU layer passes it on: mnist-mlp256 at full batch writes,
 * reads and writes again 61 MB less per step.
 */
public final class Dense implements Layer {

    /** Below this many elements the bias passes run on the caller's thread only. */
    static final int PARALLEL_MIN_ELEMENTS = 1 << 15;
    private static final int LANES = 16; // column blocks of the bias gradient: one AVX-512 vector

    private final DenseSpec spec;
    private final Exec exec;
    private final int d;
    private final int h;
    private final Param w;
    private final Param b;
    private final Buffer out;
    private final Buffer dxBuf;
    private final int[] in;
    private Tensor x;
    private boolean needsInputGradient = true;
    private boolean rectify; // a ReLU layer follows and takes this layer's output as its own
    private boolean maskInputGradient; // a ReLU layer comes before: dX is masked by [X > 0] here
    // what run(lo, hi) does: add the bias to rows of Z (dz == null) or sum columns of dZ into db
    private Tensor z;
    private float[] dz;
    // X packed for X·W and for Xᵀ·dZ, when a constant input comes again
    private Gemm.PackedA packedX;
    private Gemm.PackedA packedXt;
    private float[] lastConstant; // the previous call's constant input array
    private boolean inputRepeats; // this call's input is that array again
    /** {@link #run} as the loop body, typed as the interface (see {@link Exec}, "The body"). */
    private final Exec.RangeBody body = this::run;

    public Dense(DenseSpec spec, int inputFeatures, Exec exec, String namePrefix) {
        this.spec = spec;
        this.exec = exec;
        this.d = inputFeatures;
        this.h = spec.units();
        this.in = new int[]{inputFeatures};
        this.w = new Param(namePrefix + "W", Tensor.zeros(d, h), Tensor.zeros(d, h), true);
        this.b = new Param(namePrefix + "b", Tensor.zeros(h), Tensor.zeros(h), false);
        this.out = new Buffer(new int[]{h});
        this.dxBuf = new Buffer(new int[]{d});
    }

    @Override
    public LayerSpec spec() {
        return spec;
    }

    @Override
    public int[] inputShape() {
        return new int[]{d};
    }

    @Override
    public int[] outputShape() {
        return new int[]{h};
    }

    @Override
    public Tensor forward(Tensor x, boolean training) {
        int n = Shapes.batch(x, in, "dense");
        this.x = x;
        Tensor z = out.get(n);
        float[] zd = z.data();
        float[] xd = x.data();
        noteInput(x, training);
        float[] wd = w.value().data();
        boolean fused = Gemm.abFusesEpilogue(n, h, d);
        if (inputRepeats && Gemm.abPacksA(n, h, d)) {
            if (packedX == null || !packedX.isOf(xd, 0, n, d)) {
                packedX = Gemm.prepackAb(exec, n, d, xd, 0);
            }
            if (fused) {
                Gemm.abBias(exec, n, h, d, packedX, wd, 0, zd, 0, b.value().data(), 0, rectify);
            } else {
                Gemm.ab(exec, n, h, d, packedX, wd, 0, zd, 0, false);
            }
        } else if (fused) {
            Gemm.abBias(exec, n, h, d, xd, 0, wd, 0, zd, 0, b.value().data(), 0, rectify);
        } else {
            Gemm.ab(exec, n, h, d, xd, 0, wd, 0, zd, 0, false);
        }
        if (fused) {
            return z;
        }
        this.z = z;
        this.dz = null;
        if ((long) n * h < PARALLEL_MIN_ELEMENTS) {
            run(0, n);
        } else {
            exec.parallelFor(0, n, body);
        }
        this.z = null;
        return z;
    }

    @Override
    public Tensor backward(Tensor dz) {
        int n = x.dim(0);
        float[] dzd = dz.data();
        float[] xd = x.data();
        if (inputRepeats && Gemm.aTbPacksA(d, h, n)) {
            if (packedXt == null || !packedXt.isOf(xd, 0, d, n)) {
                packedXt = Gemm.prepackATb(exec, d, n, xd, 0);
            }
            Gemm.aTb(exec, d, h, n, packedXt, dzd, 0, w.grad().data(), 0, false);
        } else {
            Gemm.aTb(exec, d, h, n, xd, 0, dzd, 0, w.grad().data(), 0, false);
        }
        this.dz = dzd;
        int blocks = (h + LANES - 1) / LANES;
        if ((long) n * h < PARALLEL_MIN_ELEMENTS || blocks < 2) {
            run(0, blocks);
        } else {
            exec.parallelFor(0, blocks, body);
        }
        this.dz = null;
        if (!needsInputGradient) {
            return null;
        }
        Tensor dx = dxBuf.get(n);
        if (maskInputGradient) {
            Gemm.abTMasked(exec, n, d, h, dzd, 0, w.value().data(), 0, dx.data(), 0, xd, 0);
        } else {
            Gemm.abT(exec, n, d, h, dzd, 0, w.value().data(), 0, dx.data(), 0, false);
        }
        return dx;
    }

    /**
     * Sets {@link #inputRepeats} for a training call: a constant input whose array the previous
     * training call also had. A different constant array drops the panels of the old one.
     */
    private void noteInput(Tensor x, boolean training) {
        if (!training) {
            inputRepeats = false;
            return;
        }
        float[] xd = x.data();
        inputRepeats = x.isConstant() && xd == lastConstant;
        if (x.isConstant() && !inputRepeats) {
            packedX = null;
            packedXt = null;
        }
        lastConstant = x.isConstant() ? xd : null;
    }

    /** Rows [lo, hi) of Z += b (and max(0, ·)) (forward), or db over column blocks [lo, hi) (backward). */
    private void run(int lo, int hi) {
        if (dz == null) {
            Elementwise.addRowBias(hi - lo, h, z.data(), lo * h, b.value().data(), 0);
            if (rectify) {
                Elementwise.reluForward(z.data(), z.data(), lo * h, (hi - lo) * h);
            }
        } else {
            int n = x.dim(0);
            Elementwise.columnSums(n, h, lo * LANES, Math.min(h, hi * LANES), dz, 0, b.grad().data(), 0);
        }
    }

    /** Makes forward output max(0, X·W + b): the following ReLU layer's work (see {@link Layers#fuse}). */
    void rectifyOutput() {
        this.rectify = true;
    }

    /**
     * Makes backward return dX ⊙ [X &gt; 0], the input gradient of the ReLU layer before this one
     * (whose output X is), so that layer passes it on (see {@link Layers#fuse}).
     */
    void maskInputGradient() {
        this.maskInputGradient = true;
    }

    /** Bytes held by the packed panels of a constant input (0 when there are none). */
    public long packedInputBytes() {
        return (packedX == null ? 0 : packedX.bytes()) + (packedXt == null ? 0 : packedXt.bytes());
    }

    @Override
    public List<Param> params() {
        return List.of(w, b);
    }

    @Override
    public void setNeedsInputGradient(boolean needed) {
        this.needsInputGradient = needed;
    }
}
