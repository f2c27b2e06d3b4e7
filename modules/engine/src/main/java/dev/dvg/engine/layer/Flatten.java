package dev.dvg.engine.layer;

import dev.dvg.engine.Tensor;
import dev.dvg.engine.nn.Param;
import dev.dvg.engine.spec.FlattenSpec;
import dev.dvg.engine.spec.LayerSpec;

import java.util.List;

/**
 * {@code [N,C,H,W] → [N, C·H·W]} in (C,H,W) row-major order, the c-order reshape DL4J uses between
 * a convolution and a dense layer. Forward and backward are views: no data moves.
 */
public final class Flatten implements Layer {

    private final FlattenSpec spec;
    private final int[] in;
    private final int size;
    private Tensor lastIn;
    private Tensor lastOut;
    private Tensor lastDy;
    private Tensor lastDx;

    public Flatten(FlattenSpec spec, int[] in) {
        this.spec = spec;
        this.in = in.clone();
        this.size = Shapes.product(in);
    }

    @Override
    public LayerSpec spec() {
        return spec;
    }

    @Override
    public int[] inputShape() {
        return in.clone();
    }

    @Override
    public int[] outputShape() {
        return new int[]{size};
    }

    @Override
    public Tensor forward(Tensor x, boolean training) {
        int n = Shapes.batch(x, in, "flatten");
        if (x != lastIn) {
            lastIn = x;
            lastOut = x.isConstant() ? Tensor.wrapConstant(x.data(), n, size) : Tensor.wrap(x.data(), n, size);
        }
        return lastOut;
    }

    @Override
    public Tensor backward(Tensor dy) {
        if (dy != lastDy) {
            lastDy = dy;
            int[] shape = new int[in.length + 1];
            shape[0] = dy.dim(0);
            System.arraycopy(in, 0, shape, 1, in.length);
            lastDx = Tensor.wrap(dy.data(), shape);
        }
        return lastDx;
    }

    @Override
    public List<Param> params() {
        return List.of();
    }

    @Override
    public void setNeedsInputGradient(boolean needed) {
        // a view costs nothing; nothing to switch off
    }
}
