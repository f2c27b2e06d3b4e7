package dev.dvg.dl4j;

import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Binary cross-entropy evaluated from the pre-activations Z of a sigmoid output layer, without
 * clipping — the formulation David uses:
 * <pre>
 *   ℓ(z, y) = Σ_k softplus(z) − y·z = Σ_k max(z,0) + log(1 + e^−|z|) − y·z
 *   dℓ/dz   = σ(z) − y          (per example; DL4J's updater divides by N)
 * </pre>
 * DL4J 1.0.0-M2.1's {@code LossBinaryXENT} instead evaluates log σ and log(1−σ) on the activated
 * output clipped to [ε, 1−ε] and forms the gradient as (dℓ/da)·σ'(z) from the clipped a. Both agree
 * while ε &lt; σ(z) &lt; 1−ε; for an output saturated beyond the clip DL4J caps the loss (at −log ε) and,
 * when the output is confidently wrong, shrinks its gradient by roughly σ(z)/ε — e.g. the
 * is-zero-logistic recipe (SGD, lr 1) overshoots into that regime at its second step. With
 * {@link GoliathOptions#bceFromLogits()} Goliath uses this class (an {@link ILossFunction}, DL4J's
 * own extension point) so that only the network arithmetic, not a loss convention, is compared.
 * Masks are applied per element (same shape as the labels) or per example ([N,1]).
 */
public final class LossSigmoidXentLogits implements ILossFunction {

    private static final long serialVersionUID = 1L;

    private static void check(IActivation fn) {
        if (!(fn instanceof ActivationSigmoid)) {
            throw new IllegalStateException("LossSigmoidXentLogits needs a SIGMOID output activation, got " + fn);
        }
    }

    private static INDArray mask(INDArray a, INDArray mask) {
        if (mask == null) {
            return a;
        }
        if (mask.equalShapes(a)) {
            return a.muli(mask);
        }
        if (mask.rank() == 2 && mask.size(1) == 1 && mask.size(0) == a.size(0)) {
            return a.muliColumnVector(mask.castTo(a.dataType()));
        }
        throw new IllegalArgumentException("mask shape " + java.util.Arrays.toString(mask.shape())
                + " fits neither the labels " + java.util.Arrays.toString(a.shape()) + " nor [N,1]");
    }

    @Override
    public INDArray computeScoreArray(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        check(activationFn);
        INDArray z = preOutput.castTo(labels.dataType());
        // softplus(z) - y*z, stably: max(z,0) + log(1 + exp(-|z|)) - y*z
        INDArray sp = Transforms.log(Transforms.exp(Transforms.abs(z, true).negi(), false).addi(1.0), false)
                .addi(Transforms.relu(z, true));
        INDArray perElement = sp.subi(labels.mul(z));
        return mask(perElement, mask).sum(true, 1);
    }

    @Override
    public double computeScore(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask,
                               boolean average) {
        double sum = computeScoreArray(labels, preOutput, activationFn, mask).sumNumber().doubleValue();
        return average ? sum / labels.size(0) : sum;
    }

    @Override
    public INDArray computeGradient(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        check(activationFn);
        INDArray g = Transforms.sigmoid(preOutput, true).subi(labels.castTo(preOutput.dataType()));
        return mask(g, mask);
    }

    @Override
    public Pair<Double, INDArray> computeGradientAndScore(INDArray labels, INDArray preOutput, IActivation activationFn,
                                                          INDArray mask, boolean average) {
        return new Pair<>(computeScore(labels, preOutput, activationFn, mask, average),
                computeGradient(labels, preOutput, activationFn, mask));
    }

    @Override
    public String name() {
        return "SigmoidXentLogits";
    }

    @Override
    public String toString() {
        return "LossSigmoidXentLogits()";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LossSigmoidXentLogits;
    }

    @Override
    public int hashCode() {
        return LossSigmoidXentLogits.class.hashCode();
    }
}
