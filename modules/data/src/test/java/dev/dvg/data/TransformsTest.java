package dev.dvg.data;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TransformsTest {
    static LabeledData two() {
        return new LabeledData("t", new float[] {0, 0.5f, 1, 0.5f, 0.5f, 0.5f}, new int[] {3, 0}, 2, new int[] {3}, 10);
    }

    @Test
    void zScorePerExampleAndConstantExample() {
        LabeledData z = Transforms.zScorePerExample(two());
        float s = (float) Math.sqrt(1.5);
        assertArrayEquals(new float[] {-s, 0, s, 0, 0, 0}, z.x(), 1e-6f);
        assertArrayEquals(new float[] {0, 0.5f, 1, 0.5f, 0.5f, 0.5f}, two().x(), "input untouched");
    }

    @Test
    void oneHotScaleIsClassShuffle() {
        assertArrayEquals(new float[] {0, 0, 1, 1, 0, 0}, Transforms.oneHot(new int[] {2, 0}, 3));
        assertThrows(IllegalArgumentException.class, () -> Transforms.oneHot(new int[] {3}, 3));
        assertArrayEquals(new float[] {0, 1, 2, 1, 1, 1}, Transforms.scale(two(), 2).x());
        LabeledData isZero = Transforms.isClass(two(), 0);
        assertArrayEquals(new int[] {0, 1}, isZero.labels());
        assertEquals(2, isZero.numClasses());
        assertArrayEquals(new float[] {0, 1}, Transforms.targets(isZero, Transforms.TargetKind.BINARY));
        LabeledData sh = Transforms.shuffle(two(), 1);
        int[] perm = new NumpyRandomState(1).permutation(2);
        assertEquals(two().labels()[perm[0]], sh.labels()[0]);
        assertArrayEquals(new int[] {2, 0}, Transforms.argmaxRows(new float[] {0, 1, 5, 9, 2, 3}, 2, 3));
    }

    @Test
    void labeledDataValidates() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new LabeledData("d", new float[4], new int[] {0, 10}, 2, new int[] {2}, 10));
        assertEquals("d: label 10 at index 1 is outside 0..9", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new LabeledData("d", new float[5], null, 2, new int[] {2}, 10));
        assertEquals("d: x must hold n*features = 2*2 floats, got 5", e.getMessage());
        LabeledData d = two();
        assertEquals(1, d.slice(1, 2).n());
        assertArrayEquals(new long[] {1, 0, 0, 1, 0, 0, 0, 0, 0, 0}, d.classCounts());
    }
}
