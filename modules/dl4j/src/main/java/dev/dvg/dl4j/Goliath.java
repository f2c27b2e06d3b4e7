package dev.dvg.dl4j;

import dev.dvg.engine.spec.NetworkSpec;
import dev.dvg.engine.spec.OptimizerSpec;
import dev.dvg.models.ModelSpec;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;
import java.util.Objects;

/**
 * The DL4J twin of a spec: a {@link MultiLayerNetwork} built by {@link GoliathBuilder}, its
 * {@link ParamLayout}, and conversions to and from David's float arrays (row-major, N first).
 *
 * <p>Weights move both ways through the flat parameter vector ({@link #setParamsFromDavid},
 * {@link #paramsAsDavid}); gradients come back in David's layout and convention
 * ({@link #gradientAsDavid}).
 */
public final class Goliath {

    private final NetworkSpec spec;
    private final OptimizerSpec optimizer;
    private final GoliathOptions options;
    private final MultiLayerNetwork net;
    private final ParamLayout layout;
    private final List<String> approximations;

    private Goliath(NetworkSpec spec, OptimizerSpec optimizer, GoliathOptions options, MultiLayerNetwork net,
                    List<String> approximations) {
        this.spec = spec;
        this.optimizer = optimizer;
        this.options = options;
        this.net = net;
        this.layout = ParamLayout.of(spec);
        this.approximations = approximations;
        if (layout.numParams() != net.numParams()) {
            throw new IllegalStateException("DL4J built " + net.numParams() + " params, the layout expects "
                    + layout.numParams());
        }
    }

    /** Builds and initialises the DL4J network of a model spec (its default optimiser and seed). */
    public static Goliath build(ModelSpec model, GoliathOptions options) {
        return build(model.network(), model.optimizer(), model.seed(), options);
    }

    /** {@link #build(ModelSpec, GoliathOptions)} with {@link GoliathOptions#DEFAULT}. */
    public static Goliath build(ModelSpec model) {
        return build(model, GoliathOptions.DEFAULT);
    }

    /** Builds and initialises (DL4J's own seeded init) a network. */
    public static Goliath build(NetworkSpec spec, OptimizerSpec optimizer, long seed, GoliathOptions options) {
        Objects.requireNonNull(options, "options");
        GoliathBuilder.Built built = GoliathBuilder.build(spec, optimizer, seed, options);
        MultiLayerNetwork net = new MultiLayerNetwork(built.configuration());
        net.init();
        return new Goliath(spec, optimizer, options, net, built.approximations());
    }

    public MultiLayerNetwork network() {
        return net;
    }

    public NetworkSpec spec() {
        return spec;
    }

    public OptimizerSpec optimizer() {
        return optimizer;
    }

    public GoliathOptions options() {
        return options;
    }

    public ParamLayout layout() {
        return layout;
    }

    /** What DL4J could only approximate (empty when the mapping is exact). */
    public List<String> approximations() {
        return approximations;
    }

    public DataType dataType() {
        return options.dataType();
    }

    /** Copies a David-layout flat parameter vector into the network (the updater state is untouched). */
    public void setParamsFromDavid(float[] davidFlat) {
        float[] dl4j = layout.davidToDl4j(davidFlat);
        net.setParams(Nd4j.createFromArray(dl4j).castTo(dataType()));
    }

    /** The network's parameters in David's layout (rounded to float for DOUBLE networks). */
    public float[] paramsAsDavid() {
        return layout.dl4jToDavid(net.params().castTo(DataType.FLOAT).toFloatVector());
    }

    /**
     * Inputs {@code x} (N rows of the spec's input size, row-major) as an INDArray of the shape the
     * network takes: [N,D] or [N,C,H,W]. Copies into DL4J's memory.
     */
    public INDArray features(float[] x, int n) {
        int[] in = spec.inputShape();
        int per = in.length == 1 ? in[0] : in[0] * in[1] * in[2];
        if (n < 1 || x.length < (long) n * per) {
            throw new IllegalArgumentException("features: need " + n + " × " + per + " floats, got " + x.length);
        }
        long[] shape = in.length == 1 ? new long[]{n, in[0]} : new long[]{n, in[0], in[1], in[2]};
        float[] data = x.length == n * per ? x : java.util.Arrays.copyOf(x, n * per);
        return Nd4j.create(data, shape, 'c').castTo(dataType());
    }

    /** Targets {@code y} (N rows of K, row-major) as [N,K]. */
    public INDArray labels(float[] y, int n) {
        int k = dev.dvg.models.ModelSpec.outputUnits(spec);
        if (n < 1 || y.length < (long) n * k) {
            throw new IllegalArgumentException("labels: need " + n + " × " + k + " floats, got " + y.length);
        }
        float[] data = y.length == n * k ? y : java.util.Arrays.copyOf(y, n * k);
        return Nd4j.create(data, new long[]{n, k}, 'c').castTo(dataType());
    }

    /** Inference output after the loss's activation, [N×K] row-major. */
    public float[] output(float[] x, int n) {
        INDArray out = net.output(features(x, n), false);
        return out.castTo(DataType.FLOAT).dup('c').data().asFloat();
    }

    /** Inference output as doubles (for DOUBLE networks). */
    public double[] outputDouble(float[] x, int n) {
        INDArray out = net.output(features(x, n), false);
        return out.castTo(DataType.DOUBLE).dup('c').data().asDouble();
    }

    /** Mean data loss + L2 penalty of a batch, without gradients or updates. */
    public double loss(float[] x, float[] y, int n) {
        return net.score(new org.nd4j.linalg.dataset.DataSet(features(x, n), labels(y, n)), false);
    }

    /**
     * Forward + backward on one batch without updating: returns the score (mean data loss + L2
     * penalty) and writes into {@code gradOut} (David's layout) the gradient in David's convention:
     * dL/dθ of the batch-mean loss plus {@code l2·W}.
     *
     * <p>DL4J 1.0.0-M2.1's {@code computeGradientAndScore()} leaves in {@code gradient()} the raw
     * backprop gradient: the loss layer's dL/dZ is per example (not divided by N) and L2 is not in it
     * — both are applied later inside the updater ({@code BaseMultiLayerUpdater}: divide by the
     * minibatch size, then the regularization's gradient, then the updater). This method does those
     * two steps on a copy; the parity tests check the result against David's gradient. The updater
     * state is left as it was, so training may continue afterwards (tested; DL4J's own
     * {@code clear()} would discard it).
     */
    public double gradientAsDavid(float[] x, float[] y, int n, float[] gradOut) {
        net.setInput(features(x, n));
        net.setLabels(labels(y, n));
        net.computeGradientAndScore();
        INDArray g = net.gradient().gradient().castTo(DataType.DOUBLE).dup();

        g.divi(n);
        double[] raw = g.data().asDouble();
        float[] dl4j = new float[raw.length];
        INDArray p = net.params().castTo(DataType.DOUBLE);
        double[] pv = p.data().asDouble();
        double l2 = spec.l2();
        for (ParamLayout.Entry e : layout.entries()) {
            boolean reg = e.isWeight() && l2 > 0;
            for (int i = 0; i < e.size(); i++) {
                int k = e.dl4jOffset() + i;
                dl4j[k] = (float) (reg ? raw[k] + l2 * pv[k] : raw[k]);
            }
        }
        float[] david = layout.dl4jToDavid(dl4j);
        System.arraycopy(david, 0, gradOut, 0, david.length);
        // not net.clear(): in M2.1 it also drops the Solver, and with it the updater state (RMSprop/Adam
        // moments, Nesterov velocity), so training continued afterwards would restart them
        return net.score();
    }

    /**
     * One optimiser step on one batch ({@code fit} of a single DataSet): returns DL4J's score of
     * the batch computed before the update (mean data loss + L2 penalty), as David's trainer reports.
     */
    public double fitStep(float[] x, float[] y, int n) {
        net.fit(features(x, n), labels(y, n));
        return net.score();
    }
}
