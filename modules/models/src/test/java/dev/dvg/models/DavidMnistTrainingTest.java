package dev.dvg.models;

import dev.dvg.data.LabeledData;
import dev.dvg.data.fetch.DataCatalog;
import dev.dvg.data.fetch.DatasetId;
import dev.dvg.engine.Tensor;
import dev.dvg.engine.eval.BinaryReport;
import dev.dvg.engine.eval.ClassificationReport;
import dev.dvg.engine.nn.MiniBatch;
import dev.dvg.engine.nn.Network;
import dev.dvg.engine.nn.Trainer;
import dev.dvg.engine.optim.Optimizers;
import dev.dvg.engine.spec.OptimizerSpec;
import dev.dvg.kernels.Exec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.Iterator;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Short real training runs of David on MNIST (loaded through the data module's {@link DataCatalog};
 * pixels / 255), asserting the accuracy thresholds on the official 10,000-image test set.
 * Budgets are a small fraction of the reference schedules so that both runs take seconds on 2 cores.
 */
class DavidMnistTrainingTest {

    private static LabeledData train;
    private static LabeledData test;
    private static Exec exec;

    @BeforeAll
    static void load() throws IOException {
        DataCatalog catalog = DataCatalog.fromEnvironment();
        train = catalog.loadTrain(DatasetId.MNIST);
        test = catalog.loadTest(DatasetId.MNIST);
        exec = Exec.create(2);
    }

    @AfterAll
    static void close() {
        exec.close();
    }

    /** 784→256 ReLU→10 softmax, RMSprop (DL4J formula) lr 1e−3, batch 128, 1000 steps (2.1 epochs). */
    @Test
    void mlp256ReachesNinetyFivePercent() {
        var model = ReferenceModels.get(ReferenceModels.MNIST_MLP256);
        Network net = Network.build(model.network(), model.seed(), exec);
        Trainer trainer = new Trainer(net, Optimizers.create(new OptimizerSpec.RmsProp(1e-3, 0.9, 1e-8)));
        long t0 = System.nanoTime();
        double last = trainer.fit(shuffledEpochs(128, 10, model.seed(), false), 1000);
        double seconds = (System.nanoTime() - t0) / 1e9;
        ClassificationReport report = ClassificationReport.of(net.output(features(test)), oneHot(test));
        System.out.printf("mnist-mlp256: 1000 steps in %.1f s, last loss %.4f, test accuracy %.4f%n%s",
                seconds, last, report.accuracy(), report.render());
        assertEquals(10_000, report.total());
        assertTrue(report.accuracy() >= 0.95, "test accuracy " + report.accuracy());
    }

    /** 784→1 sigmoid, BCE, SGD lr 1.0, batch 256 drawn with replacement, N(0,1)·0.01 init, 300 steps. */
    @Test
    void isZeroLogisticReachesNinetyEightPercent() {
        var model = ReferenceModels.get(ReferenceModels.IS_ZERO_LOGISTIC);
        Network net = Network.build(model.network(), model.seed(), exec);
        Trainer trainer = new Trainer(net, Optimizers.create(new OptimizerSpec.Sgd(1.0)));
        long t0 = System.nanoTime();
        double last = trainer.fit(withReplacement(256, model.seed()), 300);
        double seconds = (System.nanoTime() - t0) / 1e9;
        BinaryReport report = BinaryReport.of(net.output(features(test)), isZero(test));
        System.out.printf("is-zero-logistic: 300 steps in %.1f s, last loss %.4f%n%s", seconds, last, report.render());
        assertTrue(report.accuracy() >= 0.98, "test accuracy " + report.accuracy());
        assertTrue(report.rocAuc() > 0.99, "ROC AUC " + report.rocAuc());
    }

    private static Tensor features(LabeledData d) {
        return Tensor.wrap(d.x(), d.n(), d.features());
    }

    private static Tensor oneHot(LabeledData d) {
        float[] y = new float[d.n() * 10];
        for (int i = 0; i < d.n(); i++) {
            y[i * 10 + d.label(i)] = 1f;
        }
        return Tensor.wrap(y, d.n(), 10);
    }

    private static Tensor isZero(LabeledData d) {
        float[] y = new float[d.n()];
        for (int i = 0; i < d.n(); i++) {
            y[i] = d.label(i) == 0 ? 1f : 0f;
        }
        return Tensor.wrap(y, d.n(), 1);
    }

    /** Batches of the training set in a seeded shuffled order, epoch after epoch (one-hot or is-zero targets). */
    private static Iterator<MiniBatch> shuffledEpochs(int batch, int epochs, long seed, boolean binary) {
        Random rng = new Random(seed);
        int[] order = new int[train.n()];
        return new Iterator<>() {
            int epoch = 0;
            int pos = train.n();

            @Override
            public boolean hasNext() {
                return epoch < epochs || pos + batch <= train.n();
            }

            @Override
            public MiniBatch next() {
                if (pos + batch > train.n()) {
                    for (int i = 0; i < order.length; i++) {
                        order[i] = i;
                    }
                    for (int i = order.length - 1; i > 0; i--) {
                        int j = rng.nextInt(i + 1);
                        int t = order[i];
                        order[i] = order[j];
                        order[j] = t;
                    }
                    pos = 0;
                    epoch++;
                }
                int[] idx = java.util.Arrays.copyOfRange(order, pos, pos + batch);
                pos += batch;
                return gather(idx, binary);
            }
        };
    }

    /** Endless batches of indices drawn uniformly with replacement (the is-zero recipe). */
    private static Iterator<MiniBatch> withReplacement(int batch, long seed) {
        Random rng = new Random(seed);
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public MiniBatch next() {
                int[] idx = new int[batch];
                for (int i = 0; i < batch; i++) {
                    idx[i] = rng.nextInt(train.n());
                }
                return gather(idx, true);
            }
        };
    }

    private static MiniBatch gather(int[] idx, boolean binary) {
        int f = train.features();
        int k = binary ? 1 : 10;
        float[] x = new float[idx.length * f];
        float[] y = new float[idx.length * k];
        for (int i = 0; i < idx.length; i++) {
            System.arraycopy(train.x(), idx[i] * f, x, i * f, f);
            int label = train.label(idx[i]);
            if (binary) {
                y[i] = label == 0 ? 1f : 0f;
            } else {
                y[i * 10 + label] = 1f;
            }
        }
        return MiniBatch.of(Tensor.wrap(x, idx.length, f), Tensor.wrap(y, idx.length, k));
    }
}
