package dev.dvg.data.batch;

import dev.dvg.data.LabeledData;
import dev.dvg.data.NumpyRandomState;
import dev.dvg.data.Transforms;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BatchStreamTest {
    /** n examples of 3 features; example i has features (i, i+0.25, i+0.5) and label i % 4. */
    static LabeledData data(int n) {
        float[] x = new float[n * 3];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            x[3 * i] = i;
            x[3 * i + 1] = i + 0.25f;
            x[3 * i + 2] = i + 0.5f;
            labels[i] = i % 4;
        }
        return new LabeledData("toy", x, labels, n, new int[] {3}, 4);
    }

    static List<int[]> indices(BatchStream s, int steps) {
        List<int[]> out = new ArrayList<>();
        for (int i = 0; i < steps; i++) {
            out.add(s.next().exampleIndices());
        }
        return out;
    }

    @Test
    void sameSeedSameSequenceOtherSeedOther() {
        LabeledData d = data(103);
        BatchStream a = BatchStream.of(d, Transforms.TargetKind.ONE_HOT, BatchPlan.shuffled(10, 42));
        BatchStream b = BatchStream.of(d, Transforms.TargetKind.ONE_HOT, BatchPlan.shuffled(10, 42));
        BatchStream c = BatchStream.of(d, Transforms.TargetKind.ONE_HOT, BatchPlan.shuffled(10, 43));
        List<int[]> ia = indices(a, 35);
        List<int[]> ib = indices(b, 35);
        List<int[]> ic = indices(c, 35);
        for (int i = 0; i < 35; i++) {
            assertArrayEquals(ia.get(i), ib.get(i), "step " + i);
        }
        assertNotEquals(Arrays.toString(ia.get(0)), Arrays.toString(ic.get(0)));
        // the documented order: epoch e is the e-th RandomState(seed).permutation(n)
        NumpyRandomState rs = new NumpyRandomState(42);
        int[] e0 = rs.permutation(103);
        int[] e1 = rs.permutation(103);
        assertArrayEquals(Arrays.copyOfRange(e0, 0, 10), ia.get(0));
        assertArrayEquals(Arrays.copyOfRange(e0, 100, 103), ia.get(10));
        assertArrayEquals(Arrays.copyOfRange(e1, 0, 10), ia.get(11));
    }

    @Test
    void everyExampleExactlyOncePerEpochWithKeep() {
        LabeledData d = data(103);
        BatchStream s = BatchStream.of(d, Transforms.TargetKind.ONE_HOT, BatchPlan.shuffled(10, 7));
        assertEquals(11, s.stepsPerEpoch());
        for (int epoch = 0; epoch < 3; epoch++) {
            int[] seen = new int[103];
            int batches = 0;
            for (Batch b : s.epochs(1)) {
                assertEquals(epoch, b.epoch());
                assertEquals(batches, b.stepInEpoch());
                assertEquals(epoch * 11L + batches, b.step());
                assertEquals(batches == 10, b.lastInEpoch());
                assertEquals(batches == 10 ? 3 : 10, b.n());
                for (int r = 0; r < b.n(); r++) {
                    int i = b.exampleIndices()[r];
                    seen[i]++;
                    // rows carry the right features and one-hot targets
                    assertEquals(i, b.x()[3 * r]);
                    assertEquals(i + 0.5f, b.x()[3 * r + 2]);
                    for (int k = 0; k < 4; k++) {
                        assertEquals(k == i % 4 ? 1f : 0f, b.y()[4 * r + k]);
                    }
                }
                batches++;
            }
            assertEquals(11, batches);
            for (int i = 0; i < 103; i++) {
                assertEquals(1, seen[i], "example " + i + " in epoch " + epoch);
            }
        }
    }

    @Test
    void dropPolicySkipsTheRemainderAndKeepsBatchesFull() {
        LabeledData d = data(103);
        BatchStream s = BatchStream.of(d, Transforms.TargetKind.ONE_HOT,
                new BatchPlan(10, BatchPlan.Order.SHUFFLE, BatchPlan.LastBatch.DROP, 7));
        assertEquals(10, s.stepsPerEpoch());
        int[] seen = new int[103];
        for (Batch b : s.epochs(1)) {
            assertEquals(10, b.n());
            assertEquals(30, b.x().length);
            for (int i : b.exampleIndices()) {
                seen[i]++;
            }
        }
        assertEquals(100, Arrays.stream(seen).sum());
        assertTrue(Arrays.stream(seen).allMatch(c -> c <= 1));
        // same permutation as KEEP: DROP only omits the tail
        BatchStream keep = BatchStream.of(d, Transforms.TargetKind.ONE_HOT, BatchPlan.shuffled(10, 7));
        BatchStream drop = BatchStream.of(d, Transforms.TargetKind.ONE_HOT,
                new BatchPlan(10, BatchPlan.Order.SHUFFLE, BatchPlan.LastBatch.DROP, 7));
        assertArrayEquals(keep.next().exampleIndices(), drop.next().exampleIndices());
    }

    @Test
    void sequentialAndFullBatch() {
        LabeledData d = data(25);
        BatchStream seq = BatchStream.of(d, Transforms.TargetKind.ONE_HOT, BatchPlan.sequential(10));
        assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, seq.next().exampleIndices());
        seq.next();
        Batch tail = seq.next();
        assertArrayEquals(new int[] {20, 21, 22, 23, 24}, tail.exampleIndices());
        assertTrue(tail.lastInEpoch());
        assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, seq.next().exampleIndices());

        float[] y = Transforms.targets(d, Transforms.TargetKind.ONE_HOT);
        BatchStream full = new BatchStream(d, y, 4, BatchPlan.fullBatch());
        Batch b1 = full.next();
        Batch b2 = full.next();
        assertSame(d.x(), b1.x(), "a full batch shares the data set's arrays");
        assertSame(y, b1.y());
        assertEquals(25, b1.n());
        assertEquals(1, b2.epoch());
        assertArrayEquals(new int[] {25, 3}, b1.xShape());
    }

    @Test
    void withReplacementIsSeededRandintAndFull() {
        LabeledData d = data(50);
        BatchStream s = BatchStream.of(d, Transforms.TargetKind.ONE_HOT, BatchPlan.withReplacement(8, 5));
        assertEquals(6, s.stepsPerEpoch());
        NumpyRandomState rs = new NumpyRandomState(5);
        int[] counts = new int[50];
        for (int step = 0; step < 600; step++) {
            Batch b = s.next();
            assertEquals(8, b.n());
            for (int r = 0; r < 8; r++) {
                assertEquals(rs.randint(50), b.exampleIndices()[r]);
                counts[b.exampleIndices()[r]]++;
                assertEquals(b.exampleIndices()[r], b.x()[3 * r]);
            }
        }
        // 4800 draws over 50 rows: each row ~96 times; with replacement some rows repeat within an epoch
        assertTrue(Arrays.stream(counts).allMatch(c -> c > 50 && c < 150), Arrays.toString(counts));
    }

    @Test
    void binaryTargetsAndValidation() {
        LabeledData d = Transforms.isClass(data(8), 0);
        assertArrayEquals(new int[] {1, 0, 0, 0, 1, 0, 0, 0}, d.labels());
        BatchStream s = BatchStream.of(d, Transforms.TargetKind.BINARY, BatchPlan.sequential(8));
        Batch b = s.next();
        assertEquals(1, b.targetWidth());
        assertArrayEquals(new float[] {1, 0, 0, 0, 1, 0, 0, 0}, b.y());
        assertThrows(IllegalArgumentException.class,
                () -> BatchStream.of(data(8), Transforms.TargetKind.BINARY, BatchPlan.sequential(2)));
        assertThrows(IllegalArgumentException.class, () -> new BatchStream(data(8), new float[5], 1, BatchPlan.sequential(2)));
        assertThrows(IllegalArgumentException.class, () -> BatchPlan.shuffled(0, 1));
    }
}
