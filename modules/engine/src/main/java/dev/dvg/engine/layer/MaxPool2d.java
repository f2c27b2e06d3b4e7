package dev.dvg.engine.layer;

import dev.dvg.engine.Tensor;
import dev.dvg.engine.nn.Param;
import dev.dvg.engine.spec.LayerSpec;
import dev.dvg.engine.spec.MaxPool2dSpec;
import dev.dvg.kernels.Exec;
import dev.dvg.kernels.PoolShape;

import java.util.List;

/**
 * Max pooling over K×K windows with stride s, no padding, computed by {@link dev.dvg.kernels.MaxPool2d}.
 *
 * <pre>
 *   forward   Y[n,c,i,j] = max_{u,v < K} X[n,c,i·s+u,j·s+v]     (argmax remembered; first max on ties)
 *             X [N,C,H,W] → Y [N,C,OH,OW],  OH = (H−K)/s + 1
 *   backward  dX = 0 except dX[argmax(n,c,i,j)] += dY[n,c,i,j]
 * </pre>
 */
public final class MaxPool2d implements Layer {

    private final MaxPool2dSpec spec;
    private final Exec exec;
    private final PoolShape shape1;
    private final Buffer out;
    private final Buffer dxBuf;
    private final int[] in;
    private PoolShape shapeN;
    private int[] argmax = new int[0];
    private boolean needsInputGradient = true;

    /** @param in per-example input shape [C,H,W] */
    public MaxPool2d(MaxPool2dSpec spec, int[] in, Exec exec) {
        this.spec = spec;
        this.exec = exec;
        this.shape1 = new PoolShape(1, in[0], in[1], in[2], spec.size(), spec.stride());
        this.shapeN = shape1;
        this.out = new Buffer(outputShape());
        this.dxBuf = new Buffer(inputShape());
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
        return new int[]{shape1.c(), shape1.oh(), shape1.ow()};
    }

    @Override
    public Tensor forward(Tensor x, boolean training) {
        int n = Shapes.batch(x, in, "maxpool2d");
        if (shapeN.n() != n) {
            shapeN = shape1.withBatch(n);
        }
        if (argmax.length < shapeN.outSize()) {
            argmax = new int[shapeN.outSize()];
        }
        Tensor y = out.get(n);
        dev.dvg.kernels.MaxPool2d.forward(exec, shapeN, x.data(), y.data(), argmax);
        return y;
    }

    @Override
    public Tensor backward(Tensor dy) {
        if (!needsInputGradient) {
            return null;
        }
        Tensor dx = dxBuf.get(shapeN.n());
        dev.dvg.kernels.MaxPool2d.backward(exec, shapeN, dy.data(), argmax, dx.data());
        return dx;
    }

    @Override
    public List<Param> params() {
        return List.of();
    }

    @Override
    public void setNeedsInputGradient(boolean needed) {
        this.needsInputGradient = needed;
    }
}
