package dev.dvg.models;

import dev.dvg.data.batch.Batch;
import dev.dvg.engine.Tensor;
import dev.dvg.engine.nn.MiniBatch;
import dev.dvg.engine.nn.Network;
import dev.dvg.engine.nn.Trainer;
import dev.dvg.engine.optim.Optimizer;
import dev.dvg.engine.optim.Optimizers;
import dev.dvg.engine.spec.NetworkSpec;
import dev.dvg.engine.spec.OptimizerSpec;
import dev.dvg.kernels.Exec;

/**
 * Builds David (the hand-written engine) from a {@link ModelSpec}: the network with its seeded init,
 * the spec's minibatch optimiser, a trainer, and minibatches that wrap the data module's arrays
 * without copying.
 */
public final class David {

    private David() {
    }

    /** The network of a model, initialised from its {@code InitSpec}s with the model's seed (b = 0). */
    public static Network network(ModelSpec model, Exec exec) {
        return Network.build(model.network(), model.seed(), exec);
    }

    /** The model's default minibatch optimiser (fresh state). */
    public static Optimizer optimizer(ModelSpec model) {
        return optimizer(model.optimizer());
    }

    /**
     * A fresh minibatch optimiser. The full-batch kinds (L-BFGS, CG) are not minibatch optimisers:
     * they minimise a whole-data objective ({@code dev.dvg.engine.optim.fullbatch}).
     */
    public static Optimizer optimizer(OptimizerSpec spec) {
        return optimizer(spec, Exec.serial());
    }

    /**
     * As {@link #optimizer(OptimizerSpec)}, updating large tensors on {@code exec}'s threads (pass the
     * network's: same numbers for any thread count).
     */
    public static Optimizer optimizer(OptimizerSpec spec, Exec exec) {
        if (isFullBatchMinimizer(spec)) {
            throw new IllegalArgumentException("optimizer " + spec + " is a full-batch minimiser, not a minibatch "
                    + "optimizer: use dev.dvg.engine.optim.fullbatch");
        }
        return Optimizers.create(spec, exec);
    }

    /** True for L-BFGS and conjugate gradient. */
    public static boolean isFullBatchMinimizer(OptimizerSpec spec) {
        return spec instanceof OptimizerSpec.Lbfgs || spec instanceof OptimizerSpec.ConjugateGradient;
    }

    /** A trainer of the network with the model's default optimiser. */
    public static Trainer trainer(ModelSpec model, Network network) {
        return new Trainer(network, optimizer(model.optimizer(), network.exec()));
    }

    /**
     * The data module's batch as David's minibatch: X [N, featureShape…] and Y [N×targetWidth]
     * wrapping the batch's own arrays (no copy). Any feature shape with the network's per-example
     * size is accepted (e.g. [N,1,28,28] for a [784] input).
     */
    public static MiniBatch batch(Batch b) {
        return MiniBatch.of(Tensor.wrap(b.x(), b.xShape()), Tensor.wrap(b.y(), b.n(), b.targetWidth()));
    }

    /**
     * Wraps (no copy) {@code n} examples of row-major inputs and targets as a minibatch shaped for
     * {@code spec}: X [N, inputShape…], Y [N×K].
     */
    public static MiniBatch batch(NetworkSpec spec, float[] x, float[] y, int n) {
        return batch(spec, x, y, n, false);
    }

    /**
     * As {@link #batch(NetworkSpec, float[], float[], int)}; with {@code constant} the inputs are a
     * {@linkplain Tensor#wrapConstant constant} tensor: the caller never changes {@code x}, so a
     * layer may keep it packed while the same array comes again (full-batch training).
     */
    public static MiniBatch batch(NetworkSpec spec, float[] x, float[] y, int n, boolean constant) {
        int[] in = spec.inputShape();
        int per = 1;
        for (int d : in) {
            per *= d;
        }
        int k = ModelSpec.outputUnits(spec);
        if (n < 1) {
            throw new IllegalArgumentException("batch: n must be >= 1, got " + n);
        }
        if (x.length < (long) n * per) {
            throw new IllegalArgumentException("batch: x has " + x.length + " floats, " + n + " examples of "
                    + per + " need " + (long) n * per);
        }
        if (y.length < (long) n * k) {
            throw new IllegalArgumentException("batch: y has " + y.length + " floats, " + n + " targets of "
                    + k + " need " + (long) n * k);
        }
        int[] xShape = new int[in.length + 1];
        xShape[0] = n;
        System.arraycopy(in, 0, xShape, 1, in.length);
        return MiniBatch.of(constant ? Tensor.wrapConstant(x, xShape) : Tensor.wrap(x, xShape), Tensor.wrap(y, n, k));
    }
}
