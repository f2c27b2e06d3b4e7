package dev.dvg.dl4j.parity;

import dev.dvg.models.DataRecipe;
import dev.dvg.models.ModelSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded random batches of the right shape and target encoding for a model, for parity checks
 * that do not need the real data: images are MNIST-like — a zero background with 20% "ink" pixels
 * uniform in [0,1), z-scored per image when the recipe says so — other features N(0,1); targets
 * one-hot, 0/1, or per-output 0/1 as the recipe says. (Dense N(0,1) "images" are a poor stand-in:
 * a LeNet on them meets max-pool windows whose two largest values differ by a few float32 ulps,
 * where the two engines' different summation orders can pick different maxima — observed at step 37
 * of an RMSprop run — while real digits' flat background gives exact ties that both resolve
 * harmlessly.)
 */
public final class SyntheticBatches {

    /** Fraction of non-zero ("ink") pixels in a synthetic image; MNIST has about 19%. */
    static final double IMAGE_INK = 0.2;

    private SyntheticBatches() {
    }

    private static void zscore(float[] x, int n, int d) {
        for (int e = 0; e < n; e++) {
            double sum = 0;
            double sq = 0;
            for (int j = 0; j < d; j++) {
                sum += x[e * d + j];
            }
            double mean = sum / d;
            for (int j = 0; j < d; j++) {
                double v = x[e * d + j] - mean;
                sq += v * v;
            }
            double inv = sq > 0 ? 1 / Math.sqrt(sq / d) : 0;
            for (int j = 0; j < d; j++) {
                x[e * d + j] = (float) ((x[e * d + j] - mean) * inv);
            }
        }
    }

    public static List<ParityBatch> of(ModelSpec model, int batchSize, int count, long seed) {
        if (batchSize < 1 || count < 1) {
            throw new IllegalArgumentException("batchSize and count must be >= 1, got " + batchSize + ", " + count);
        }
        DataRecipe data = model.data();
        int d = data.dataset().features();
        int k = data.targetWidth();
        SplittableRandom r = new SplittableRandom(seed);
        List<ParityBatch> out = new ArrayList<>(count);
        for (int b = 0; b < count; b++) {
            float[] x = new float[batchSize * d];
            float[] y = new float[batchSize * k];
            boolean image = data.dataset().isImage();
            for (int i = 0; i < x.length; i++) {
                if (image) {
                    x[i] = r.nextDouble() < IMAGE_INK ? (float) r.nextDouble() : 0f;
                } else {
                    x[i] = (float) gaussian(r);
                }
            }
            if (data.transform() == DataRecipe.Transform.ZSCORE_PER_IMAGE) {
                zscore(x, batchSize, d);
            }
            for (int n = 0; n < batchSize; n++) {
                switch (data.target()) {
                    case ONE_HOT, PER_OUTPUT_0_1 -> y[n * k + r.nextInt(k)] = 1f;
                    case IS_DIGIT_0, LABEL_0_1 -> y[n] = r.nextBoolean() ? 1f : 0f;
                }
            }
            out.add(new ParityBatch(x, y, batchSize));
        }
        return out;
    }

    private static double gaussian(SplittableRandom r) {
        double u1 = r.nextDouble();
        double u2 = r.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
    }
}
