package dev.dvg.bench.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.dvg.models.ModelSpec;
import dev.dvg.models.ReferenceModels;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The training-step benchmark's batches: the training set in order, the same for both engines. */
class StreamedBatchesTest {

    private static final ModelSpec MOONS = BenchModels.spec(ReferenceModels.MOONS, "128");

    @Test
    void theTrainingSetIsCutInOrderAndTheLastBatchWraps() {
        int n = 128;
        List<BenchModels.Batch> batches = BenchModels.batches(MOONS, n, true);
        BenchModels.Batch whole = BenchModels.batch(MOONS, 900);
        assertEquals(8, batches.size(), "ceil(900 / 128)");
        int d = whole.x().length / 900;
        int k = whole.y().length / 900;
        for (int b = 0; b < batches.size(); b++) {
            BenchModels.Batch batch = batches.get(b);
            assertEquals(n, batch.n());
            assertFalse(batch.wholeSet());
            for (int i = 0; i < n; i++) {
                int example = (b * n + i) % 900;
                assertArrayEquals(Arrays.copyOfRange(whole.x(), example * d, example * d + d),
                        Arrays.copyOfRange(batch.x(), i * d, i * d + d), "x of batch " + b + " row " + i);
                assertArrayEquals(Arrays.copyOfRange(whole.y(), example * k, example * k + k),
                        Arrays.copyOfRange(batch.y(), i * k, i * k + k), "y of batch " + b + " row " + i);
            }
        }
        assertArrayEquals(BenchModels.batch(MOONS, n).x(), batches.get(0).x(), "the first batch is the unstreamed one");
        assertEquals(1, BenchModels.batches(MOONS, n, false).size());
        assertEquals(1, BenchModels.batches(MOONS, 900, true).size(), "the full batch is one batch");
        assertEquals(true, BenchModels.batches(MOONS, 900, true).get(0).wholeSet());
    }

    @Test
    void bothEnginesTakeTheSameBatchesInTheSameOrderFromTheFirstAfterARestore() {
        int steps = 10; // more than the 8 batches: the cycle wraps
        try (Engines david = Engines.create("david", MOONS, 128, true, 1);
             Engines dl4j = Engines.create("dl4j", MOONS, 128, true, 1)) {
            double[] a = new double[steps];
            double[] b = new double[steps];
            for (int s = 0; s < steps; s++) {
                a[s] = david.trainStep();
                b[s] = dl4j.trainStep();
                assertEquals(a[s], b[s], 1e-4 * Math.abs(a[s]), "step " + s + " loss, David vs DL4J");
            }
            assertNotEquals(a[0], a[1], "a different batch each step");
            david.restoreParams();
            dl4j.restoreParams();
            assertEquals(a[0], david.trainStep(), 0.0, "David restarts at the first batch");
            assertEquals(b[0], dl4j.trainStep(), 0.0, "DL4J restarts at the first batch");
        }
    }
}
