package dev.dvg.dl4j.parity;

import dev.dvg.data.batch.Batch;
import dev.dvg.data.batch.BatchStream;
import dev.dvg.data.fetch.DataCatalog;
import dev.dvg.models.ModelData;
import dev.dvg.models.ModelSpec;
import dev.dvg.models.TrainingSpec;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Real batches for parity: the model's data recipe through {@link ModelData}, cut by the shared
 * batch stream. Minibatch models use shuffled batches of {@code batchSize}; full-batch models
 * (moons, digits20) use the whole training set every step, as they train.
 */
public final class ParityData {

    private ParityData() {
    }

    /**
     * The first {@code count} batches of the model's data.
     *
     * @param batchSize examples per batch for minibatch models (ignored for full-batch ones)
     * @param digitsPng OpenCV's digits.png (only read for digits20)
     */
    public static List<ParityBatch> batches(ModelSpec model, int batchSize, int count, DataCatalog catalog,
                                            Path digitsPng) throws IOException {
        ModelData data = ModelData.load(model.data(), catalog, digitsPng, model.seed());
        TrainingSpec training = model.training().sampling() == TrainingSpec.Sampling.FULL_BATCH
                ? TrainingSpec.fullBatch(count)
                : TrainingSpec.epochs(batchSize, 1);
        BatchStream stream = data.trainStream(training, model.seed());
        List<ParityBatch> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Batch b = stream.next();
            out.add(new ParityBatch(b.x(), b.y(), b.n()));
        }
        return out;
    }
}
