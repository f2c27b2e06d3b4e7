package dev.dvg.engine.layer;

import dev.dvg.engine.Tensor;
import dev.dvg.engine.nn.Param;
import dev.dvg.engine.spec.ActivationSpec;
import dev.dvg.engine.spec.LayerSpec;

import java.util.List;

/**
 * Base of the activation layers A = f(Z): same shape in and out, no parameters. Subclasses give
 * forward and backward over the raw arrays of a batch viewed as {@code rows × cols}
 * (cols = elements per example; only softmax cares about rows).
 */
public abstract sealed class ActivationLayer implements Layer
        permits Identity, Sigmoid, Relu, Tanh, Softmax {

    private final ActivationSpec spec;
    private final int[] shape;
    private final int cols;
    private final String name;
    private final Buffer out;
    private final Buffer dxBuf;
    private Tensor x;
    private Tensor y;
    private boolean needsInputGradient = true;

    ActivationLayer(ActivationSpec spec, int[] shape) {
        this.spec = spec;
        this.shape = shape.clone();
        this.cols = Shapes.product(shape);
        this.name = spec.kind().name().toLowerCase(java.util.Locale.ROOT);
        this.out = new Buffer(shape);
        this.dxBuf = new Buffer(shape);
    }

    /** A[rows×cols] = f(Z). */
    abstract void apply(float[] z, float[] a, int rows, int cols);

    /** dZ = dA ⊙ f'(Z), given Z and A = f(Z). */
    abstract void derive(float[] z, float[] a, float[] da, float[] dz, int rows, int cols);

    @Override
    public LayerSpec spec() {
        return spec;
    }

    @Override
    public int[] inputShape() {
        return shape.clone();
    }

    @Override
    public int[] outputShape() {
        return shape.clone();
    }

    @Override
    public Tensor forward(Tensor x, boolean training) {
        int n = Shapes.batch(x, shape, name);
        this.x = x;
        this.y = out.get(n);
        apply(x.data(), y.data(), n, cols);
        return y;
    }

    @Override
    public Tensor backward(Tensor dy) {
        if (!needsInputGradient) {
            return null;
        }
        int n = y.dim(0);
        Tensor dx = dxBuf.get(n);
        derive(x.data(), y.data(), dy.data(), dx.data(), n, cols);
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
