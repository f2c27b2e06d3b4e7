package dev.dvg.runner;

import dev.dvg.data.batch.Batch;

/**
 * One engine training one model: the runner drives David and DL4J through this, on the same
 * batches, so the loop, the timing and the evaluation are literally the same code for both.
 */
interface EngineSession extends AutoCloseable {

    /** {@code david} or {@code dl4j} (the key used in every result file). */
    String engine();

    /** One optimiser step on {@code b}; returns the batch's loss before the update (incl. L2). */
    double step(Batch b);

    /**
     * Runs a full-batch minimiser (L-BFGS/CG) on all of {@code x}/{@code y} for its budget and
     * returns the final loss; {@code onIteration} receives the loss of each unit of work, in order:
     * every function evaluation for David, every DL4J iteration ({@code fit}) for DL4J.
     */
    double minimize(float[] x, float[] y, int n, int budget, java.util.function.DoubleConsumer onIteration);

    /** Mean loss (incl. L2) of the examples, without training. */
    double loss(float[] x, float[] y, int n);

    /** Outputs after the loss's activation, N×K row-major. */
    float[] predict(float[] x, int n);

    /** All parameters as one flat vector in David's layout (for artifacts and transfers). */
    float[] paramsAsDavid();

    /** File name extension of this engine's saved models ({@code dvgm} or {@code zip}). */
    String modelExtension();

    /**
     * Saves the trained model to {@code file} atomically, with {@code metadata} (what prediction
     * needs: {@link dev.dvg.models.ModelMetadata}).
     */
    void saveModel(java.nio.file.Path file, java.util.Map<String, String> metadata) throws java.io.IOException;

    /** Threads this engine computes with (as set, for provenance). */
    int threads();

    @Override
    void close();
}
