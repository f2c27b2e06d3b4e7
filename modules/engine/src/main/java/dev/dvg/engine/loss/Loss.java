package dev.dvg.engine.loss;

import dev.dvg.engine.Tensor;
import dev.dvg.engine.spec.LossKind;
import dev.dvg.kernels.Exec;

/**
 * A loss fused with its output activation. Z[N×K] are the last layer's pre-activations, Y[N×K]
 * the targets. The value is the <em>mean over the N examples</em> of a per-example loss (DL4J's
 * score convention), accumulated in double; the gradient dZ = ∂value/∂Z therefore carries the 1/N.
 */
public interface Loss {

    LossKind kind();

    /** Mean per-example loss. */
    double value(Tensor z, Tensor y);

    /** Mean per-example loss; writes dZ[N×K] (already divided by N) into {@code dz}. */
    double valueAndGradient(Tensor z, Tensor y, Tensor dz);

    /** A[N×K] = output activation of Z (what {@code Network.output} returns). */
    void activate(Tensor z, Tensor a);

    /** The loss for a {@link LossKind}, on the caller's thread. */
    static Loss of(LossKind kind) {
        return of(kind, Exec.serial());
    }

    /**
     * The loss for a {@link LossKind}; softmax cross-entropy splits large batches over
     * {@code exec}'s threads (same value for any thread count). A loss object keeps buffers between
     * calls: one per network.
     */
    static Loss of(LossKind kind, Exec exec) {
        return switch (kind) {
            case BCE_SIGMOID -> new BceSigmoid();
            case SOFTMAX_CE -> new SoftmaxCrossEntropy(exec);
            case MSE -> new MeanSquaredError();
        };
    }

    /** Checks Z and Y agree in shape ([N×K] each) and returns N. */
    static int check(Tensor z, Tensor y, String loss) {
        if (z.rank() != 2) {
            throw new IllegalArgumentException(loss + ": Z must be [N×K], got " + z);
        }
        if (y.rank() != 2 || y.dim(0) != z.dim(0) || y.dim(1) != z.dim(1)) {
            throw new IllegalArgumentException(loss + ": targets Y " + y + " do not match outputs Z " + z);
        }
        return z.dim(0);
    }
}
