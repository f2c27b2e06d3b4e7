package dev.dvg.engine.layer;

import dev.dvg.engine.spec.ActivationSpec;
import dev.dvg.engine.spec.Conv2dSpec;
import dev.dvg.engine.spec.DenseSpec;
import dev.dvg.engine.spec.FlattenSpec;
import dev.dvg.engine.spec.LayerSpec;
import dev.dvg.engine.spec.MaxPool2dSpec;
import dev.dvg.kernels.Exec;

import java.util.Arrays;

/** Builds the runtime layer for a {@link LayerSpec}, checking that it fits its input shape. */
public final class Layers {

    private Layers() {
    }

    /**
     * Lets each dense layer followed by a ReLU apply the ReLU itself, inside its product where the
     * shape allows (see {@link Dense}): the ReLU layer then passes the dense layer's output on; and
     * each dense layer that follows a ReLU apply the ReLU's backward mask to its input gradient,
     * the ReLU layer then passing that gradient on. The numbers are the same bits as with separate
     * layers; only the passes over memory go.
     */
    public static void fuse(java.util.List<Layer> layers) {
        for (int i = 0; i + 1 < layers.size(); i++) {
            if (layers.get(i) instanceof Dense d && layers.get(i + 1) instanceof Relu r) {
                d.rectifyOutput();
                r.takeRectifiedInput();
            }
            if (layers.get(i) instanceof Relu r && layers.get(i + 1) instanceof Dense d) {
                r.takeMaskedGradient();
                d.maskInputGradient();
            }
        }
    }

    /**
     * @param spec  what to build
     * @param in    per-example input shape ([D] or [C,H,W])
     * @param index position in the network, used in param names ("3.W") and error messages
     */
    public static Layer create(LayerSpec spec, int[] in, int index, Exec exec) {
        String where = "layer " + index + " (" + spec + ")";
        String prefix = index + ".";
        if (spec instanceof DenseSpec d) {
            if (in.length != 1) {
                throw new IllegalArgumentException(where + ": dense needs a flat input [D] but gets "
                        + Arrays.toString(in) + "; put a FlattenSpec before it");
            }
            return new Dense(d, in[0], exec, prefix);
        }
        if (spec instanceof Conv2dSpec c) {
            requireImage(in, where);
            if (c.kernelH() > in[1] || c.kernelW() > in[2]) {
                throw new IllegalArgumentException(where + ": kernel " + c.kernelH() + "x" + c.kernelW()
                        + " larger than the input " + Arrays.toString(in));
            }
            return new Conv2d(c, in, exec, prefix);
        }
        if (spec instanceof MaxPool2dSpec p) {
            requireImage(in, where);
            if (p.size() > in[1] || p.size() > in[2]) {
                throw new IllegalArgumentException(where + ": window " + p.size()
                        + " larger than the input " + Arrays.toString(in));
            }
            return new MaxPool2d(p, in, exec);
        }
        if (spec instanceof FlattenSpec f) {
            return new Flatten(f, in);
        }
        ActivationSpec a = (ActivationSpec) spec;
        return switch (a.kind()) {
            case IDENTITY -> new Identity(a, in, exec);
            case SIGMOID -> new Sigmoid(a, in, exec);
            case RELU -> new Relu(a, in, exec);
            case TANH -> new Tanh(a, in, exec);
            case SOFTMAX -> {
                if (in.length != 1) {
                    throw new IllegalArgumentException(where + ": softmax needs a flat input [K], got "
                            + Arrays.toString(in));
                }
                yield new Softmax(a, in, exec);
            }
        };
    }

    private static void requireImage(int[] in, String where) {
        if (in.length != 3) {
            throw new IllegalArgumentException(where + ": needs an image input [C,H,W] but gets "
                    + Arrays.toString(in));
        }
    }
}
