package dev.dvg.runner;

import dev.dvg.data.batch.Batch;
import dev.dvg.dl4j.Goliath;
import dev.dvg.dl4j.GoliathOptions;
import dev.dvg.models.ModelSpec;
import org.nd4j.linalg.factory.Nd4j;

import java.util.function.DoubleConsumer;

/**
 * Goliath's side of a run: a DL4J MultiLayerNetwork built from the same spec. ND4J's thread count
 * is set from the experiment (DL4J was faster single-threaded on this kind of machine).
 */
final class Dl4jSession implements EngineSession {

    /**
     * DL4J as close to David's arithmetic as it goes: float32, nearest equivalents allowed (listed in
     * the run's config), and binary cross-entropy computed from the logits without clipping. DL4J's
     * stock LossBinaryXENT clips sigmoid outputs, which caps the loss and shrinks the gradient of
     * confidently wrong outputs: on is-zero-logistic (SGD lr 1) that alone moves the loss 2% at step
     * 2 and 16% at step 4 — a difference in the loss definition, not in either engine's arithmetic
     * ({@code Dl4jBceClipTest} in the dl4j module shows it). With it, the loss gap in summary.json
     * measures the engines, not the definitions.
     */
    static final GoliathOptions OPTIONS = GoliathOptions.DEFAULT.withBceFromLogits(true);

    private final Goliath goliath;
    private final int threads;

    Dl4jSession(ModelSpec model, int threads, float[] initialDavidParams) {
        this.threads = threads;
        // both pools, explicitly: libnd4j's OpenMP threads and OpenBLAS's own (NOTES-DL4J.md)
        Nd4j.getEnvironment().setMaxMasterThreads(threads);
        Nd4j.getEnvironment().setMaxThreads(threads);
        Nd4j.factory().blas().setMaxThreads(threads);
        this.goliath = Goliath.build(model, OPTIONS);
        if (initialDavidParams != null) {
            goliath.setParamsFromDavid(initialDavidParams);
        }
    }

    Goliath goliath() {
        return goliath;
    }

    /** Where this twin is only the nearest DL4J equivalent of the spec (e.g. L-BFGS history). */
    java.util.List<String> approximations() {
        return goliath.approximations();
    }

    @Override
    public String engine() {
        return "dl4j";
    }

    @Override
    public double step(Batch b) {
        return goliath.fitStep(b.x(), b.y(), b.n());
    }

    @Override
    public double minimize(float[] x, float[] y, int n, int budget, DoubleConsumer onIteration) {
        double loss = Double.NaN;
        for (int i = 0; i < budget; i++) {
            loss = goliath.fitStep(x, y, n);
            onIteration.accept(loss);
        }
        return goliath.loss(x, y, n);
    }

    @Override
    public double loss(float[] x, float[] y, int n) {
        return goliath.loss(x, y, n);
    }

    @Override
    public float[] predict(float[] x, int n) {
        return goliath.output(x, n);
    }

    @Override
    public float[] paramsAsDavid() {
        return goliath.paramsAsDavid();
    }

    @Override
    public String modelExtension() {
        return "zip";
    }

    /**
     * DL4J's own format ({@code ModelSerializer}, no updater state) plus the metadata as the zip's
     * object entry {@link dev.dvg.models.ModelMetadata#DL4J_OBJECT}; written next to the target, then
     * renamed over it.
     */
    @Override
    public void saveModel(java.nio.file.Path file, java.util.Map<String, String> metadata) throws java.io.IOException {
        java.nio.file.Path abs = file.toAbsolutePath();
        java.nio.file.Files.createDirectories(abs.getParent());
        java.nio.file.Path tmp = java.nio.file.Files.createTempFile(abs.getParent(), ".tmp-" + abs.getFileName(), ".zip");
        try {
            org.deeplearning4j.util.ModelSerializer.writeModel(goliath.network(), tmp.toFile(), false);
            org.deeplearning4j.util.ModelSerializer.addObjectToFile(tmp.toFile(), dev.dvg.models.ModelMetadata.DL4J_OBJECT,
                    new java.util.LinkedHashMap<>(metadata));
            ResultFiles.move(tmp, abs);
        } finally {
            java.nio.file.Files.deleteIfExists(tmp);
        }
    }

    @Override
    public int threads() {
        return threads;
    }

    @Override
    public void close() {
        goliath.network().clear();
    }
}
