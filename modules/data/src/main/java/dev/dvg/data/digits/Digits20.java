package dev.dvg.data.digits;

import dev.dvg.data.DataFormatException;
import dev.dvg.data.LabeledData;
import us.hebi.matlab.mat.format.Mat5;
import us.hebi.matlab.mat.format.Mat5File;
import us.hebi.matlab.mat.types.Matrix;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The 20×20 handwritten digits of the ML course's exercise 4: 5000 examples of 400 features in [0,1],
 * labels 0..9 (digit value), 500 per digit, feature shape {@code [400]}.
 *
 * <p>Feature layout is the course's: each 20×20 cell is stored column-major (MATLAB order), i.e. feature
 * {@code c*20 + r} is the pixel in row {@code r}, column {@code c} of the upright image.
 *
 * <p>Label convention: here labels are the digit values 0..9. The course's {@code y} uses 1..10 with 10
 * meaning digit 0, so its output unit {@code j} (0-based) is digit {@code (j+1) % 10}; see
 * {@link Ex4Weights#outputToDigit(int)} and {@link #toCourseLabels(LabeledData)}.
 */
public final class Digits20 {
    public static final int SIDE = 20;
    public static final int FEATURES = SIDE * SIDE;
    public static final int COUNT = 5000;
    public static final int PER_DIGIT = 500;
    /** digits.png: 100 cells across, 50 down. */
    public static final int PNG_COLS = 100;
    public static final int PNG_ROWS = 50;

    private Digits20() {
    }

    /**
     * Reads OpenCV's {@code digits.png} (2000×1000, 8-bit grey): 5000 cells of 20×20, row-major,
     * label = cell index / 500; each cell transposed to column-major and divided by 255.
     */
    public static LabeledData fromPng(Path png) throws IOException {
        if (!Files.isRegularFile(png)) {
            throw new NoSuchFileException(png.toString(), null, "digits.png not found");
        }
        BufferedImage img = ImageIO.read(png.toFile());
        if (img == null) {
            throw new DataFormatException(png, "not an image javax.imageio can read (expected a PNG)");
        }
        int w = PNG_COLS * SIDE;
        int h = PNG_ROWS * SIDE;
        if (img.getWidth() != w || img.getHeight() != h) {
            throw new DataFormatException(png, "image is " + img.getWidth() + "x" + img.getHeight() + ", expected " + w + "x" + h
                    + " (50 rows x 100 columns of 20x20 digits)");
        }
        Raster raster = img.getRaster();
        if (raster.getNumBands() != 1 || raster.getSampleModel().getSampleSize(0) != 8) {
            throw new DataFormatException(png, "expected one 8-bit grey band, got " + raster.getNumBands() + " band(s) of "
                    + raster.getSampleModel().getSampleSize(0) + " bits");
        }
        float[] x = new float[COUNT * FEATURES];
        int[] labels = new int[COUNT];
        int[] cell = new int[FEATURES];
        for (int i = 0; i < COUNT; i++) {
            int x0 = (i % PNG_COLS) * SIDE;
            int y0 = (i / PNG_COLS) * SIDE;
            raster.getSamples(x0, y0, SIDE, SIDE, 0, cell); // row-major within the cell
            for (int r = 0; r < SIDE; r++) {
                for (int c = 0; c < SIDE; c++) {
                    x[i * FEATURES + c * SIDE + r] = cell[r * SIDE + c] / 255f;
                }
            }
            labels[i] = i / PER_DIGIT;
        }
        return new LabeledData("opencv-digits", x, labels, COUNT, new int[] {FEATURES}, 10);
    }

    /**
     * Reads the course's {@code ex4data1.mat}: {@code X} (N×400 doubles, column-major cells) and
     * {@code y} (N×1, 1..10 with 10 meaning digit 0). Labels are returned as digit values 0..9.
     */
    public static LabeledData fromMat(Path mat) throws IOException {
        if (!Files.isRegularFile(mat)) {
            throw new NoSuchFileException(mat.toString(), null, "ex4data1.mat not found");
        }
        try (Mat5File file = Mat5.readFromFile(mat.toFile())) {
            Matrix xm = MatFiles.matrix(file, mat, "X");
            Matrix ym = MatFiles.matrix(file, mat, "y");
            int n = xm.getNumRows();
            if (xm.getNumCols() != FEATURES) {
                throw new DataFormatException(mat, "X is " + n + "x" + xm.getNumCols() + ", expected N x " + FEATURES);
            }
            if (ym.getNumElements() != n || Math.min(ym.getNumRows(), ym.getNumCols()) != 1) {
                throw new DataFormatException(mat, "y is " + ym.getNumRows() + "x" + ym.getNumCols() + ", expected " + n + "x1");
            }
            float[] x = new float[Math.multiplyExact(n, FEATURES)];
            int[] labels = new int[n];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < FEATURES; j++) {
                    x[i * FEATURES + j] = (float) xm.getDouble(i, j);
                }
                double y = ym.getDouble(i);
                if (y != Math.rint(y) || y < 1 || y > 10) {
                    throw new DataFormatException(mat, "y(" + (i + 1) + ") = " + y + ", expected an integer in 1..10");
                }
                labels[i] = ((int) y) % 10;
            }
            return new LabeledData("ex4data1", x, labels, n, new int[] {FEATURES}, 10);
        }
    }

    /**
     * Labels in the course's output order: digit {@code d} becomes output index {@code (d + 9) % 10}
     * (digit 1 → 0, …, digit 9 → 8, digit 0 → 9), for training the 400-25-10 net against the course's
     * {@code y}.
     */
    public static LabeledData toCourseLabels(LabeledData digits) {
        int[] out = new int[digits.n()];
        for (int i = 0; i < out.length; i++) {
            out[i] = Ex4Weights.digitToOutput(digits.labels()[i]);
        }
        return digits.withLabels(digits.name() + "/course-order", out, 10);
    }

    /** The upright 20×20 image of example {@code i} as row-major values (for display and checks). */
    public static float[] uprightImage(LabeledData digits, int i) {
        float[] img = new float[FEATURES];
        for (int r = 0; r < SIDE; r++) {
            for (int c = 0; c < SIDE; c++) {
                img[r * SIDE + c] = digits.x()[i * FEATURES + c * SIDE + r];
            }
        }
        return img;
    }
}
