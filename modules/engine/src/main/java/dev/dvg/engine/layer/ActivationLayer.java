package dev.dvg.engine.layer;

import dev.dvg.engine.Tensor;
import dev.dvg.engine.nn.Param;
import dev.dvg.engine.spec.ActivationSpec;
import dev.dvg.engine.spec.LayerSpec;
import dev.dvg.kernels.Exec;

import java.util.List;

/**
 * Base of the activation layers A = f(Z): same shape in and out, no parameters. Subclasses give
 * forward and backward over the rows {@code [r0, r1)} of the raw arrays of a batch viewed as
 * {@code rows × cols} (cols = elements per example; only softmax cares about rows).
 *
 * <p>A ReLU after a dense layer can be {@linkplain #takeRectifiedInput told} that the dense layer
 * already rectified its output (see {@link Layers#fuse}): forward then returns its input as its
 * output, with no pass, and backward, which needs only A, is unchanged. A ReLU before a dense layer
 * can be {@linkplain #takeMaskedGradient told} that the dense layer masks its input gradient by
 * [A &gt; 0] itself: backward then returns the gradient it gets, with no pass.
 *
 * <p>Large batches are split by rows over the network's threads (every element is computed the same
 * way whichever thread does it); one loop body per layer, made once, so nothing is allocated.
 */
public abstract sealed class ActivationLayer implements Layer
        permits Identity, Sigmoid, Relu, Tanh, Softmax {

    /** Below this many elements a pass runs on the caller's thread only. */
    static final int PARALLEL_MIN_ELEMENTS = 1 << 15;

    private final ActivationSpec spec;
    private final int[] shape;
    private final int cols;
    private final String name;
    private final Buffer out;
    private final Buffer dxBuf;
    private Tensor x;
    private Tensor y;
    private boolean needsInputGradient = true;
    private boolean inputRectified; // forward's input is already f(Z): pass it on (ReLU after Dense)
    private boolean gradientMasked; // backward's dA is already dZ: pass it on (Dense after ReLU)
    private final Exec exec;
    // the pass run(lo, hi) does: forward (dy == null) or backward
    private Tensor dy;
    private Tensor dx;
    /** {@link #run} as the loop body, typed as the interface (see {@link Exec}, "The body"). */
    private final Exec.RangeBody body = this::run;

    ActivationLayer(ActivationSpec spec, int[] shape, Exec exec) {
        this.exec = exec;
        this.spec = spec;
        this.shape = shape.clone();
        this.cols = Shapes.product(shape);
        this.name = spec.kind().name().toLowerCase(java.util.Locale.ROOT);
        this.out = new Buffer(shape);
        this.dxBuf = new Buffer(shape);
    }

    /** A = f(Z) on rows [r0, r1). */
    abstract void apply(float[] z, float[] a, int r0, int r1, int cols);

    /** dZ = dA ⊙ f'(Z) on rows [r0, r1), given Z and A = f(Z). */
    abstract void derive(float[] z, float[] a, float[] da, float[] dz, int r0, int r1, int cols);

    private void run(int r0, int r1) {
        if (dy == null) {
            apply(x.data(), y.data(), r0, r1, cols);
        } else {
            derive(x.data(), y.data(), dy.data(), dx.data(), r0, r1, cols);
        }
    }

    private void pass(int rows) {
        if ((long) rows * cols < PARALLEL_MIN_ELEMENTS) {
            run(0, rows);
        } else {
            exec.parallelFor(0, rows, body);
        }
    }

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
        this.dy = null;
        if (inputRectified) {
            this.y = x;
            return y;
        }
        this.y = out.get(n);
        pass(n);
        return y;
    }

    @Override
    public Tensor backward(Tensor dy) {
        if (!needsInputGradient) {
            return null;
        }
        if (gradientMasked) {
            return dy;
        }
        int n = y.dim(0);
        Tensor dx = dxBuf.get(n);
        this.dy = dy;
        this.dx = dx;
        try {
            pass(n);
        } finally {
            this.dy = null;
            this.dx = null;
        }
        return dx;
    }

    /** Forward's input will be max(0, Z) already (only for ReLU, whose backward reads A only). */
    void takeRectifiedInput() {
        if (!(this instanceof Relu)) {
            throw new IllegalStateException("only a ReLU layer can take a rectified input, not " + name);
        }
        this.inputRectified = true;
    }

    /**
     * Backward's dA will be dZ already: the next layer, a dense layer taking this ReLU's output A
     * as its input, masks its input gradient by [A &gt; 0] itself (only for ReLU, whose backward
     * reads A only).
     */
    void takeMaskedGradient() {
        if (!(this instanceof Relu)) {
            throw new IllegalStateException("only a ReLU layer can take a masked gradient, not " + name);
        }
        this.gradientMasked = true;
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
