package dev.dvg.engine.layer;

import dev.dvg.engine.Tensor;
import dev.dvg.engine.nn.Param;
import dev.dvg.engine.spec.Conv2dSpec;
import dev.dvg.engine.spec.LayerSpec;
import dev.dvg.kernels.ConvShape;
import dev.dvg.kernels.Exec;

import java.util.List;

/**
 * Valid 2-D convolution (cross-correlation), NCHW, computed by {@link dev.dvg.kernels.Conv2d}.
 *
 * <pre>
 *   forward   Y[n,f,i,j] = b[f] + Σ_{c,u,v} X[n,c,i·s+u,j·s+v] · W[f,c,u,v]
 *             X [N,C,H,W] → Y [N,F,OH,OW],  OH = (H−KH)/s + 1,  OW = (W−KW)/s + 1
 *   backward  dW[f,c,u,v] = Σ_{n,i,j} dY[n,f,i,j] · X[n,c,i·s+u,j·s+v]
 *             db[f]       = Σ_{n,i,j} dY[n,f,i,j]
 *             dX[n,c,i·s+u,j·s+v] += dY[n,f,i,j] · W[f,c,u,v]
 * </pre>
 *
 * W is [F,C,KH,KW] row-major, the layout of DL4J's c-order conv weights (DL4J stores b first).
 */
public final class Conv2d implements Layer {

    private final Conv2dSpec spec;
    private final Exec exec;
    private final ConvShape shape1;
    private final Param w;
    private final Param b;
    private final Buffer out;
    private final Buffer dxBuf;
    private final int[] in;
    private Tensor x;
    private ConvShape shapeN;
    private boolean needsInputGradient = true;

    /** @param in per-example input shape [C,H,W] */
    public Conv2d(Conv2dSpec spec, int[] in, Exec exec, String namePrefix) {
        this.spec = spec;
        this.exec = exec;
        this.shape1 = new ConvShape(1, in[0], in[1], in[2], spec.filters(), spec.kernelH(), spec.kernelW(),
                spec.stride());
        int f = spec.filters();
        int[] ws = {f, in[0], spec.kernelH(), spec.kernelW()};
        this.w = new Param(namePrefix + "W", Tensor.zeros(ws), Tensor.zeros(ws), true);
        this.b = new Param(namePrefix + "b", Tensor.zeros(f), Tensor.zeros(f), false);
        this.out = new Buffer(outputShape());
        this.dxBuf = new Buffer(inputShape());
        this.shapeN = shape1;
        this.in = inputShape();
    }

    @Override
    public LayerSpec spec() {
        return spec;
    }

    @Override
    public int[] inputShape() {
        return new int[]{shape1.c(), shape1.h(), shape1.w()};
    }

    @Override
    public int[] outputShape() {
        return new int[]{shape1.f(), shape1.oh(), shape1.ow()};
    }

    @Override
    public Tensor forward(Tensor x, boolean training) {
        int n = Shapes.batch(x, in, "conv2d");
        if (shapeN.n() != n) {
            shapeN = shape1.withBatch(n);
        }
        this.x = x;
        Tensor y = out.get(n);
        dev.dvg.kernels.Conv2d.forward(exec, shapeN, x.data(), w.value().data(), b.value().data(), y.data());
        return y;
    }

    @Override
    public Tensor backward(Tensor dy) {
        Tensor dx = needsInputGradient ? dxBuf.get(shapeN.n()) : null;
        dev.dvg.kernels.Conv2d.backward(exec, shapeN, x.data(), w.value().data(), dy.data(),
                dx == null ? null : dx.data(), w.grad().data(), b.grad().data());
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
