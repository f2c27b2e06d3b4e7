package dev.dvg.runner;

import dev.dvg.data.LabeledData;
import dev.dvg.data.Split;
import dev.dvg.data.digits.Digits20;
import dev.dvg.data.fetch.Checksums;
import dev.dvg.data.fetch.DatasetId;
import dev.dvg.data.fetch.FetchResult;
import dev.dvg.data.fetch.VerifiedFile;
import dev.dvg.models.DataRecipe;
import dev.dvg.models.ModelData;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A model's data prepared once for both engines ({@link ModelData}: transformed sets and targets),
 * plus what provenance needs: the checksums of the files it came from.
 *
 * @param data      train/test sets and their target encoding
 * @param checksums file name → md5 (or the generator call, for synthetic data)
 */
record ExperimentData(ModelData data, Map<String, String> checksums) {

    /**
     * Seed of generated data (moons) and of random train/test splits: the data stays the same for
     * every run seed, which only moves the initial weights and the batch order.
     */
    static final long DATA_SEED = 0L;

    LabeledData train() {
        return data.train();
    }

    LabeledData test() {
        return data.test();
    }

    int targetWidth() {
        return dev.dvg.data.Transforms.targetWidth(data.train(), data.targetKind());
    }

    /** Classes evaluation counts: 2 for the binary targets. */
    int classes() {
        return data.train().numClasses();
    }

    static ExperimentData load(DataRecipe recipe, DataSources sources) throws IOException {
        Map<String, String> sums = new LinkedHashMap<>();
        ModelData md;
        switch (recipe.dataset()) {
            case MNIST, FASHION_MNIST -> {
                DatasetId id = recipe.dataset() == DataRecipe.Dataset.MNIST ? DatasetId.MNIST : DatasetId.FASHION_MNIST;
                FetchResult files = sources.catalog().fetch(id);
                for (VerifiedFile f : files.files()) {
                    sums.put(id.key() + "/" + f.role().fileName(), f.md5());
                }
                md = ModelData.load(recipe, sources.catalog(), null, DATA_SEED);
            }
            case MOONS -> {
                sums.put("moons", "make_moons(n_samples=" + recipe.samples() + ", noise=" + recipe.noise()
                        + ", random_state=" + DATA_SEED + ")");
                md = ModelData.load(recipe, sources.catalog(), null, DATA_SEED);
            }
            case DIGITS20 -> {
                // an explicit file wins; otherwise the catalog's chain (cache, installed opencv-doc, apt-get
                // download opencv-doc), whose DataUnavailableException lists every attempt and the manual fix
                Path p = sources.digits() != null ? sources.digits() : sources.catalog().digits20();
                if (!Files.isRegularFile(p)) {
                    throw new IllegalArgumentException("--digits " + p + ": no such file");
                }
                sums.put(p.getFileName().toString(), Checksums.uncompressed(p).md5());
                LabeledData all = p.toString().endsWith(".mat") ? Digits20.fromMat(p) : Digits20.fromPng(p);
                if (recipe.testFraction() > 0) {
                    Split s = Split.of(all, recipe.testFraction(), DATA_SEED);
                    md = ModelData.prepare(recipe, s.train(), s.test());
                } else {
                    // the course trains on all 5000 and reports training-set accuracy: so do we
                    md = ModelData.prepare(recipe, all, all);
                    sums.put("evaluation_set", "train (no held-out split, as the course reports)");
                }
            }
            default -> throw new IllegalStateException("unhandled data set " + recipe.dataset());
        }
        return new ExperimentData(md, sums);
    }
}
