package dev.dvg.models;

import dev.dvg.data.LabeledData;
import dev.dvg.data.Split;
import dev.dvg.data.Transforms;
import dev.dvg.data.batch.BatchPlan;
import dev.dvg.data.batch.BatchStream;
import dev.dvg.data.digits.Digits20;
import dev.dvg.data.fetch.DataCatalog;
import dev.dvg.data.fetch.DatasetId;
import dev.dvg.data.moons.TwoMoons;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A {@link DataRecipe} made concrete: transformed train and test sets with their targets, and the
 * seeded batch stream of a {@link TrainingSpec} — the single stream both engines consume.
 *
 * <p>Transforms: the data module already delivers MNIST-family pixels divided by 255 and the 20×20
 * digits in [0, 1], so {@code scale255} adds nothing to them; {@code zscore-per-image} standardises
 * each example over its own features. Targets: {@code one-hot} and {@code per-output-0-1} are
 * one-hot rows (the loss differs, not the encoding), {@code is-digit-0} and {@code label-0-1} a single
 * 0/1 column.
 *
 * @param train      training examples (after the transform)
 * @param test       test examples (after the transform; empty for digits20 with testFraction 0)
 * @param targetKind how labels become Y
 */
public record ModelData(LabeledData train, LabeledData test, Transforms.TargetKind targetKind) {

    public ModelData {
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(test, "test");
        Objects.requireNonNull(targetKind, "targetKind");
    }

    /**
     * Loads (MNIST/Fashion-MNIST through the catalog, which fetches when needed), generates
     * (moons, seeded with {@code seed}) or reads (digits20 from {@code digitsPng}) the data of a recipe.
     *
     * @param digitsPng OpenCV's digits.png for digits20 (may be null for the other data sets)
     */
    public static ModelData load(DataRecipe recipe, DataCatalog catalog, Path digitsPng, long seed) throws IOException {
        LabeledData train;
        LabeledData test;
        switch (recipe.dataset()) {
            case MNIST, FASHION_MNIST -> {
                DatasetId id = recipe.dataset() == DataRecipe.Dataset.MNIST ? DatasetId.MNIST : DatasetId.FASHION_MNIST;
                train = catalog.loadTrain(id);
                test = catalog.loadTest(id);
            }
            case MOONS -> {
                Split s = Split.of(TwoMoons.generateData(recipe.samples(), recipe.noise(), seed),
                        recipe.testFraction(), seed);
                train = s.train();
                test = s.test();
            }
            case DIGITS20 -> {
                if (digitsPng == null) {
                    throw new IllegalArgumentException("digits20 needs the path of OpenCV's digits.png");
                }
                LabeledData all = Digits20.fromPng(digitsPng);
                if (recipe.testFraction() > 0) {
                    Split s = Split.of(all, recipe.testFraction(), seed);
                    train = s.train();
                    test = s.test();
                } else {
                    train = all;
                    test = all.head(0);
                }
            }
            default -> throw new IllegalStateException("unhandled dataset " + recipe.dataset());
        }
        return prepare(recipe, train, test);
    }

    /** Applies a recipe's transform and target encoding to already loaded train/test sets. */
    public static ModelData prepare(DataRecipe recipe, LabeledData train, LabeledData test) {
        train = transformInputs(recipe, train);
        test = transformInputs(recipe, test);
        Transforms.TargetKind kind = switch (recipe.target()) {
            case ONE_HOT, PER_OUTPUT_0_1 -> Transforms.TargetKind.ONE_HOT;
            case IS_DIGIT_0, LABEL_0_1 -> Transforms.TargetKind.BINARY;
        };
        if (recipe.target() == DataRecipe.Target.IS_DIGIT_0) {
            train = Transforms.isClass(train, 0);
            test = test.n() == 0 ? test : Transforms.isClass(test, 0);
        }
        return new ModelData(train, test, kind);
    }

    /**
     * The recipe's input transform applied to loaded examples (pixels already in [0, 1]): what
     * training saw, and what a saved model's inputs get at prediction time. Examples are transformed
     * independently of each other, so any chunking of a set gives the same result.
     */
    public static LabeledData transformInputs(DataRecipe recipe, LabeledData loaded) {
        if (recipe.transform() == DataRecipe.Transform.ZSCORE_PER_IMAGE && loaded.n() > 0) {
            return Transforms.zScorePerExample(loaded);
        }
        return loaded;
    }

    /** The batch plan of a training schedule, seeded. */
    public static BatchPlan plan(TrainingSpec training, long seed) {
        return switch (training.sampling()) {
            case WITH_REPLACEMENT -> BatchPlan.withReplacement(training.batchSize(), seed);
            case SHUFFLED_EPOCHS -> BatchPlan.shuffled(training.batchSize(), seed);
            case FULL_BATCH -> BatchPlan.fullBatch();
        };
    }

    /** The endless, seeded training stream of a schedule (both engines must consume the same one). */
    public BatchStream trainStream(TrainingSpec training, long seed) {
        return BatchStream.of(train, targetKind, plan(training, seed));
    }

    /** Y of the training set. */
    public float[] trainTargets() {
        return Transforms.targets(train, targetKind);
    }

    /** Y of the test set. */
    public float[] testTargets() {
        return Transforms.targets(test, targetKind);
    }
}
