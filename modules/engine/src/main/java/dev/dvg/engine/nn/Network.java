package dev.dvg.engine.nn;

import dev.dvg.engine.Tensor;
import dev.dvg.engine.layer.Layer;
import dev.dvg.engine.layer.Layers;
import dev.dvg.engine.loss.Loss;
import dev.dvg.engine.spec.LayerSpec;
import dev.dvg.engine.spec.NetworkSpec;
import dev.dvg.kernels.Elementwise;
import dev.dvg.kernels.Exec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * A feed-forward network built from a {@link NetworkSpec}: layers in order, then the loss with its
 * fused output activation.
 *
 * <pre>
 *   Z = layer_L(… layer_1(X))              X [N, inputShape…], Z [N×K]
 *   loss = mean_n ℓ(Z[n], Y[n]) + (λ/2)·Σ_{weights} W²       (biases are not penalised)
 *   dW  += λ·W                                                (after backprop of the data loss)
 * </pre>
 *
 * <p>Shapes are inferred once at build time: a dense layer needs a flat [D] input (a
 * {@code FlattenSpec} must sit between an image-shaped [C,H,W] tensor and a dense layer), convolution
 * and pooling need [C,H,W], and the last layer must produce a flat [K]. An input tensor may have
 * any shape whose per-example size matches the spec's input (e.g. [N, 784] for [1, 28, 28]).
 *
 * <p>Parameters: {@link #params()} lists W then b of every parametrised layer in layer order, named
 * {@code "<layerIndex>.W"}/{@code "<layerIndex>.b"}; the flat vector of {@link #getFlat()} is their
 * concatenation, each row-major. Not thread-safe: one network is driven by one thread (its
 * kernels may use the {@link Exec}'s threads).
 */
public final class Network {

    private final NetworkSpec spec;
    private final Exec exec;
    private final List<Layer> layers;
    private final List<Param> params;
    private final Loss loss;
    private final int k;
    private final int numParams;
    private float[] dzData = new float[0];
    private Tensor dz;

    private Network(NetworkSpec spec, Exec exec) {
        this.spec = spec;
        this.exec = exec;
        List<Layer> ls = new ArrayList<>();
        int[] shape = spec.inputShape();
        for (int i = 0; i < spec.layers().size(); i++) {
            LayerSpec s = spec.layers().get(i);
            Layer layer = Layers.create(s, shape, i, exec);
            ls.add(layer);
            shape = layer.outputShape();
        }
        if (shape.length != 1) {
            throw new IllegalArgumentException("network: the last layer must produce a flat [K] output for the "
                    + spec.loss() + " loss, but produces " + Arrays.toString(shape));
        }
        this.k = shape[0];
        ls.get(0).setNeedsInputGradient(false);
        Layers.fuse(ls);
        this.layers = Collections.unmodifiableList(ls);
        List<Param> ps = new ArrayList<>();
        for (Layer l : ls) {
            ps.addAll(l.params());
        }
        this.params = Collections.unmodifiableList(ps);
        int count = 0;
        for (Param p : ps) {
            count += p.size();
        }
        this.numParams = count;
        this.loss = Loss.of(spec.loss(), exec);
    }

    /** Builds the network and initialises W from the specs' {@code InitSpec}s (see {@link Initializer}), b = 0. */
    public static Network build(NetworkSpec spec, long seed, Exec exec) {
        Network net = new Network(spec, exec);
        Initializer.initialize(net.layers, seed);
        return net;
    }

    public NetworkSpec spec() {
        return spec;
    }

    public Exec exec() {
        return exec;
    }

    public List<Layer> layers() {
        return layers;
    }

    /** All params in layer order, W then b. */
    public List<Param> params() {
        return params;
    }

    /** K, the number of outputs. */
    public int outputSize() {
        return k;
    }

    public int numParams() {
        return numParams;
    }

    /** The params concatenated in {@link #params()} order, each row-major. */
    public float[] getFlat() {
        float[] flat = new float[numParams];
        int off = 0;
        for (Param p : params) {
            System.arraycopy(p.value().data(), 0, flat, off, p.size());
            off += p.size();
        }
        return flat;
    }

    /** The gradients of the last {@link #computeGradients} in the layout of {@link #getFlat()}. */
    public float[] getFlatGradients() {
        float[] flat = new float[numParams];
        int off = 0;
        for (Param p : params) {
            System.arraycopy(p.grad().data(), 0, flat, off, p.size());
            off += p.size();
        }
        return flat;
    }

    /** Sets every param from the layout of {@link #getFlat()}. */
    public void setFlat(float[] flat) {
        if (flat.length != numParams) {
            throw new IllegalArgumentException("setFlat: expected " + numParams + " values, got " + flat.length);
        }
        int off = 0;
        for (int i = 0; i < params.size(); i++) { // indexed: no iterator per call (per L-BFGS evaluation)
            Param p = params.get(i);
            System.arraycopy(flat, off, p.value().data(), 0, p.size());
            off += p.size();
        }
    }

    /** Z[N×K]: the last layer's pre-activations (a layer buffer, valid until the next call). */
    public Tensor preOutput(Tensor x, boolean training) {
        Tensor t = x;
        for (int i = 0; i < layers.size(); i++) { // indexed: an iterator would be garbage per step
            t = layers.get(i).forward(t, training);
        }
        return t;
    }

    /**
     * Forward (training) + loss + backward: afterwards every param's grad holds ∂loss/∂param
     * (data-loss gradient, already averaged over N, plus λ·W for weights).
     *
     * @return the loss: mean data loss + (λ/2)·ΣW²
     */
    public double computeGradients(Tensor x, Tensor y) {
        Tensor z = preOutput(x, true);
        Tensor g = dzBuffer(z.dim(0));
        double value = loss.valueAndGradient(z, y, g);
        for (int i = layers.size() - 1; i >= 0; i--) {
            g = layers.get(i).backward(g);
        }
        if (spec.l2() > 0) {
            // dW += λ·W and the penalty's Σ W² in one pass (the same sum as penalty())
            float l2 = (float) spec.l2();
            double squares = 0;
            for (int j = 0; j < params.size(); j++) {
                Param p = params.get(j);
                if (p.regularized()) {
                    squares += Elementwise.addDecayAndSumOfSquares(p.size(), l2, p.value().data(), p.grad().data());
                }
            }
            value += 0.5 * spec.l2() * squares;
        }
        return value;
    }

    /** Inference forward + loss (mean data loss + L2 penalty); gradients are untouched. */
    public double loss(Tensor x, Tensor y) {
        Tensor z = preOutput(x, false);
        return loss.value(z, y) + (spec.l2() > 0 ? penalty() : 0);
    }

    /**
     * The L2 penalty (λ/2)·Σ W² over the weights, in double: each weight tensor's sum in the fixed
     * order of {@link Elementwise#sumOfSquares}, the tensors in {@link #params()} order.
     */
    public double penalty() {
        double sum = 0;
        for (int j = 0; j < params.size(); j++) {
            Param p = params.get(j);
            if (p.regularized()) {
                sum += Elementwise.sumOfSquares(p.value().data(), 0, p.size());
            }
        }
        return 0.5 * spec.l2() * sum;
    }

    /** A[N×K]: the output after the loss's activation (sigmoid, softmax or identity), a new tensor. */
    public Tensor output(Tensor x) {
        Tensor z = preOutput(x, false);
        Tensor a = Tensor.zeros(z.dim(0), k);
        loss.activate(z, a);
        return a;
    }

    private Tensor dzBuffer(int n) {
        if (dz == null || dz.dim(0) != n) {
            if (dzData.length < n * k) {
                dzData = new float[n * k];
            }
            dz = Tensor.wrap(dzData, n, k);
        }
        return dz;
    }
}
