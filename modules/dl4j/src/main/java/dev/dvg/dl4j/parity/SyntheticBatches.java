package dev.dvg.dl4j.parity;

import dev.dvg.models.DataRecipe;
import dev.dvg.models.ModelSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded random batches of the right shape and target encoding for a model, for parity checks
 * that do not need the real data: inputs uniform in [0,1) for /255-scaled images, N(0,1) for
 * z-scored images and raw features; targets one-hot, 0/1, or per-output 0/1 as the recipe says.
 */
public final class SyntheticBatches {

    private SyntheticBatches() {
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
            for (int i = 0; i < x.length; i++) {
                x[i] = data.transform() == DataRecipe.Transform.SCALE255 ? (float) r.nextDouble()
                        : (float) gaussian(r);
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
