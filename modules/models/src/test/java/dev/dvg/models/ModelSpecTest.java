package dev.dvg.models;

import dev.dvg.engine.spec.DenseSpec;
import dev.dvg.engine.spec.InitSpec;
import dev.dvg.engine.spec.LossKind;
import dev.dvg.engine.spec.NetworkSpec;
import dev.dvg.engine.spec.OptimizerSpec;
import dev.dvg.models.DataRecipe.Dataset;
import dev.dvg.models.DataRecipe.Target;
import dev.dvg.models.DataRecipe.Transform;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModelSpecTest {

    private static final DataRecipe MNIST_ONE_HOT = DataRecipe.of(Dataset.MNIST, Transform.SCALE255, Target.ONE_HOT, 0);

    private static NetworkSpec dense(int in, int out, LossKind loss) {
        return new NetworkSpec(new int[]{in}, List.of(new DenseSpec(out, new InitSpec.Xavier())), loss, 0);
    }

    @Test
    void catalogueHasTheSixIdsInOrder() {
        assertEquals(List.of("is-zero-logistic", "is-zero-mlp64", "mnist-mlp256", "mnist-lenet", "moons",
                "digits20-mlp25"), ReferenceModels.ids());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ReferenceModels.get("vgg"));
        assertTrue(e.getMessage().contains("known: is-zero-logistic"), e.getMessage());
    }

    @Test
    void referenceDefaultsFollowTheIssueTable() {
        ModelSpec lr = ReferenceModels.get("is-zero-logistic");
        assertEquals(new OptimizerSpec.Sgd(1.0), lr.optimizer());
        assertEquals(TrainingSpec.withReplacement(256, 2000), lr.training());
        ModelSpec mlp64 = ReferenceModels.get("is-zero-mlp64");
        assertEquals(TrainingSpec.withReplacement(1024, 2000), mlp64.training());
        ModelSpec moons = ReferenceModels.get("moons");
        assertEquals(TrainingSpec.fullBatch(10_000), moons.training());
        assertEquals(1000, moons.data().samples());
        assertEquals(0.2, moons.data().noise());
        assertEquals(0.1, moons.data().testFraction());
        ModelSpec ex4 = ReferenceModels.get("digits20-mlp25");
        assertEquals(1.0 / 5000, ex4.network().l2(), 1e-15);
        assertEquals(1, ReferenceModels.get("is-zero-mlp64").data().targetWidth());
        assertEquals(2, ReferenceModels.get("mnist-lenet").convLayers());
    }

    @Test
    void l2Conventions() {
        assertEquals(2e-4, L2Convention.fromCourseLambda(1, 5000), 1e-18);
        assertEquals(1e-6, L2Convention.fromGradientCoefficient(1e-6));
        assertEquals(2e-6, L2Convention.fromPenaltyCoefficient(1e-6));
        assertThrows(IllegalArgumentException.class, () -> L2Convention.fromCourseLambda(1, 0));
    }

    @Test
    void shapeMismatchesAreNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ModelSpec("x", "",
                MNIST_ONE_HOT, dense(400, 10, LossKind.SOFTMAX_CE), new OptimizerSpec.Sgd(1),
                TrainingSpec.epochs(10, 1), 1));
        assertTrue(e.getMessage().contains("400 features but mnist has 784"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new ModelSpec("x", "",
                MNIST_ONE_HOT, dense(784, 1, LossKind.SOFTMAX_CE), new OptimizerSpec.Sgd(1),
                TrainingSpec.epochs(10, 1), 1));
        assertTrue(e.getMessage().contains("1 outputs but target one-hot has width 10"), e.getMessage());
    }

    @Test
    void lossMustFitTarget() {
        DataRecipe isZero = DataRecipe.of(Dataset.MNIST, Transform.SCALE255, Target.IS_DIGIT_0, 0);
        NetworkSpec twoOut = dense(784, 1, LossKind.SOFTMAX_CE);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ModelSpec("x", "",
                isZero, twoOut, new OptimizerSpec.Sgd(1), TrainingSpec.epochs(10, 1), 1));
        assertTrue(e.getMessage().contains("needs target one-hot"), e.getMessage());
    }

    @Test
    void fullBatchOptimizerNeedsFullBatchAndMatchingBudget() {
        NetworkSpec n = dense(784, 10, LossKind.SOFTMAX_CE);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ModelSpec("x", "",
                MNIST_ONE_HOT, n, new OptimizerSpec.Lbfgs(5, 100), TrainingSpec.epochs(10, 1), 1));
        assertTrue(e.getMessage().contains("training.sampling must be full-batch"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new ModelSpec("x", "",
                MNIST_ONE_HOT, n, new OptimizerSpec.Lbfgs(5, 100), TrainingSpec.fullBatch(50), 1));
        assertTrue(e.getMessage().contains("maxEvaluations (100)"), e.getMessage());
    }

    @Test
    void trainingValidation() {
        assertThrows(IllegalArgumentException.class, () -> new TrainingSpec(TrainingSpec.Sampling.FULL_BATCH, 32, 10, 0));
        assertThrows(IllegalArgumentException.class, () -> new TrainingSpec(TrainingSpec.Sampling.WITH_REPLACEMENT, 32, 0, 2));
        assertThrows(IllegalArgumentException.class, () -> new TrainingSpec(TrainingSpec.Sampling.SHUFFLED_EPOCHS, 32, 5, 2));
        assertEquals(3 * 469, TrainingSpec.epochs(128, 3).totalSteps(60_000));
        assertEquals(2000, TrainingSpec.withReplacement(256, 2000).totalSteps(60_000));
    }

    @Test
    void dataRecipeValidation() {
        assertThrows(IllegalArgumentException.class,
                () -> DataRecipe.of(Dataset.MNIST, Transform.SCALE255, Target.ONE_HOT, 0.1));
        assertThrows(IllegalArgumentException.class,
                () -> new DataRecipe(Dataset.MOONS, Transform.SCALE255, Target.LABEL_0_1, 100, 0.1, 0.1));
        assertThrows(IllegalArgumentException.class,
                () -> new DataRecipe(Dataset.MOONS, Transform.NONE, Target.IS_DIGIT_0, 100, 0.1, 0.1));
        assertThrows(IllegalArgumentException.class,
                () -> DataRecipe.of(Dataset.MNIST, Transform.SCALE255, Target.LABEL_0_1, 0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ModelSpec("Bad Id", "",
                MNIST_ONE_HOT, dense(784, 10, LossKind.SOFTMAX_CE), new OptimizerSpec.Sgd(1),
                TrainingSpec.epochs(10, 1), 1));
        assertTrue(e.getMessage().contains("model.id"), e.getMessage());
    }
}
