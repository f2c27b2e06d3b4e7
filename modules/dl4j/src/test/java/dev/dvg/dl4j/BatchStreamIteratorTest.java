package dev.dvg.dl4j;

import dev.dvg.data.LabeledData;
import dev.dvg.data.Transforms;
import dev.dvg.data.batch.BatchPlan;
import dev.dvg.data.batch.BatchStream;
import dev.dvg.engine.spec.OptimizerSpec;
import dev.dvg.models.ModelSpec;
import dev.dvg.models.ReferenceModels;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;

import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

class BatchStreamIteratorTest {

    private static LabeledData data(int n, int[] shape, int classes, long seed) {
        int f = 1;
        for (int d : shape) {
            f *= d;
        }
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[n * f];
        int[] labels = new int[n];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) r.nextDouble();
        }
        for (int i = 0; i < n; i++) {
            labels[i] = r.nextInt(classes);
        }
        return new LabeledData("test", x, labels, n, shape, classes);
    }

    @Test
    void handsOutTheStreamsBatchesInOrderAndResetContinues() {
        ModelSpec m = ReferenceModels.get(ReferenceModels.MNIST_LENET);
        LabeledData d = data(50, new int[]{1, 28, 28}, 10, 3);
        BatchStream reference = BatchStream.of(d, Transforms.TargetKind.ONE_HOT, BatchPlan.shuffled(16, 9));
        BatchStream stream = BatchStream.of(d, Transforms.TargetKind.ONE_HOT, BatchPlan.shuffled(16, 9));
        BatchStreamIterator it = new BatchStreamIterator(stream, m.network(), stream.stepsPerEpoch(), 16, DataType.FLOAT);
        for (int epoch = 0; epoch < 2; epoch++) {
            int count = 0;
            while (it.hasNext()) {
                DataSet ds = it.next();
                var b = reference.next();
                assertArrayEquals(new long[]{b.n(), 1, 28, 28}, ds.getFeatures().shape());
                assertArrayEquals(b.x(), ds.getFeatures().dup('c').data().asFloat());
                assertArrayEquals(b.y(), ds.getLabels().dup('c').data().asFloat());
                count++;
            }
            assertEquals(4, count, "50 examples in batches of 16, last kept");
            assertThrows(NoSuchElementException.class, it::next);
            it.reset();
        }
        assertFalse(it.asyncSupported());
    }

    @Test
    void fitOverTheIteratorEqualsStepByStepFits() {
        ModelSpec m = ReferenceModels.get(ReferenceModels.MOONS);
        LabeledData d = data(40, new int[]{2}, 2, 5);
        Goliath a = Goliath.build(m.network(), new OptimizerSpec.Adam(0.01, 0.9, 0.999, 1e-8), 1, GoliathOptions.EXACT);
        Goliath b = Goliath.build(m.network(), new OptimizerSpec.Adam(0.01, 0.9, 0.999, 1e-8), 1, GoliathOptions.EXACT);
        b.network().setParams(a.network().params().dup());
        BatchStream s1 = BatchStream.of(d, Transforms.TargetKind.BINARY, BatchPlan.shuffled(8, 2));
        a.network().fit(new BatchStreamIterator(s1, m.network(), s1.stepsPerEpoch(), 8, DataType.FLOAT), 2);
        BatchStream s2 = BatchStream.of(d, Transforms.TargetKind.BINARY, BatchPlan.shuffled(8, 2));
        List<Double> scores = new ArrayList<>();
        for (int i = 0; i < 2 * s2.stepsPerEpoch(); i++) {
            var batch = s2.next();
            scores.add(b.fitStep(batch.x(), batch.y(), batch.n()));
        }
        assertArrayEquals(b.network().params().toFloatVector(), a.network().params().toFloatVector());
        assertEquals(10, scores.size());
    }
}
