package dev.dvg.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link MaxPool2d} against {@link ReferenceMaxPool2d}: exact (no arithmetic but the backward sum). */
class MaxPool2dTest {

    static Stream<PoolShape> shapes() {
        return Stream.of(
                new PoolShape(4, 8, 24, 24, 2, 2),   // LeNet pool1
                new PoolShape(4, 16, 8, 8, 2, 2),    // LeNet pool2
                new PoolShape(1, 1, 1, 1, 1, 1),
                new PoolShape(2, 3, 7, 9, 3, 2),
                new PoolShape(2, 2, 5, 5, 2, 1),     // overlapping windows: gradients add up
                new PoolShape(3, 1, 13, 11, 3, 3),
                new PoolShape(2, 3, 21, 19, 2, 2),   // whole vectors of windows and a scalar tail
                new PoolShape(1, 2, 20, 20, 3, 1));  // overlapping, 324 windows per plane
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shapes")
    void matchesReference(PoolShape s) {
        float[] x = GemmTest.random(s.inSize(), 1);
        // ties: the first max in window order must win, as in the reference
        for (int i = 0; i < x.length; i += 5) {
            x[i] = 0.5f;
        }
        check(s, x);
    }

    /**
     * NaN and signed zeros behave as the scalar {@code if (x > max)}: a NaN first in its window
     * stays the max, a NaN elsewhere is skipped, and -0 and +0 tie (the first wins).
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("shapes")
    void nanAndSignedZerosAsTheScalarComparison(PoolShape s) {
        float[] x = GemmTest.random(s.inSize(), 4);
        for (int i = 0; i < x.length; i++) {
            x[i] = switch (i % 7) {
                case 0 -> Float.NaN;
                case 2, 5 -> -0f;
                case 3 -> 0f;
                default -> x[i] - 1f; // negative, below the zeros
            };
        }
        check(s, x);
    }

    private static void check(PoolShape s, float[] x) {
        float[] dy = GemmTest.random(s.outSize(), 2);
        float[] yRef = new float[s.outSize()];
        int[] amRef = new int[s.outSize()];
        float[] dxRef = new float[s.inSize()];
        ReferenceMaxPool2d.forward(Exec.serial(), s, x, yRef, amRef);
        ReferenceMaxPool2d.backward(Exec.serial(), s, dy, amRef, dxRef);
        try (Exec two = Exec.create(2)) {
            for (Exec ex : new Exec[] {Exec.serial(), two}) {
                float[] y = new float[s.outSize()];
                int[] am = new int[s.outSize()];
                float[] dx = GemmTest.random(s.inSize(), 3);
                MaxPool2d.forward(ex, s, x, y, am);
                MaxPool2d.backward(ex, s, dy, am, dx);
                assertArrayEquals(yRef, y, 0f, "y " + s);
                assertArrayEquals(amRef, am, "argmax " + s);
                assertArrayEquals(dxRef, dx, 0f, "dx " + s);
            }
        }
    }
}
