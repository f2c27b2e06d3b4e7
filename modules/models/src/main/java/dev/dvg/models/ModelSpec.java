package dev.dvg.models;

import dev.dvg.engine.spec.Conv2dSpec;
import dev.dvg.engine.spec.DenseSpec;
import dev.dvg.engine.spec.LayerSpec;
import dev.dvg.engine.spec.LossKind;
import dev.dvg.engine.spec.NetworkSpec;
import dev.dvg.engine.spec.OptimizerSpec;

import java.util.Arrays;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One model, engine-neutral: both David ({@link David}) and Goliath (the {@code dl4j} module) are
 * built from the same record, never from two hand-kept copies.
 *
 * @param id          stable lower-case id, e.g. {@code mnist-mlp256}
 * @param description one line for people
 * @param data        the data recipe (data set, transform, target encoding)
 * @param network     the architecture, loss and L2 coefficient in the engines' shared vocabulary
 * @param optimizer   the default optimiser and its hyper-parameters
 * @param training    batch size, budget and sampling
 * @param seed        seeds the weight init and the batch stream
 */
public record ModelSpec(String id, String description, DataRecipe data, NetworkSpec network,
                        OptimizerSpec optimizer, TrainingSpec training, long seed) {

    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]*");

    public ModelSpec {
        Objects.requireNonNull(id, "model.id");
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("model.id must match " + ID.pattern() + ", got '" + id + "'");
        }
        Objects.requireNonNull(description, "model.description");
        Objects.requireNonNull(data, "model.data");
        Objects.requireNonNull(network, "model.network");
        Objects.requireNonNull(optimizer, "model.optimizer");
        Objects.requireNonNull(training, "model.training");

        int features = Arrays.stream(network.inputShape()).reduce(1, (a, b) -> a * b);
        if (features != data.dataset().features()) {
            throw new IllegalArgumentException("model " + id + ": network.inputShape "
                    + Arrays.toString(network.inputShape()) + " has " + features + " features but "
                    + data.dataset().id() + " has " + data.dataset().features());
        }
        int out = outputUnits(network);
        if (out != data.targetWidth()) {
            throw new IllegalArgumentException("model " + id + ": the network has " + out
                    + " outputs but target " + data.target().id() + " has width " + data.targetWidth());
        }
        boolean binaryTarget = data.target() != DataRecipe.Target.ONE_HOT;
        if (network.loss() == LossKind.SOFTMAX_CE && binaryTarget) {
            throw new IllegalArgumentException("model " + id + ": network.loss SOFTMAX_CE needs target one-hot, got "
                    + data.target().id());
        }
        if (network.loss() == LossKind.SOFTMAX_CE && out < 2) {
            throw new IllegalArgumentException("model " + id + ": network.loss SOFTMAX_CE needs >= 2 outputs, got " + out);
        }
        boolean fullBatchOptimizer = optimizer instanceof OptimizerSpec.Lbfgs
                || optimizer instanceof OptimizerSpec.ConjugateGradient;
        if (fullBatchOptimizer && training.sampling() != TrainingSpec.Sampling.FULL_BATCH) {
            throw new IllegalArgumentException("model " + id + ": optimizer "
                    + optimizer.getClass().getSimpleName() + " is full-batch; training.sampling must be full-batch, got "
                    + training.sampling().id());
        }
        if (fullBatchOptimizer && training.steps() != maxEvaluations(optimizer)) {
            throw new IllegalArgumentException("model " + id + ": training.steps (" + training.steps()
                    + ") must equal the optimizer's maxEvaluations (" + maxEvaluations(optimizer)
                    + "): a full-batch minimiser's budget is counted in evaluations of f and its gradient");
        }
    }

    /** A copy with another optimiser (the training schedule must still fit it). */
    public ModelSpec withOptimizer(OptimizerSpec newOptimizer) {
        return new ModelSpec(id, description, data, network, newOptimizer, training, seed);
    }

    /** A copy with another training schedule. */
    public ModelSpec withTraining(TrainingSpec newTraining) {
        return new ModelSpec(id, description, data, network, optimizer, newTraining, seed);
    }

    /** A copy with another seed. */
    public ModelSpec withSeed(long newSeed) {
        return new ModelSpec(id, description, data, network, optimizer, training, newSeed);
    }

    /** A copy with another architecture (same data). */
    public ModelSpec withNetwork(NetworkSpec newNetwork) {
        return new ModelSpec(id, description, data, newNetwork, optimizer, training, seed);
    }

    /**
     * Width of the network's output: the units of its last layer, which must be dense (the loss
     * owns the output activation, so a trailing activation layer is not allowed).
     */
    public static int outputUnits(NetworkSpec network) {
        LayerSpec last = network.layers().get(network.layers().size() - 1);
        if (last instanceof DenseSpec d) {
            return d.units();
        }
        throw new IllegalArgumentException("network.layers: the last layer must be dense (it yields Z; the loss "
                + "owns the output activation), got " + last);
    }

    /** Number of convolution layers (0 for the dense nets). */
    public int convLayers() {
        return (int) network.layers().stream().filter(l -> l instanceof Conv2dSpec).count();
    }

    private static int maxEvaluations(OptimizerSpec o) {
        if (o instanceof OptimizerSpec.Lbfgs l) {
            return l.maxEvaluations();
        }
        return ((OptimizerSpec.ConjugateGradient) o).maxEvaluations();
    }
}
