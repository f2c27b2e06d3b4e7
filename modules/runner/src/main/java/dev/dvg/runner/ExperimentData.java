package dev.dvg.runner;

import dev.dvg.data.LabeledData;
import dev.dvg.data.Split;
import dev.dvg.data.Transforms;
import dev.dvg.data.digits.Digits20;
import dev.dvg.data.fetch.DatasetId;
import dev.dvg.data.fetch.FetchResult;
import dev.dvg.data.fetch.VerifiedFile;
import dev.dvg.data.moons.TwoMoons;
import dev.dvg.models.DataRecipe;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A model's data prepared once for both engines: transformed train and test sets, their target
 * matrices and the class labels evaluation compares against (for the is-zero models: 1 = "is a
 * zero"). Also the checksums of the files it came from, for provenance.
 *
 * @param train        training examples (transformed)
 * @param test         test examples (transformed)
 * @param trainTargets Y of the training set, N×targetWidth
 * @param testTargets  Y of the test set
 * @param targetWidth  columns of Y (= network outputs)
 * @param classes      classes evaluation counts (2 for the binary targets)
 * @param checksums    file name → md5 (or a generator description for synthetic data)
 */
record ExperimentData(LabeledData train, LabeledData test, float[] trainTargets, float[] testTargets,
                      int targetWidth, int classes, Map<String, String> checksums) {

    /** Fixed seed of generated data (moons) and of random splits: data never varies with the run seed. */
    static final long DATA_SEED = 0L;

    static ExperimentData load(DataRecipe recipe, DataSources sources) throws IOException {
        Map<String, String> sums = new LinkedHashMap<>();
        LabeledData train;
        LabeledData test;
        switch (recipe.dataset()) {
            case MNIST, FASHION_MNIST -> {
                DatasetId id = recipe.dataset() == DataRecipe.Dataset.MNIST ? DatasetId.MNIST : DatasetId.FASHION_MNIST;
                FetchResult files = sources.catalog().fetch(id);
                for (VerifiedFile f : files.files()) {
                    sums.put(id.key() + "/" + f.role().fileName(), f.md5());
                }
                train = sources.catalog().loadTrain(id);
                test = sources.catalog().loadTest(id);
            }
            case MOONS -> {
                LabeledData all = TwoMoons.generateData(recipe.samples(), recipe.noise(), DATA_SEED);
                sums.put("moons", "make_moons(n_samples=" + recipe.samples() + ", noise=" + recipe.noise()
                        + ", random_state=" + DATA_SEED + ")");
                Split s = Split.of(all, recipe.testFraction(), DATA_SEED);
                train = s.train();
                test = s.test();
            }
            case DIGITS20 -> {
                Path p = sources.digits();
                if (p == null) {
                    throw new IllegalArgumentException("digits20 needs the 20x20 digits: pass --digits PATH "
                            + "(OpenCV's digits.png, Debian package opencv-doc, or the course's ex4data1.mat) "
                            + "or set DVG_DIGITS");
                }
                if (!Files.isRegularFile(p)) {
                    throw new IllegalArgumentException("--digits " + p + ": no such file");
                }
                LabeledData all = p.toString().endsWith(".mat") ? Digits20.fromMat(p) : Digits20.fromPng(p);
                sums.put(p.getFileName().toString(), dev.dvg.data.fetch.Checksums.uncompressed(p).md5());
                Split s = Split.of(all, recipe.testFraction(), DATA_SEED);
                train = s.train();
                test = s.test();
            }
            default -> throw new IllegalStateException("unhandled data set " + recipe.dataset());
        }
        if (recipe.transform() == DataRecipe.Transform.ZSCORE_PER_IMAGE) {
            train = Transforms.zScorePerExample(train);
            test = Transforms.zScorePerExample(test);
        }
        Transforms.TargetKind kind;
        switch (recipe.target()) {
            case IS_DIGIT_0 -> {
                train = Transforms.isClass(train, 0);
                test = Transforms.isClass(test, 0);
                kind = Transforms.TargetKind.BINARY;
            }
            case LABEL_0_1 -> kind = Transforms.TargetKind.BINARY;
            default -> kind = Transforms.TargetKind.ONE_HOT;
        }
        return new ExperimentData(train, test, Transforms.targets(train, kind), Transforms.targets(test, kind),
                Transforms.targetWidth(train, kind), train.numClasses(), sums);
    }
}
