package dev.dvg.models;

import dev.dvg.data.digits.Ex4Weights;
import dev.dvg.engine.spec.Activation;
import dev.dvg.engine.spec.ActivationSpec;
import dev.dvg.engine.spec.DenseSpec;
import dev.dvg.engine.spec.LayerSpec;
import dev.dvg.engine.spec.LossKind;
import dev.dvg.engine.spec.NetworkSpec;

import java.util.List;

/**
 * The ML course's pretrained ex4 weights ({@link Ex4Weights}) as the flat parameter vector of a
 * 400→25 sigmoid→10 network in David's layout ({@code W1[400×25], b1[25], W2[25×10], b2[10]}),
 * which Goliath takes as well ({@code setParamsFromDavid}).
 *
 * <p>Output order: the course's output unit {@code j} stands for digit {@code (j + 1) % 10}; ours
 * for digit {@code j} (digits20 labels are the digits). So our output column {@code k} gets the
 * course's row {@link Ex4Weights#digitToOutput digitToOutput(k)} of Theta2 — without this the net
 * scores ~10%, not ~97%.
 */
public final class CourseWeights {

    private CourseWeights() {
    }

    /** Whether {@code net} is the ex4 architecture the weights fit (400→25 sigmoid→10, per-output BCE). */
    public static boolean fits(NetworkSpec net) {
        List<LayerSpec> l = net.layers();
        return net.inputShape().length == 1 && net.inputShape()[0] == Ex4Weights.INPUT && l.size() == 3
                && l.get(0) instanceof DenseSpec d1 && d1.units() == Ex4Weights.HIDDEN
                && l.get(1) instanceof ActivationSpec a && a.kind() == Activation.SIGMOID
                && l.get(2) instanceof DenseSpec d2 && d2.units() == Ex4Weights.OUTPUT
                && net.loss() == LossKind.BCE_SIGMOID;
    }

    /** The weights in David's flat layout for {@code net}; {@code net} must {@link #fits fit}. */
    public static float[] davidParams(Ex4Weights w, NetworkSpec net) {
        if (!fits(net)) {
            throw new IllegalArgumentException("the course's ex4 weights fit a 400->25 sigmoid->10 network with "
                    + "per-output BCE, not " + net);
        }
        double[][] theta2 = new double[Ex4Weights.OUTPUT][];
        for (int k = 0; k < Ex4Weights.OUTPUT; k++) {
            theta2[k] = w.theta2()[Ex4Weights.digitToOutput(k)];
        }
        float[] w1 = Ex4Weights.denseWeights(w.theta1());
        float[] b1 = Ex4Weights.denseBias(w.theta1());
        float[] w2 = Ex4Weights.denseWeights(theta2);
        float[] b2 = Ex4Weights.denseBias(theta2);
        float[] flat = new float[w1.length + b1.length + w2.length + b2.length];
        int off = 0;
        for (float[] part : List.of(w1, b1, w2, b2)) {
            System.arraycopy(part, 0, flat, off, part.length);
            off += part.length;
        }
        return flat;
    }
}
