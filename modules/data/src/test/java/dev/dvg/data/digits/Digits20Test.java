package dev.dvg.data.digits;

import dev.dvg.data.LabeledData;
import dev.dvg.data.fetch.Checksums;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import us.hebi.matlab.mat.format.Mat5;
import us.hebi.matlab.mat.types.MatFile;
import us.hebi.matlab.mat.types.Matrix;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * digits.png and ex4weights.mat from the shared data folder (system property {@code dvg.shared.data},
 * set by surefire). Skipped with a visible reason when the folder is absent.
 */
class Digits20Test {
    static Path shared;

    @BeforeAll
    static void locate() {
        String prop = System.getProperty("dvg.shared.data");
        shared = prop == null ? null : Path.of(prop);
    }

    static Path sharedFile(String rel) {
        assumeTrue(shared != null, "system property dvg.shared.data is not set: shared test data unavailable");
        Path p = shared.resolve(rel);
        assumeTrue(Files.isRegularFile(p), "shared test data " + p + " is absent");
        return p;
    }

    @Test
    void digitsPngReadsAs5000ColumnMajorCells() throws IOException {
        Path png = sharedFile("opencv-digits/digits.png");
        assertEquals("358d23894911abc842e9556d334c69d0", Checksums.uncompressed(png).md5());
        LabeledData d = Digits20.fromPng(png);
        assertEquals(5000, d.n());
        assertArrayEquals(new int[] {400}, d.featureShape());
        for (long c : d.classCounts()) {
            assertEquals(500, c);
        }
        assertEquals(0, d.labels()[0]);
        assertEquals(9, d.labels()[4999]);
        float min = 1;
        float max = 0;
        for (float v : d.x()) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        assertEquals(0f, min);
        assertEquals(1f, max);
        // the transposition: uprightImage undoes it, and a "1" is a tall thin stroke (more ink spread over
        // rows than over columns in the upright image)
        float[] one = Digits20.uprightImage(d, 500 * 1 + 3);
        assertTrue(spread(one, true) > spread(one, false), "digit 1 upright is taller than wide");
    }

    /** Number of rows (or columns) of the upright 20×20 image holding any ink. */
    static int spread(float[] img, boolean rows) {
        int count = 0;
        for (int a = 0; a < 20; a++) {
            float s = 0;
            for (int b = 0; b < 20; b++) {
                s += rows ? img[a * 20 + b] : img[b * 20 + a];
            }
            count += s > 0.5f ? 1 : 0;
        }
        return count;
    }

    @Test
    void ex4WeightsLoadAndClassifyDigitsPngLikeTheCourse() throws IOException {
        Path mat = sharedFile("ex4/ex4weights.mat");
        Ex4Weights w = Ex4Weights.load(mat);
        assertEquals(25, w.theta1().length);
        assertEquals(401, w.theta1()[0].length);
        assertEquals(10, w.theta2().length);
        assertEquals(26, w.theta2()[0].length);
        // The course reports 97.5% training accuracy of these weights on ex4data1; digits.png is the same
        // digits quantised to 8 bits. Correct layout (column-major cells) and label mapping are required.
        LabeledData d = Digits20.fromPng(sharedFile("opencv-digits/digits.png"));
        int correct = 0;
        for (int i = 0; i < d.n(); i++) {
            double[] a2 = new double[26];
            a2[0] = 1;
            for (int j = 0; j < 25; j++) {
                double z = w.theta1()[j][0];
                for (int k = 0; k < 400; k++) {
                    z += w.theta1()[j][k + 1] * d.x()[i * 400 + k];
                }
                a2[j + 1] = 1 / (1 + Math.exp(-z));
            }
            int best = 0;
            double bestZ = Double.NEGATIVE_INFINITY;
            for (int o = 0; o < 10; o++) {
                double z = 0;
                for (int j = 0; j < 26; j++) {
                    z += w.theta2()[o][j] * a2[j];
                }
                if (z > bestZ) {
                    bestZ = z;
                    best = o;
                }
            }
            correct += Ex4Weights.outputToDigit(best) == d.labels()[i] ? 1 : 0;
        }
        double acc = correct / (double) d.n();
        System.out.printf("ex4 pretrained weights on digits.png: accuracy %.4f%n", acc);
        assertTrue(acc > 0.95, "accuracy " + acc);
    }

    @Test
    void denseLayoutAndLabelMapping() {
        double[][] theta = {{0.5, 1, 2, 3}, {-0.5, 4, 5, 6}}; // H=2, D=3
        assertArrayEquals(new float[] {1, 4, 2, 5, 3, 6}, Ex4Weights.denseWeights(theta));
        assertArrayEquals(new float[] {0.5f, -0.5f}, Ex4Weights.denseBias(theta));
        assertEquals(0, Ex4Weights.outputToDigit(9));
        assertEquals(1, Ex4Weights.outputToDigit(0));
        for (int digit = 0; digit < 10; digit++) {
            assertEquals(digit, Ex4Weights.outputToDigit(Ex4Weights.digitToOutput(digit)));
        }
    }

    /** An n×400 X (closing a MatFile releases its arrays, so each file gets a fresh one). */
    static Matrix features(int n) {
        Matrix x = Mat5.newMatrix(n, 400);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < 400; j++) {
                x.setDouble(i, j, (i * 400 + j) / 1200.0);
            }
        }
        return x;
    }

    @Test
    void ex4DataMatRoundTripWithCourseLabels(@TempDir Path dir) throws IOException {
        int n = 3;
        Matrix x = features(n);
        Matrix y = Mat5.newMatrix(n, 1);
        y.setDouble(0, 10); // digit 0
        y.setDouble(1, 1);
        y.setDouble(2, 9);
        Path mat = dir.resolve("ex4data1.mat");
        try (MatFile f = Mat5.newMatFile().addArray("X", x).addArray("y", y)) {
            Mat5.writeToFile(f, mat.toFile());
        }
        LabeledData d = Digits20.fromMat(mat);
        assertArrayEquals(new int[] {0, 1, 9}, d.labels());
        assertEquals(401 / 1200.0f, d.x()[401], 1e-7f);
        assertArrayEquals(new int[] {9, 0, 8}, Digits20.toCourseLabels(d).labels());

        Matrix badY = Mat5.newMatrix(n, 1);
        badY.setDouble(0, 11);
        Path bad = dir.resolve("bad.mat");
        try (MatFile f = Mat5.newMatFile().addArray("X", features(n)).addArray("y", badY)) {
            Mat5.writeToFile(f, bad.toFile());
        }
        IOException e = assertThrows(IOException.class, () -> Digits20.fromMat(bad));
        assertTrue(e.getMessage().contains(bad + ": y(1) = 11.0, expected an integer in 1..10"), e.getMessage());
        IOException w = assertThrows(IOException.class, () -> Ex4Weights.load(bad));
        assertTrue(w.getMessage().contains("Theta1"), w.getMessage());
    }
}
