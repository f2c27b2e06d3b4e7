package dev.dvg.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Fast {@link Gemm} against {@link ReferenceGemm}, and 1 vs 2 threads bit for bit. */
class GemmTest {

    /**
     * Relative tolerance per unit of k-scale: the fast kernel sums each dot product in a different
     * order (blocked over k, lanes summed separately, FMA instead of multiply-then-add) than the
     * naive loop, so the two differ by float32 rounding. With inputs in [-1, 1] the rounding error of
     * a k-term sum is bounded by about k·2⁻²⁴·Σ|a·b|; we compare against that scale.
     */
    static final float REL_TOL = 1e-5f;

    enum Form { AB, ABT, ATB }

    private static Exec two;

    @BeforeAll
    static void setUp() {
        two = Exec.create(2);
    }

    @AfterAll
    static void tearDown() {
        two.close();
    }

    static Stream<Arguments> shapes() {
        int[][] mnk = {
            {1, 1, 1}, {1, 1, 7}, {2, 3, 1}, {7, 13, 17}, {13, 7, 17}, {17, 13, 7}, {1, 256, 784},
            {1, 10, 256}, {3, 37, 50}, {128, 1, 256}, {256, 1, 128}, {5, 100, 9}, {100, 5, 9},
            {8, 32, 256}, {9, 33, 257}, {31, 47, 513}, {129, 65, 300}, {128, 10, 256}, {256, 10, 128},
            {128, 256, 10}, {60, 1040, 19}, {130, 2, 40}, {4, 4, 4}, {40, 3, 64}, {3, 40, 64},
            {203, 25, 400}, {45, 64, 600}, {21, 17, 300}, {37, 20, 2100}, {40, 300, 1000}, {40, 256, 1100},
            // on 2 threads: a partial last row tile over 3 k blocks, split by rows (ab) and by
            // columns (abT, aTb); and column halves of 33 panels, whose second NC block (1 panel)
            // reads A in place while the first packs it
            {131, 400, 600}, {20, 2112, 820},
        };
        List<Arguments> out = new ArrayList<>();
        for (int[] s : mnk) {
            for (Form f : Form.values()) {
                out.add(Arguments.of(f, s[0], s[1], s[2]));
            }
        }
        return out.stream();
    }

    static float[] random(int size, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[size];
        for (int i = 0; i < size; i++) {
            x[i] = (float) (r.nextDouble() * 2 - 1);
        }
        return x;
    }

    static void call(Form f, Exec ex, boolean fast, int m, int n, int k, float[] a, int aOff, float[] b,
                     int bOff, float[] c, int cOff, boolean acc) {
        switch (f) {
            case AB -> {
                if (fast) {
                    Gemm.ab(ex, m, n, k, a, aOff, b, bOff, c, cOff, acc);
                } else {
                    ReferenceGemm.ab(ex, m, n, k, a, aOff, b, bOff, c, cOff, acc);
                }
            }
            case ABT -> {
                if (fast) {
                    Gemm.abT(ex, m, n, k, a, aOff, b, bOff, c, cOff, acc);
                } else {
                    ReferenceGemm.abT(ex, m, n, k, a, aOff, b, bOff, c, cOff, acc);
                }
            }
            case ATB -> {
                if (fast) {
                    Gemm.aTb(ex, m, n, k, a, aOff, b, bOff, c, cOff, acc);
                } else {
                    ReferenceGemm.aTb(ex, m, n, k, a, aOff, b, bOff, c, cOff, acc);
                }
            }
            default -> throw new IllegalStateException();
        }
    }

    @ParameterizedTest(name = "{0} m={1} n={2} k={3}")
    @MethodSource("shapes")
    void matchesReferenceWithOffsets(Form f, int m, int n, int k) {
        for (boolean acc : new boolean[] {false, true}) {
            int aOff = 3;
            int bOff = 5;
            int cOff = 7;
            float[] a = random(aOff + m * k + 2, 1 + m);
            float[] b = random(bOff + k * n + 2, 2 + n);
            float[] c0 = random(cOff + m * n + 4, 3 + k);
            float[] expected = c0.clone();
            float[] actual = c0.clone();
            call(f, Exec.serial(), false, m, n, k, a, aOff, b, bOff, expected, cOff, acc);
            call(f, Exec.serial(), true, m, n, k, a, aOff, b, bOff, actual, cOff, acc);
            float tol = REL_TOL * (k + 1);
            for (int i = 0; i < actual.length; i++) {
                boolean inC = i >= cOff && i < cOff + m * n;
                if (!inC && actual[i] != c0[i]) {
                    fail(f + " wrote outside C at index " + i);
                }
                if (Math.abs(actual[i] - expected[i]) > tol * (1 + Math.abs(expected[i]))) {
                    fail(f + " acc=" + acc + " m=" + m + " n=" + n + " k=" + k + " at " + (i - cOff)
                            + ": expected " + expected[i] + " got " + actual[i]);
                }
            }
            float[] par = c0.clone();
            call(f, two, true, m, n, k, a, aOff, b, bOff, par, cOff, acc);
            assertArrayEquals(actual, par, 0f, f + " differs between 1 and 2 threads");
        }
    }

    @Test
    void largeMlpShapesMatchAndAreThreadCountIndependent() {
        int[][] mnk = {{128, 256, 784}, {784, 256, 128}, {128, 784, 256}, {512, 256, 784}};
        for (int[] s : mnk) {
            for (Form f : Form.values()) {
                int m = s[0];
                int n = s[1];
                int k = s[2];
                float[] a = random(m * k, 11);
                float[] b = random(k * n, 12);
                float[] ref = new float[m * n];
                float[] one = new float[m * n];
                float[] par = new float[m * n];
                call(f, Exec.serial(), false, m, n, k, a, 0, b, 0, ref, 0, false);
                call(f, Exec.serial(), true, m, n, k, a, 0, b, 0, one, 0, false);
                call(f, two, true, m, n, k, a, 0, b, 0, par, 0, false);
                assertArrayEquals(one, par, 0f, f + " " + m + "x" + n + "x" + k + " 1 vs 2 threads");
                float tol = REL_TOL * k;
                for (int i = 0; i < ref.length; i++) {
                    if (Math.abs(one[i] - ref[i]) > tol * (1 + Math.abs(ref[i]))) {
                        fail(f + " " + m + "x" + n + "x" + k + " at " + i + ": " + ref[i] + " vs " + one[i]);
                    }
                }
            }
        }
    }

    /**
     * A narrow product reads A in place (no packing) but must do the same float operations as the
     * packed path: the first 64 columns of A·[W | W'] equal A·W bit for bit, for A contiguous along k
     * (ab: X·W) and along m (aTb: Xᵀ·dZ), with 203 rows so the last row tile is partial, and k = 2100
     * so the two paths also cut k into different blocks.
     */
    @ParameterizedTest(name = "A {0}")
    @ValueSource(strings = {"dense", "mostly zero"})
    void inPlaceAndPackedAPathsAgreeBitForBit(String kind) {
        int m = 203;
        int k = 2100;
        float[] a = kind.equals("dense") ? random(m * k, 21) : imageLike(m, k, 21);
        float[] wide = random(k * 160, 22);
        float[] narrow = new float[k * 64];
        for (int p = 0; p < k; p++) {
            System.arraycopy(wide, p * 160, narrow, p * 64, 64);
        }
        for (boolean transposed : new boolean[] {false, true}) {
            for (boolean acc : new boolean[] {false, true}) {
                float[] cw = random(m * 160, 23);
                float[] cn = new float[m * 64];
                for (int i = 0; i < m; i++) {
                    System.arraycopy(cw, i * 160, cn, i * 64, 64);
                }
                if (transposed) {
                    Gemm.aTb(Exec.serial(), m, 160, k, a, 0, wide, 0, cw, 0, acc);
                    Gemm.aTb(Exec.serial(), m, 64, k, a, 0, narrow, 0, cn, 0, acc);
                } else {
                    Gemm.ab(Exec.serial(), m, 160, k, a, 0, wide, 0, cw, 0, acc);
                    Gemm.ab(Exec.serial(), m, 64, k, a, 0, narrow, 0, cn, 0, acc);
                }
                for (int i = 0; i < m; i++) {
                    for (int j = 0; j < 64; j++) {
                        assertEquals(cw[i * 160 + j], cn[i * 64 + j], 0f,
                                (transposed ? "aTb" : "ab") + " acc=" + acc + " C(" + i + "," + j + ")");
                    }
                }
            }
        }
    }

    /**
     * Rows like flattened images: a zero border, a few all-zero rows, and inside the rest about half
     * the entries zero. The packed path drops the p where a whole MR-row panel of A is zero (and, for
     * aTb, where MR columns are), so these exercise both the compacted and the plain panels.
     */
    static float[] imageLike(int m, int k, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] a = new float[m * k];
        for (int i = 0; i < m; i++) {
            if (i % 11 == 5) {
                continue;
            }
            for (int p = k / 5; p < k - k / 4; p++) {
                if (r.nextBoolean()) {
                    a[i * k + p] = (float) (r.nextDouble() * 2 - 1);
                }
            }
        }
        return a;
    }

    @ParameterizedTest(name = "{0} m={1} n={2} k={3}")
    @MethodSource("shapes")
    void mostlyZeroOperandsMatchReferenceAndAreThreadCountIndependent(Form f, int m, int n, int k) {
        float[] a = imageLike(f == Form.ATB ? k : m, f == Form.ATB ? m : k, 31 + k);
        float[] b = random(k * n, 32 + n);
        for (boolean acc : new boolean[] {false, true}) {
            float[] c0 = random(m * n, 33);
            float[] expected = c0.clone();
            float[] one = c0.clone();
            float[] par = c0.clone();
            call(f, Exec.serial(), false, m, n, k, a, 0, b, 0, expected, 0, acc);
            call(f, Exec.serial(), true, m, n, k, a, 0, b, 0, one, 0, acc);
            call(f, two, true, m, n, k, a, 0, b, 0, par, 0, acc);
            assertArrayEquals(one, par, 0f, f + " 1 vs 2 threads");
            float tol = REL_TOL * (k + 1);
            for (int i = 0; i < one.length; i++) {
                if (Math.abs(one[i] - expected[i]) > tol * (1 + Math.abs(expected[i]))) {
                    fail(f + " acc=" + acc + " at " + i + ": expected " + expected[i] + " got " + one[i]);
                }
            }
        }
    }

    /**
     * A prepacked A gives the same bits as packing it in the product, for ab and aTb, dense and
     * image-like, with and without accumulation, on 1 and 2 threads, and at shapes where the product
     * reads A in place or solves the transposed problem (where the panels must simply be ignored).
     */
    @ParameterizedTest(name = "{0} m={1} n={2} k={3}")
    @MethodSource("shapes")
    void prepackedAGivesTheSameBits(Form f, int m, int n, int k) {
        if (f == Form.ABT) {
            return; // no prepacked form
        }
        for (boolean image : new boolean[] {false, true}) {
            float[] a = image ? imageLike(f == Form.ATB ? k : m, f == Form.ATB ? m : k, 51 + k)
                    : random(m * k, 52 + k);
            float[] b = random(k * n, 53 + n);
            Gemm.PackedA pa = f == Form.AB ? Gemm.prepackAb(two, m, k, a, 0) : Gemm.prepackATb(two, m, k, a, 0);
            assertEquals(true, pa.isOf(a, 0, m, k));
            for (boolean acc : new boolean[] {false, true}) {
                float[] expected = random(m * n, 54);
                float[] one = expected.clone();
                float[] par = expected.clone();
                call(f, Exec.serial(), true, m, n, k, a, 0, b, 0, expected, 0, acc);
                if (f == Form.AB) {
                    Gemm.ab(Exec.serial(), m, n, k, pa, b, 0, one, 0, acc);
                    Gemm.ab(two, m, n, k, pa, b, 0, par, 0, acc);
                } else {
                    Gemm.aTb(Exec.serial(), m, n, k, pa, b, 0, one, 0, acc);
                    Gemm.aTb(two, m, n, k, pa, b, 0, par, 0, acc);
                }
                assertArrayEquals(expected, one, 0f, f + " image=" + image + " acc=" + acc + " 1 thread");
                assertArrayEquals(expected, par, 0f, f + " image=" + image + " acc=" + acc + " 2 threads");
            }
        }
    }

    @Test
    void prepackedAIsUsedAtTheMnistInputShapes() {
        // the shapes it exists for must not fall back to packing: the first layer of 784-256-10
        assertEquals(true, Gemm.abPacksA(1000, 256, 784));
        assertEquals(true, Gemm.aTbPacksA(784, 256, 1000));
        // 25 and 64 hidden units read A in place: prepacking would only cost memory
        assertEquals(false, Gemm.abPacksA(1000, 64, 784));
        assertEquals(false, Gemm.aTbPacksA(400, 25, 5000));
    }

    @Test
    void prepackedARejectsAnotherShapeOrForm() {
        float[] a = random(40 * 30, 61);
        Gemm.PackedA pa = Gemm.prepackAb(Exec.serial(), 40, 30, a, 0);
        float[] b = random(30 * 70, 62);
        float[] c = new float[40 * 70];
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Gemm.aTb(Exec.serial(), 40, 70, 30, pa, b, 0, c, 0, false));
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("prepacked for ab as 40x30"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Gemm.ab(Exec.serial(), 30, 70, 40, pa, b, 0, c, 0, false));
        assertEquals(false, pa.isOf(a.clone(), 0, 40, 30));
        assertThrows(IllegalArgumentException.class, () -> Gemm.prepackAb(Exec.serial(), 40, 31, a, 0));
    }

    /**
     * abBias gives the bits of ab followed by the bias and ReLU passes over C, whether the shape
     * fuses them into the product (block by block) or not, on 1 and 2 threads, with A packed in
     * the product or prepacked, and with a bias holding NaN, −0 and values that flip signs.
     */
    @ParameterizedTest(name = "{0} m={1} n={2} k={3}")
    @MethodSource("shapes")
    void abBiasIsAbThenBiasThenRelu(Form f, int m, int n, int k) {
        if (f != Form.AB) {
            return;
        }
        float[] a = imageLike(m, k, 71 + k);
        float[] b = random(k * n, 72 + n);
        float[] bias = random(n + 3, 73);
        bias[3 + n / 2] = -0f;
        if (n > 2) {
            bias[3 + n - 1] = Float.NaN;
        }
        Gemm.PackedA pa = m > 0 && k > 0 ? Gemm.prepackAb(two, m, k, a, 0) : null;
        for (boolean relu : new boolean[] {false, true}) {
            float[] expected = random(m * n, 74);
            Gemm.ab(Exec.serial(), m, n, k, a, 0, b, 0, expected, 0, false);
            Elementwise.addRowBias(m, n, expected, 0, bias, 3);
            if (relu) {
                Elementwise.reluForward(expected, expected, 0, m * n);
            }
            for (Exec ex : new Exec[] {Exec.serial(), two}) {
                float[] c = random(m * n, 75);
                Gemm.abBias(ex, m, n, k, a, 0, b, 0, c, 0, bias, 3, relu);
                assertArrayEquals(expected, c, 0f, "relu=" + relu + " threads=" + ex.threads()
                        + " fused=" + Gemm.abFusesEpilogue(m, n, k));
                float[] cp = random(m * n, 76);
                Gemm.abBias(ex, m, n, k, pa, b, 0, cp, 0, bias, 3, relu);
                assertArrayEquals(expected, cp, 0f, "prepacked relu=" + relu + " threads=" + ex.threads());
            }
        }
    }

    /**
     * abTMasked gives the bits of abT followed by reluBackward with the mask as the ReLU's output,
     * whether the shape masks C inside the product (block by block) or in a pass after it, on 1 and
     * 2 threads, with a mask at an offset of its own holding NaN, ±0, negatives and positives.
     */
    @ParameterizedTest(name = "{0} m={1} n={2} k={3}")
    @MethodSource("shapes")
    void abTMaskedIsAbTThenReluBackward(Form f, int m, int n, int k) {
        if (f == Form.ABT) {
            checkAbTMasked(m, n, k);
        }
    }

    /** Several row blocks of C (m > MC) masked one by one: the dH = dZ2·W2ᵀ shapes of mnist-mlp256. */
    @ParameterizedTest(name = "m={0} n={1} k={2}")
    @org.junit.jupiter.params.provider.CsvSource({"700, 256, 10", "517, 96, 33", "1100, 40, 7"})
    void abTMaskedOverManyRowBlocks(int m, int n, int k) {
        checkAbTMasked(m, n, k);
    }

    static void checkAbTMasked(int m, int n, int k) {
        float[] a = random(m * k, 81 + k);
        float[] b = random(n * k, 82 + n);
        float[] mask = random(m * n + 5, 83);
        for (int i = 5; i < mask.length; i += 7) {
            mask[i] = i % 3 == 0 ? Float.NaN : i % 3 == 1 ? -0f : 0f;
        }
        float[] product = new float[m * n];
        Gemm.abT(Exec.serial(), m, n, k, a, 0, b, 0, product, 0, false);
        float[] expected = new float[m * n];
        float[] maskAt0 = java.util.Arrays.copyOfRange(mask, 5, mask.length);
        Elementwise.reluBackward(maskAt0, product, expected, 0, m * n);
        for (Exec ex : new Exec[] {Exec.serial(), two}) {
            float[] c = random(m * n + 2, 84);
            Gemm.abTMasked(ex, m, n, k, a, 0, b, 0, c, 2, mask, 5);
            assertArrayEquals(expected, java.util.Arrays.copyOfRange(c, 2, c.length), 0f, "threads=" + ex.threads()
                    + " fused=" + Gemm.abTFusesMask(m, n, k));
        }
    }

    @Test
    void abTMaskIsFusedAtTheMnistShapeAndChecksTheMask() {
        assertEquals(true, Gemm.abTFusesMask(60000, 256, 10)); // dH = dZ2·W2ᵀ of mnist-mlp256, full batch
        assertEquals(true, Gemm.abTFusesMask(128, 256, 10));
        assertEquals(false, Gemm.abTFusesMask(4, 256, 10)); // dot products: masked in a pass
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Gemm.abTMasked(Exec.serial(),
                4, 5, 3, new float[12], 0, new float[15], 0, new float[20], 0, new float[20], 1));
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("mask needs 20 floats from offset 1"),
                e.getMessage());
    }

    @Test
    void abBiasIsFusedAtTheMnistShapesAndChecksTheBias() {
        assertEquals(true, Gemm.abFusesEpilogue(512, 256, 784));
        assertEquals(true, Gemm.abFusesEpilogue(60000, 256, 784));
        assertEquals(false, Gemm.abFusesEpilogue(512, 10, 256)); // the output layer: dot products
        float[] c = new float[4 * 5];
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Gemm.abBias(Exec.serial(),
                4, 5, 3, new float[12], 0, new float[15], 0, c, 0, new float[4], 0, true));
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("bias needs 5 floats"), e.getMessage());
    }

    /** For ab (A along k) and aTb (A along m: each panel column is packed as one vector). */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"ab", "aTb"})
    void zeroPanelsAreSkippedButNanInAIsNot(String form) {
        int m = 64;
        int n = 256;
        int k = 300;
        float[] a = new float[m * k];
        // one NaN in an otherwise zero A (negative zeros elsewhere): row 17 of C must come out NaN
        for (int i = 0; i < a.length; i += 7) {
            a[i] = -0f;
        }
        boolean transposed = form.equals("aTb");
        a[transposed ? 250 * m + 17 : 17 * k + 250] = Float.NaN;
        float[] b = random(k * n, 41);
        float[] c = random(m * n, 42);
        if (transposed) {
            Gemm.aTb(two, m, n, k, a, 0, b, 0, c, 0, false);
        } else {
            Gemm.ab(two, m, n, k, a, 0, b, 0, c, 0, false);
        }
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                float v = c[i * n + j];
                if (i == 17 ? !Float.isNaN(v) : v != 0f) {
                    fail("C(" + i + "," + j + ") = " + v);
                }
            }
        }
    }

    @Test
    void zeroKOverwritesOrKeeps() {
        float[] c = {1f, 2f, 3f, 4f};
        Gemm.ab(Exec.serial(), 2, 2, 0, new float[0], 0, new float[0], 0, c, 0, true);
        assertArrayEquals(new float[] {1f, 2f, 3f, 4f}, c);
        Gemm.ab(Exec.serial(), 2, 2, 0, new float[0], 0, new float[0], 0, c, 0, false);
        assertArrayEquals(new float[4], c);
    }

    @Test
    void knownValue() {
        // [1 2; 3 4] · [5 6; 7 8] = [19 22; 43 50]
        float[] c = new float[4];
        Gemm.ab(Exec.serial(), 2, 2, 2, new float[] {1, 2, 3, 4}, 0, new float[] {5, 6, 7, 8}, 0, c, 0, false);
        assertArrayEquals(new float[] {19, 22, 43, 50}, c);
        Gemm.abT(Exec.serial(), 2, 2, 2, new float[] {1, 2, 3, 4}, 0, new float[] {5, 7, 6, 8}, 0, c, 0, false);
        assertArrayEquals(new float[] {19, 22, 43, 50}, c);
        Gemm.aTb(Exec.serial(), 2, 2, 2, new float[] {1, 3, 2, 4}, 0, new float[] {5, 6, 7, 8}, 0, c, 0, false);
        assertArrayEquals(new float[] {19, 22, 43, 50}, c);
    }

    @Test
    void rejectsTooShortArrays() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Gemm.ab(Exec.serial(), 2, 2, 2, new float[3], 0, new float[4], 0, new float[4], 0, false));
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("A needs 4"), e.getMessage());
    }

    /**
     * The dot-product path's exact definition: per lane l an FMA chain over p ≡ l (mod L) below
     * k − k % L, the lanes added by {@link Gemm#treeSum}, then the tail products. Every output must
     * have these bits whether it fell in a 4×4 block or on the edges, at 1 or 2 threads.
     */
    @Test
    void dotProductOutputsHaveTheirDefinedBitsOnEveryPath() {
        int l = Gemm.L;
        for (int[] shape : new int[][] {{7, 6, 3 * l + 5}, {128, 10, 256}, {9, 13, 2 * l}, {4, 4, l - 3}}) {
            int m = shape[0];
            int n = shape[1];
            int k = shape[2];
            float[] a = random(m * k, 21);
            float[] b = random(n * k, 22); // B as [n×k]: abT takes the dots path for n < 8 or m < 8 ...
            float[] bkn = new float[k * n]; // ... and ab with a narrow B transposes [k×n] into it
            for (int p = 0; p < k; p++) {
                for (int j = 0; j < n; j++) {
                    bkn[p * n + j] = b[j * k + p];
                }
            }
            int kv = k - k % l;
            float[] expected = new float[m * n];
            float[] lanes = new float[l];
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    java.util.Arrays.fill(lanes, 0f);
                    for (int p = 0; p < kv; p++) {
                        lanes[p % l] = Math.fma(a[i * k + p], b[j * k + p], lanes[p % l]);
                    }
                    float s = Gemm.treeSum(lanes, 0);
                    for (int p = kv; p < k; p++) {
                        s = Math.fma(a[i * k + p], b[j * k + p], s);
                    }
                    expected[i * n + j] = s;
                }
            }
            for (int threads : new int[] {1, 2}) {
                try (Exec ex = Exec.create(threads)) {
                    float[] c = new float[m * n];
                    Gemm.ab(ex, m, n, k, a, 0, bkn, 0, c, 0, false);
                    assertArrayEquals(expected, c, 0f, "ab " + m + "x" + n + "x" + k + " at " + threads + " threads");
                    if (n < 8 || m < 8) {
                        float[] ct = new float[m * n];
                        Gemm.abT(ex, m, n, k, a, 0, b, 0, ct, 0, false);
                        assertArrayEquals(expected, ct, 0f, "abT " + m + "x" + n + "x" + k + " at " + threads + " threads");
                    }
                }
            }
        }
    }
}
