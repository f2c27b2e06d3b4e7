package dev.dvg.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Fast {@link Conv2d} against {@link ReferenceConv2d}, and 1 vs 2 threads bit for bit. */
class Conv2dTest {

    /**
     * Relative tolerance per summed term: the fast kernels use FMA and sum in a different order
     * (taps, lanes, images) than the reference loops, so results differ by float32 rounding, which
     * grows at most linearly with the number of terms in a sum (inputs in [-1, 1]).
     */
    static final float REL_TOL_PER_TERM = 2e-6f;

    private static Exec two;

    @BeforeAll
    static void setUp() {
        two = Exec.create(2);
    }

    @AfterAll
    static void tearDown() {
        two.close();
    }

    static Stream<ConvShape> shapes() {
        return Stream.of(
                new ConvShape(3, 1, 28, 28, 8, 5, 5, 1),   // LeNet conv1
                new ConvShape(3, 8, 12, 12, 16, 5, 5, 1),  // LeNet conv2
                new ConvShape(1, 1, 1, 1, 1, 1, 1, 1),
                new ConvShape(2, 3, 7, 13, 5, 3, 2, 1),
                new ConvShape(2, 2, 9, 9, 9, 9, 9, 1),     // kernel = input
                new ConvShape(5, 1, 6, 17, 17, 1, 1, 1),   // 1x1 kernel, 17 filters
                new ConvShape(2, 5, 11, 8, 3, 4, 3, 1),
                new ConvShape(2, 1, 28, 28, 8, 5, 5, 2),   // stride 2
                new ConvShape(3, 3, 13, 11, 4, 3, 3, 2),
                new ConvShape(1, 2, 7, 7, 3, 2, 2, 3));
    }

    static void assertClose(String what, float[] expected, float[] actual, float tol) {
        for (int i = 0; i < expected.length; i++) {
            if (Math.abs(expected[i] - actual[i]) > tol * (1 + Math.abs(expected[i]))) {
                fail(what + " at " + i + ": expected " + expected[i] + " got " + actual[i]);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shapes")
    void forwardMatchesReference(ConvShape s) {
        float[] x = GemmTest.random(s.inSize(), 1);
        float[] w = GemmTest.random(s.weightSize(), 2);
        float[] b = GemmTest.random(s.f(), 3);
        float[] ref = new float[s.outSize()];
        float[] one = new float[s.outSize()];
        float[] par = new float[s.outSize()];
        ReferenceConv2d.forward(Exec.serial(), s, x, w, b, ref);
        Conv2d.forward(Exec.serial(), s, x, w, b, one);
        Conv2d.forward(two, s, x, w, b, par);
        int terms = s.c() * s.kh() * s.kw() + 1;
        assertClose("y " + s, ref, one, REL_TOL_PER_TERM * terms);
        assertArrayEquals(one, par, 0f, "y differs between 1 and 2 threads " + s);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shapes")
    void backwardMatchesReference(ConvShape s) {
        float[] x = GemmTest.random(s.inSize(), 4);
        float[] w = GemmTest.random(s.weightSize(), 5);
        float[] dy = GemmTest.random(s.outSize(), 6);
        float[] dxRef = new float[s.inSize()];
        float[] dwRef = new float[s.weightSize()];
        float[] dbRef = new float[s.f()];
        ReferenceConv2d.backward(Exec.serial(), s, x, w, dy, dxRef, dwRef, dbRef);
        float[][] one = run(Exec.serial(), s, x, w, dy, true);
        float[][] par = run(two, s, x, w, dy, true);
        int wTerms = s.n() * s.oh() * s.ow();
        assertClose("dw " + s, dwRef, one[1], REL_TOL_PER_TERM * wTerms);
        assertClose("db " + s, dbRef, one[2], REL_TOL_PER_TERM * wTerms);
        assertClose("dx " + s, dxRef, one[0], REL_TOL_PER_TERM * s.f() * s.kh() * s.kw());
        for (int i = 0; i < 3; i++) {
            assertArrayEquals(one[i], par[i], 0f, "gradient " + i + " differs between 1 and 2 threads " + s);
        }
        float[][] noDx = run(two, s, x, w, dy, false);
        assertArrayEquals(one[1], noDx[1], 0f, "dw with dx == null " + s);
        assertArrayEquals(one[2], noDx[2], 0f, "db with dx == null " + s);
    }

    private static float[][] run(Exec ex, ConvShape s, float[] x, float[] w, float[] dy, boolean withDx) {
        // stale garbage in the outputs must be overwritten
        float[] dx = withDx ? GemmTest.random(s.inSize(), 9) : null;
        float[] dw = GemmTest.random(s.weightSize(), 10);
        float[] db = GemmTest.random(s.f(), 11);
        Conv2d.backward(ex, s, x, w, dy, dx, dw, db);
        return new float[][] {dx, dw, db};
    }

    @Test
    void largeBatchIsThreadCountIndependent() {
        ConvShape s = new ConvShape(64, 8, 12, 12, 16, 5, 5, 1);
        float[] x = GemmTest.random(s.inSize(), 7);
        float[] w = GemmTest.random(s.weightSize(), 8);
        float[] dy = GemmTest.random(s.outSize(), 9);
        float[][] one = run(Exec.serial(), s, x, w, dy, true);
        float[][] par = run(two, s, x, w, dy, true);
        for (int i = 0; i < 3; i++) {
            assertArrayEquals(one[i], par[i], 0f, "gradient " + i);
        }
    }

    /**
     * Convolutions called from inside a parallel loop, one on the caller's thread and one on the
     * worker at the same time (their own loops then run inline): each thread's reused loop body and
     * scratch stay its own, so the results are those of a plain call.
     */
    @Test
    void callsInsideAParallelLoopGiveThePlainResults() {
        ConvShape[] shapes = {new ConvShape(3, 8, 12, 12, 16, 5, 5, 1), new ConvShape(3, 3, 13, 11, 4, 3, 3, 2)};
        float[][][] plain = new float[2][][];
        float[][][] nested = new float[2][][];
        for (int rep = 0; rep < 20; rep++) {
            two.parallelFor(0, 2, (lo, hi) -> {
                for (int i = lo; i < hi; i++) {
                    nested[i] = forwardAndBackward(two, shapes[i]);
                }
            });
            for (int i = 0; i < 2; i++) {
                if (plain[i] == null) {
                    plain[i] = forwardAndBackward(Exec.serial(), shapes[i]);
                }
                for (int k = 0; k < 4; k++) {
                    assertArrayEquals(plain[i][k], nested[i][k], 0f, "output " + k + " of " + shapes[i]);
                }
            }
        }
    }

    private static float[][] forwardAndBackward(Exec ex, ConvShape s) {
        float[] x = GemmTest.random(s.inSize(), 12);
        float[] w = GemmTest.random(s.weightSize(), 13);
        float[] y = new float[s.outSize()];
        Conv2d.forward(ex, s, x, w, GemmTest.random(s.f(), 14), y);
        float[][] g = run(ex, s, x, w, y, true);
        return new float[][] {y, g[0], g[1], g[2]};
    }

    @Test
    void rejectsShortArrays() {
        ConvShape s = new ConvShape(2, 1, 5, 5, 2, 3, 3, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Conv2d.forward(
                Exec.serial(), s, new float[s.inSize() - 1], new float[s.weightSize()], new float[2],
                new float[s.outSize()]));
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("x must have"), e.getMessage());
    }
}
