package dev.dvg.models;

import dev.dvg.data.LabeledData;
import dev.dvg.data.batch.Batch;
import dev.dvg.data.batch.BatchStream;
import dev.dvg.engine.nn.MiniBatch;
import dev.dvg.engine.nn.Network;
import dev.dvg.engine.optim.Adam;
import dev.dvg.engine.spec.OptimizerSpec;
import dev.dvg.kernels.Exec;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DavidFactoryTest {

    @Test
    void buildsEveryReferenceNetworkSeeded() {
        for (ModelSpec m : ReferenceModels.all()) {
            Network a = David.network(m, Exec.serial());
            Network b = David.network(m, Exec.serial());
            assertArrayEquals(a.getFlat(), b.getFlat(), m.id() + ": same seed, same init");
            assertEquals(ModelSpec.outputUnits(m.network()), a.outputSize(), m.id());
        }
    }

    @Test
    void optimizerFromSpecAndFullBatchRefused() {
        assertInstanceOf(Adam.class, David.optimizer(ReferenceModels.get(ReferenceModels.MNIST_LENET)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> David.optimizer(ReferenceModels.get(ReferenceModels.DIGITS20_MLP25)));
        assertTrue(e.getMessage().contains("full-batch"), e.getMessage());
        assertTrue(David.isFullBatchMinimizer(new OptimizerSpec.ConjugateGradient(5)));
    }

    @Test
    void batchAdapterWrapsWithoutCopying() {
        ModelSpec moons = ReferenceModels.get(ReferenceModels.MOONS);
        float[] x = new float[]{0.1f, 0.2f, 0.3f, 0.4f, 0.5f, 0.6f};
        int[] labels = {0, 1, 1};
        LabeledData d = new LabeledData("t", x, labels, 3, new int[]{2}, 2);
        ModelData md = ModelData.prepare(moons.data(), d, d.head(0));
        BatchStream s = md.trainStream(TrainingSpec.fullBatch(1), 1);
        Batch b = s.next();
        MiniBatch mb = David.batch(b);
        assertSame(b.x(), mb.x().data());
        assertSame(b.y(), mb.y().data());
        assertArrayEquals(new int[]{3, 2}, mb.x().shape());
        assertArrayEquals(new float[]{0, 1, 1}, mb.y().toArray());
        MiniBatch raw = David.batch(moons.network(), x, b.y(), 3);
        assertSame(x, raw.x().data());
        Network net = David.network(moons, Exec.serial());
        assertEquals(net.loss(mb.x(), mb.y()), net.loss(raw.x(), raw.y()));
        assertThrows(IllegalArgumentException.class, () -> David.batch(moons.network(), x, b.y(), 4));
    }

    @Test
    void recipeTransformsAndTargets() {
        ModelSpec lenet = ReferenceModels.get(ReferenceModels.MNIST_LENET);
        float[] x = new float[2 * 784];
        for (int i = 0; i < x.length; i++) {
            x[i] = (i % 7) / 7f;
        }
        LabeledData d = new LabeledData("t", x, new int[]{0, 3}, 2, new int[]{1, 28, 28}, 10);
        ModelData md = ModelData.prepare(lenet.data(), d, d);
        double mean = 0;
        double sq = 0;
        for (int i = 0; i < 784; i++) {
            mean += md.train().x()[i];
            sq += md.train().x()[i] * md.train().x()[i];
        }
        assertEquals(0, mean / 784, 1e-5, "z-scored per image");
        assertEquals(1, sq / 784, 1e-4);
        assertEquals(20, md.trainTargets().length, "one-hot");
        ModelData isZero = ModelData.prepare(ReferenceModels.get(ReferenceModels.IS_ZERO_LOGISTIC).data(), d, d);
        assertArrayEquals(new float[]{1, 0}, isZero.trainTargets());
    }
}
