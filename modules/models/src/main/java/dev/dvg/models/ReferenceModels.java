package dev.dvg.models;

import dev.dvg.engine.spec.Activation;
import dev.dvg.engine.spec.ActivationSpec;
import dev.dvg.engine.spec.Conv2dSpec;
import dev.dvg.engine.spec.DenseSpec;
import dev.dvg.engine.spec.FlattenSpec;
import dev.dvg.engine.spec.InitSpec;
import dev.dvg.engine.spec.LayerSpec;
import dev.dvg.engine.spec.LossKind;
import dev.dvg.engine.spec.MaxPool2dSpec;
import dev.dvg.engine.spec.NetworkSpec;
import dev.dvg.engine.spec.OptimizerSpec;
import dev.dvg.models.DataRecipe.Dataset;
import dev.dvg.models.DataRecipe.Target;
import dev.dvg.models.DataRecipe.Transform;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The six reference models of the parity issue, each with two schedules:
 * {@link #get(String)} — the default, which trains in seconds to minutes with minibatches where
 * the seed recipe allows it — and {@link #recipe(String)} — the seed recipe's own schedule
 * (for most models the same).
 *
 * <table>
 *   <caption>Reference models</caption>
 *   <tr><th>id</th><th>architecture</th><th>default training</th><th>recipe</th></tr>
 *   <tr><td>is-zero-logistic</td><td>784→1, BCE, N(0,1)·0.01</td><td colspan="2">SGD lr 1, batch 256,
 *       2000 steps with replacement</td></tr>
 *   <tr><td>is-zero-mlp64</td><td>784→64 sigmoid→1, BCE, N(0,1)·0.01</td><td colspan="2">SGD lr 1,
 *       batch 1024, 2000 steps with replacement (the recipe updated W by W instead of dW; ours
 *       uses dW)</td></tr>
 *   <tr><td>mnist-mlp256</td><td>784→256 ReLU→10, softmax CE, l2 1e-6, N(0,1)·0.1</td>
 *       <td>RMSprop (elementwise, DL4J's) lr 1e-3, ρ 0.9, ε 1e-8, batch 128, 5 epochs</td>
 *       <td>full batch, scalar-per-tensor RMSprop η 0.5, γ 0.99, ε 1e-3, 2000 steps</td></tr>
 *   <tr><td>mnist-lenet</td><td>conv 8@5×5 ReLU, max 2, conv 16@5×5 ReLU, max 2, 256→10 softmax,
 *       U(±1/√(fanIn+fanOut)), per-image z-score</td><td colspan="2">Adam lr 1e-3, batch 64, 3 epochs</td></tr>
 *   <tr><td>moons</td><td>2→25→50→50→25 ReLU→1, BCE, N(0,1)·0.1; n 1000, noise 0.2, 10% test</td>
 *       <td colspan="2">full-batch gradient descent lr 0.01, 10,000 steps</td></tr>
 *   <tr><td>digits20-mlp25</td><td>400→25 sigmoid→10, per-output BCE, course λ 1 → l2 = 1/5000,
 *       U(±√(6/(fanIn+fanOut))) (the course's ε_init = √6/√(L_in+L_out) ≈ 0.12)</td>
 *       <td colspan="2">full-batch L-BFGS (memory 10), 200 evaluations</td></tr>
 * </table>
 *
 * <p><b>L2 of mnist-mlp256.</b> The recipe's α = 1e-6 is taken as a decay coefficient whose
 * gradient term is α·W, i.e. {@code l2 = α} in our (l2/2)·ΣW² convention
 * ({@link L2Convention#fromGradientCoefficient}); a recipe that writes the penalty as α·ΣW² would
 * mean {@code l2 = 2α} ({@link L2Convention#fromPenaltyCoefficient}). At 1e-6 either is far below
 * what changes the result.
 *
 * <p><b>L2 of digits20-mlp25.</b> The course's {@code λ/(2m)·Σθ²} with λ = 1 over its m = 5000
 * training examples is {@code l2 = λ/m = 2e-4} ({@link L2Convention#fromCourseLambda}); the course
 * trains and reports on all 5000 digits, so the recipe holds out no test set.
 */
public final class ReferenceModels {

    public static final String IS_ZERO_LOGISTIC = "is-zero-logistic";
    public static final String IS_ZERO_MLP64 = "is-zero-mlp64";
    public static final String MNIST_MLP256 = "mnist-mlp256";
    public static final String MNIST_LENET = "mnist-lenet";
    public static final String MOONS = "moons";
    public static final String DIGITS20_MLP25 = "digits20-mlp25";

    /** Default seed of every reference model. */
    public static final long SEED = 42L;

    /** The course's ex4 λ and training-set size. */
    public static final double DIGITS20_COURSE_LAMBDA = 1.0;
    public static final int DIGITS20_COURSE_M = 5000;
    /** The mnist-mlp256 recipe's α (see the class doc for the convention). */
    public static final double MNIST_MLP256_ALPHA = 1e-6;

    private static final Map<String, ModelSpec> DEFAULTS = new LinkedHashMap<>();
    private static final Map<String, ModelSpec> RECIPES = new LinkedHashMap<>();

    static {
        for (ModelSpec s : List.of(isZeroLogistic(), isZeroMlp64(), mnistMlp256(), mnistLenet(), moons(),
                digits20Mlp25())) {
            DEFAULTS.put(s.id(), s);
            RECIPES.put(s.id(), s);
        }
        RECIPES.put(MNIST_MLP256, mnistMlp256Recipe());
    }

    private ReferenceModels() {
    }

    /** The ids in the order. */
    public static List<String> ids() {
        return List.copyOf(DEFAULTS.keySet());
    }

    /** All six default specs in the order. */
    public static List<ModelSpec> all() {
        return List.copyOf(DEFAULTS.values());
    }

    /** The default spec of a reference model. */
    public static ModelSpec get(String id) {
        ModelSpec s = DEFAULTS.get(id);
        if (s == null) {
            throw new IllegalArgumentException("unknown model id '" + id + "'; known: " + String.join(", ", ids()));
        }
        return s;
    }

    /** The seed recipe's own schedule (the same as {@link #get} except for mnist-mlp256). */
    public static ModelSpec recipe(String id) {
        get(id);
        return RECIPES.get(id);
    }

    static ModelSpec isZeroLogistic() {
        NetworkSpec net = new NetworkSpec(new int[]{784},
                List.of(new DenseSpec(1, new InitSpec.Normal(0.01))), LossKind.BCE_SIGMOID, 0.0);
        return new ModelSpec(IS_ZERO_LOGISTIC, "MNIST is-it-a-zero logistic regression (784→1, sigmoid, BCE)",
                DataRecipe.of(Dataset.MNIST, Transform.SCALE255, Target.IS_DIGIT_0, 0),
                net, new OptimizerSpec.Sgd(1.0), TrainingSpec.withReplacement(256, 2000), SEED);
    }

    static ModelSpec isZeroMlp64() {
        InitSpec init = new InitSpec.Normal(0.01);
        NetworkSpec net = new NetworkSpec(new int[]{784},
                List.of(new DenseSpec(64, init), new ActivationSpec(Activation.SIGMOID), new DenseSpec(1, init)),
                LossKind.BCE_SIGMOID, 0.0);
        return new ModelSpec(IS_ZERO_MLP64, "MNIST is-it-a-zero MLP (784→64 sigmoid→1, BCE)",
                DataRecipe.of(Dataset.MNIST, Transform.SCALE255, Target.IS_DIGIT_0, 0),
                net, new OptimizerSpec.Sgd(1.0), TrainingSpec.withReplacement(1024, 2000), SEED);
    }

    static NetworkSpec mlp256Network() {
        InitSpec init = new InitSpec.Normal(0.1);
        return new NetworkSpec(new int[]{784},
                List.of(new DenseSpec(256, init), new ActivationSpec(Activation.RELU), new DenseSpec(10, init)),
                LossKind.SOFTMAX_CE, L2Convention.fromGradientCoefficient(MNIST_MLP256_ALPHA));
    }

    static ModelSpec mnistMlp256() {
        return new ModelSpec(MNIST_MLP256, "MNIST MLP 784→256 ReLU→10 softmax, CE + L2",
                DataRecipe.of(Dataset.MNIST, Transform.SCALE255, Target.ONE_HOT, 0),
                mlp256Network(), new OptimizerSpec.RmsProp(1e-3, 0.9, 1e-8), TrainingSpec.epochs(128, 5), SEED);
    }

    static ModelSpec mnistMlp256Recipe() {
        return mnistMlp256().withOptimizer(new OptimizerSpec.ScalarRmsProp(0.5, 0.99, 1e-3))
                .withTraining(TrainingSpec.fullBatch(2000));
    }

    static ModelSpec mnistLenet() {
        InitSpec init = new InitSpec.UniformFan();
        List<LayerSpec> layers = List.of(
                new Conv2dSpec(8, 5, 5, 1, init), new ActivationSpec(Activation.RELU), new MaxPool2dSpec(2, 2),
                new Conv2dSpec(16, 5, 5, 1, init), new ActivationSpec(Activation.RELU), new MaxPool2dSpec(2, 2),
                new FlattenSpec(), new DenseSpec(10, init));
        NetworkSpec net = new NetworkSpec(new int[]{1, 28, 28}, layers, LossKind.SOFTMAX_CE, 0.0);
        return new ModelSpec(MNIST_LENET, "MNIST LeNet: conv 8@5x5, pool 2, conv 16@5x5, pool 2, 256→10 softmax",
                DataRecipe.of(Dataset.MNIST, Transform.ZSCORE_PER_IMAGE, Target.ONE_HOT, 0),
                net, new OptimizerSpec.Adam(1e-3, 0.9, 0.999, 1e-8), TrainingSpec.epochs(64, 3), SEED);
    }

    static ModelSpec moons() {
        InitSpec init = new InitSpec.Normal(0.1);
        List<LayerSpec> layers = new ArrayList<>();
        for (int units : new int[]{25, 50, 50, 25}) {
            layers.add(new DenseSpec(units, init));
            layers.add(new ActivationSpec(Activation.RELU));
        }
        layers.add(new DenseSpec(1, init));
        NetworkSpec net = new NetworkSpec(new int[]{2}, layers, LossKind.BCE_SIGMOID, 0.0);
        return new ModelSpec(MOONS, "Two moons (n 1000, noise 0.2): 2→25→50→50→25 ReLU→1 sigmoid, BCE",
                new DataRecipe(Dataset.MOONS, Transform.NONE, Target.LABEL_0_1, 1000, 0.2, 0.1),
                net, new OptimizerSpec.Sgd(0.01), TrainingSpec.fullBatch(10_000), SEED);
    }

    static ModelSpec digits20Mlp25() {
        InitSpec init = new InitSpec.XavierUniform();
        NetworkSpec net = new NetworkSpec(new int[]{400},
                List.of(new DenseSpec(25, init), new ActivationSpec(Activation.SIGMOID), new DenseSpec(10, init)),
                LossKind.BCE_SIGMOID, L2Convention.fromCourseLambda(DIGITS20_COURSE_LAMBDA, DIGITS20_COURSE_M));
        return new ModelSpec(DIGITS20_MLP25, "The ML course's ex4 net: 400→25 sigmoid→10 sigmoid, per-output BCE + L2 (λ=1)",
                DataRecipe.of(Dataset.DIGITS20, Transform.NONE, Target.PER_OUTPUT_0_1, 0),
                net, new OptimizerSpec.Lbfgs(10, 200), TrainingSpec.fullBatch(200), SEED);
    }
}
