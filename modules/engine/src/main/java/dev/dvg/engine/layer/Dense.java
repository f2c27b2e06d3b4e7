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
 */
public final class Dense implements Layer, Exec.RangeBody {

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
    // what run(lo, hi) does: add the bias to rows of Z (dz == null) or sum columns of dZ into db
    private Tensor z;
    private float[] dz;

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
        Gemm.ab(exec, n, h, d, x.data(), 0, w.value().data(), 0, zd, 0, false);
        this.z = z;
        this.dz = null;
        if ((long) n * h < PARALLEL_MIN_ELEMENTS) {
            run(0, n);
        } else {
            exec.parallelFor(0, n, this);
        }
        this.z = null;
        return z;
    }

    @Override
    public Tensor backward(Tensor dz) {
        int n = x.dim(0);
        float[] dzd = dz.data();
        Gemm.aTb(exec, d, h, n, x.data(), 0, dzd, 0, w.grad().data(), 0, false);
        this.dz = dzd;
        int blocks = (h + LANES - 1) / LANES;
        if ((long) n * h < PARALLEL_MIN_ELEMENTS || blocks < 2) {
            run(0, blocks);
        } else {
            exec.parallelFor(0, blocks, this);
        }
        this.dz = null;
        if (!needsInputGradient) {
            return null;
        }
        Tensor dx = dxBuf.get(n);
        Gemm.abT(exec, n, d, h, dzd, 0, w.value().data(), 0, dx.data(), 0, false);
        return dx;
    }

    /** Rows [lo, hi) of Z += b (forward), or db over column blocks [lo, hi) (backward). */
    @Override
    public void run(int lo, int hi) {
        if (dz == null) {
            Elementwise.addRowBias(hi - lo, h, z.data(), lo * h, b.value().data(), 0);
        } else {
            int n = x.dim(0);
            Elementwise.columnSums(n, h, lo * LANES, Math.min(h, hi * LANES), dz, 0, b.grad().data(), 0);
        }
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
