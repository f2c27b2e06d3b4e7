package dev.dvg.data.digits;

import us.hebi.matlab.mat.format.Mat5;
import us.hebi.matlab.mat.format.Mat5File;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The ML course's pretrained 400-25-10 sigmoid network ({@code ex4weights.mat}, MATLAB v5, compressed).
 *
 * <p>{@code theta1} is 25×401 and {@code theta2} 10×26, column 0 being the bias: hidden
 * {@code a2 = sigmoid(theta1 · [1; x])}, output {@code h = sigmoid(theta2 · [1; a2])}. Output unit
 * {@code j} (0-based) stands for digit {@code (j + 1) % 10} (the course's label 10 is digit 0).
 * In David's dense layout ({@code W[D×H]}, {@code Z = X·W + b}): {@code W1[i][j] = theta1[j][i+1]},
 * {@code b1[j] = theta1[j][0]}.
 *
 * @param theta1 25×401, column 0 = bias
 * @param theta2 10×26, column 0 = bias
 */
public record Ex4Weights(double[][] theta1, double[][] theta2) {
    public static final int INPUT = 400;
    public static final int HIDDEN = 25;
    public static final int OUTPUT = 10;

    /** Reads {@code Theta1} and {@code Theta2}, checking their shapes. */
    public static Ex4Weights load(Path mat) throws IOException {
        if (!Files.isRegularFile(mat)) {
            throw new NoSuchFileException(mat.toString(), null, "ex4weights.mat not found");
        }
        try (Mat5File file = Mat5.readFromFile(mat.toFile())) {
            return new Ex4Weights(MatFiles.doubles(file, mat, "Theta1", HIDDEN, INPUT + 1),
                    MatFiles.doubles(file, mat, "Theta2", OUTPUT, HIDDEN + 1));
        }
    }

    /** The digit that output unit {@code j} (0..9) stands for: {@code (j + 1) % 10}. */
    public static int outputToDigit(int j) {
        if (j < 0 || j >= OUTPUT) {
            throw new IllegalArgumentException("output index must be in 0..9, got " + j);
        }
        return (j + 1) % 10;
    }

    /** The output unit of digit {@code d}: {@code (d + 9) % 10}. */
    public static int digitToOutput(int d) {
        if (d < 0 || d > 9) {
            throw new IllegalArgumentException("digit must be in 0..9, got " + d);
        }
        return (d + 9) % 10;
    }

    /** Theta as a row-major float weight matrix W[D×H] (bias column dropped) for {@code Z = X·W + b}. */
    public static float[] denseWeights(double[][] theta) {
        int h = theta.length;
        int d = theta[0].length - 1;
        float[] w = new float[d * h];
        for (int j = 0; j < h; j++) {
            for (int i = 0; i < d; i++) {
                w[i * h + j] = (float) theta[j][i + 1];
            }
        }
        return w;
    }

    /** The bias column of theta as floats. */
    public static float[] denseBias(double[][] theta) {
        float[] b = new float[theta.length];
        for (int j = 0; j < theta.length; j++) {
            b[j] = (float) theta[j][0];
        }
        return b;
    }
}
