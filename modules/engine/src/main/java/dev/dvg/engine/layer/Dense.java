package dev.dvg.engine.layer;

import dev.dvg.engine.Tensor;
import dev.dvg.engine.nn.Param;
import dev.dvg.engine.spec.DenseSpec;
import dev.dvg.engine.spec.LayerSpec;
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
public final class Dense implements Layer {

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
        float[] bd = b.value().data();
        for (int i = 0; i < n; i++) {
            int row = i * h;
            for (int j = 0; j < h; j++) {
                zd[row + j] += bd[j];
            }
        }
        return z;
    }

    @Override
    public Tensor backward(Tensor dz) {
        int n = x.dim(0);
        float[] dzd = dz.data();
        Gemm.aTb(exec, d, h, n, x.data(), 0, dzd, 0, w.grad().data(), 0, false);
        float[] db = b.grad().data();
        java.util.Arrays.fill(db, 0, h, 0f);
        for (int i = 0; i < n; i++) {
            int row = i * h;
            for (int j = 0; j < h; j++) {
                db[j] += dzd[row + j];
            }
        }
        if (!needsInputGradient) {
            return null;
        }
        Tensor dx = dxBuf.get(n);
        Gemm.abT(exec, n, d, h, dzd, 0, w.value().data(), 0, dx.data(), 0, false);
        return dx;
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
