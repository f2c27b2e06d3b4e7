package dev.dvg.sweeps;

import dev.dvg.engine.spec.Activation;
import dev.dvg.engine.spec.ActivationSpec;
import dev.dvg.engine.spec.DenseSpec;
import dev.dvg.engine.spec.LayerSpec;
import dev.dvg.engine.spec.OptimizerSpec;
import dev.dvg.models.ModelSpec;
import dev.dvg.models.ReferenceModels;
import org.junit.jupiter.api.Test;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A candidate's values become the model variant they name, and nothing else changes. */
class VariantsTest {

    private static SweepPoint point(Object... kv) {
        Map<String, Serializable> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], (Serializable) kv[i + 1]);
        }
        return new SweepPoint(m);
    }

    private static List<Integer> widths(ModelSpec m) {
        return m.network().layers().stream().filter(l -> l instanceof DenseSpec).map(l -> ((DenseSpec) l).units()).toList();
    }

    @Test
    void hiddenAndLearningRateChangeOnlyTheHiddenWidthAndTheRate() {
        ModelSpec base = ReferenceModels.get(ReferenceModels.MNIST_MLP256);
        ModelSpec v = Variants.apply(base, point("learning_rate", 0.01, "hidden", 64));
        assertEquals(List.of(64, 10), widths(v));
        OptimizerSpec.RmsProp before = (OptimizerSpec.RmsProp) base.optimizer();
        assertEquals(new OptimizerSpec.RmsProp(0.01, before.decay(), before.epsilon()), v.optimizer());
        assertEquals(base.training(), v.training());
        assertEquals(base.network().l2(), v.network().l2());
        assertEquals(base.data(), v.data());
    }

    @Test
    void depthKeepsOrRepeatsHiddenBlocksAndTheOutputLayer() {
        ModelSpec moons = ReferenceModels.get(ReferenceModels.MOONS);
        assertEquals(List.of(25, 50, 50, 25, 1), widths(moons));
        assertEquals(List.of(25, 50, 1), widths(Variants.apply(moons, point("depth", 2))));
        assertEquals(List.of(25, 50, 50, 25, 25, 25, 1), widths(Variants.apply(moons, point("depth", 6))));
        assertEquals(List.of(1), widths(Variants.apply(moons, point("depth", 0))));
        ModelSpec deep = Variants.apply(moons, point("depth", 3, "hidden", 8, "activation", "tanh"));
        assertEquals(List.of(8, 8, 8, 1), widths(deep));
        List<LayerSpec> layers = deep.network().layers();
        assertEquals(7, layers.size());
        for (int i = 1; i < 6; i += 2) {
            assertEquals(new ActivationSpec(Activation.TANH), layers.get(i), "layer " + i);
        }
    }

    @Test
    void optimizerKeepsTheLearningRateUnlessItIsSweptToo() {
        ModelSpec lenet = ReferenceModels.get(ReferenceModels.MNIST_LENET);
        assertEquals(new OptimizerSpec.Sgd(1e-3), Variants.apply(lenet, point("optimizer", "sgd")).optimizer());
        assertEquals(new OptimizerSpec.Momentum(0.05, 0.9),
                Variants.apply(lenet, point("optimizer", "momentum", "learning_rate", 0.05)).optimizer());
        assertEquals(new OptimizerSpec.RmsProp(0.05, 0.95, 1e-8),
                Variants.apply(lenet, point("learning_rate", 0.05, "optimizer", "rmsprop")).optimizer());
        assertEquals(lenet.optimizer(), Variants.apply(lenet, point("optimizer", "adam")).optimizer(),
                "same kind: the base's own settings stay");
    }

    @Test
    void batchSizeAndL2() {
        ModelSpec isZero = ReferenceModels.get(ReferenceModels.IS_ZERO_LOGISTIC);
        ModelSpec v = Variants.apply(isZero, point("batch_size", 32, "l2", 1e-3));
        assertEquals(32, v.training().batchSize());
        assertEquals(isZero.training().steps(), v.training().steps());
        assertEquals(1e-3, v.network().l2());
    }

    @Test
    void parametersTheModelCannotTakeSayWhy() {
        ModelSpec digits = ReferenceModels.get(ReferenceModels.DIGITS20_MLP25);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Variants.apply(digits, point("learning_rate", 0.1)));
        assertTrue(e.getMessage().startsWith("learning_rate: the base optimiser Lbfgs"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Variants.apply(ReferenceModels.get(ReferenceModels.MNIST_LENET), point("depth", 2)));
        assertTrue(e.getMessage().startsWith("depth: only dense networks"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Variants.apply(ReferenceModels.get(ReferenceModels.MOONS), point("batch_size", 32)));
        assertTrue(e.getMessage().startsWith("batch_size: the base schedule is full-batch"), e.getMessage());
    }
}
