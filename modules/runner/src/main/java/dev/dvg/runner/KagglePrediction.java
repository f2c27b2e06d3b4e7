package dev.dvg.runner;

import dev.dvg.data.LabeledData;
import dev.dvg.data.kaggle.KaggleDigits;
import dev.dvg.engine.eval.ClassificationReport;
import dev.dvg.models.DataRecipe;
import dev.dvg.models.ModelData;
import dev.dvg.models.ModelSpec;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * {@code dvg predict}: a saved model's digit predictions for a Kaggle "Digit Recognizer" CSV, written
 * as a submission ({@code ImageId,Label}, 1-based ImageId, atomically). The CSV is streamed in
 * chunks of {@link #BATCH} rows: each chunk gets the model's own input transform (its
 * {@link DataRecipe}, exactly as in training) and one forward pass, so the 28,000 test images are
 * never in memory as a whole, let alone twice. A train.csv (with labels) is scored as well.
 */
public final class KagglePrediction {

    /** Rows per forward pass. */
    public static final int BATCH = 1_000;
    /** The digit classes a submission predicts. */
    static final int DIGITS = 10;

    private KagglePrediction() {
    }

    /**
     * What a prediction found.
     *
     * @param rows      rows of the CSV
     * @param predicted predicted digit per row
     * @param labels    the CSV's labels (train.csv), else null
     * @param report    accuracy and confusion against the labels, else null
     */
    public record Result(int rows, int[] predicted, int[] labels, ClassificationReport report) {
        public boolean labelled() {
            return labels != null;
        }
    }

    /**
     * Checks that {@code model} can classify Kaggle digits: a digit data set, 10 classes out, 784
     * (28×28) inputs. Errors name the model file and what it expects.
     */
    public static void checkCompatible(SavedModel model) {
        ModelSpec spec = model.spec();
        DataRecipe data = spec.data();
        String what = model.file() + " (model " + spec.id() + ", " + model.metadata().engine() + ")";
        if (model.inputFeatures() != KaggleDigits.PIXELS) {
            throw new IllegalArgumentException(what + " expects " + model.inputFeatures() + " input features "
                    + Arrays.toString(spec.network().inputShape()) + " from " + data.dataset().id()
                    + "; a Kaggle digit CSV has " + KaggleDigits.PIXELS + " pixels (28x28) per row");
        }
        if (!data.dataset().isDigits() || model.outputs() != DIGITS) {
            throw new IllegalArgumentException(what + " predicts " + model.outputs() + " output(s) for "
                    + data.dataset().id() + " (" + data.target().id() + "), not the 10 digit classes a Kaggle "
                    + "submission needs; use a model trained on MNIST with 10 classes (e.g. mnist-mlp256, mnist-lenet)");
        }
    }

    /** Predicts every row of {@code csv} with {@code model} and writes the submission to {@code out}. */
    public static Result run(SavedModel model, Path csv, Path out) throws IOException {
        checkCompatible(model);
        boolean labelled = KaggleDigits.hasLabelColumn(csv);
        DataRecipe recipe = model.spec().data();
        int[][] predicted = {new int[BATCH * 8]};
        int[][] labels = {labelled ? new int[BATCH * 8] : null};
        int rows = KaggleDigits.forEachBatch(csv, labelled, BATCH, (chunk, first) -> {
            LabeledData x = ModelData.transformInputs(recipe, chunk);
            float[] o = model.output(x.x(), x.n());
            int end = first + x.n();
            if (end > predicted[0].length) {
                predicted[0] = Arrays.copyOf(predicted[0], Math.max(end, predicted[0].length * 2));
                if (labelled) {
                    labels[0] = Arrays.copyOf(labels[0], predicted[0].length);
                }
            }
            for (int i = 0; i < x.n(); i++) {
                predicted[0][first + i] = argmax(o, i * DIGITS, DIGITS);
            }
            if (labelled) {
                System.arraycopy(chunk.labels(), 0, labels[0], first, x.n());
            }
        });
        int[] p = Arrays.copyOf(predicted[0], rows);
        KaggleDigits.writeSubmission(out, p);
        if (!labelled) {
            return new Result(rows, p, null, null);
        }
        int[] y = Arrays.copyOf(labels[0], rows);
        return new Result(rows, p, y, ClassificationReport.ofLabels(y, p, DIGITS));
    }

    private static int argmax(float[] o, int from, int k) {
        int best = 0;
        for (int j = 1; j < k; j++) {
            if (o[from + j] > o[from + best]) {
                best = j;
            }
        }
        return best;
    }
}
