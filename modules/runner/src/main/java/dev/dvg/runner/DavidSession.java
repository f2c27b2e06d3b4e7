package dev.dvg.runner;

import dev.dvg.data.batch.Batch;
import dev.dvg.engine.Tensor;
import dev.dvg.engine.nn.MiniBatch;
import dev.dvg.engine.nn.Network;
import dev.dvg.engine.optim.Optimizer;
import dev.dvg.engine.optim.fullbatch.FullBatch;
import dev.dvg.engine.optim.fullbatch.MinimizeResult;
import dev.dvg.kernels.Exec;
import dev.dvg.models.David;
import dev.dvg.models.ModelSpec;

import java.util.function.DoubleConsumer;

/** David's side of a run: the engine's Network and Optimizer built from the model spec. */
final class DavidSession implements EngineSession {

    private final ModelSpec model;
    private final Exec exec;
    private final Network network;
    private final Optimizer optimizer;

    DavidSession(ModelSpec model, int threads) {
        this.model = model;
        this.exec = Exec.create(threads);
        this.network = David.network(model, exec);
        this.optimizer = David.isFullBatchMinimizer(model.optimizer()) ? null : David.optimizer(model.optimizer(), exec);
    }

    Network network() {
        return network;
    }

    @Override
    public String engine() {
        return "david";
    }

    @Override
    public double step(Batch b) {
        // a Batch's arrays are read-only (a full batch is the data set's own, every step): constant,
        // so the first dense layer keeps them packed when the same array comes again
        MiniBatch mb = David.batch(model.network(), b.x(), b.y(), b.n(), true);
        double loss = network.computeGradients(mb.x(), mb.y());
        optimizer.step(network.params());
        return loss;
    }

    @Override
    public double minimize(float[] x, float[] y, int n, int budget, DoubleConsumer onIteration) {
        MiniBatch all = David.batch(model.network(), x, y, n);
        // one report per function evaluation (line-search trials included): David's unit of work
        MinimizeResult r = FullBatch.minimize(network, all.x(), all.y(), model.optimizer(), onIteration);
        return r.value();
    }

    @Override
    public double loss(float[] x, float[] y, int n) {
        MiniBatch mb = David.batch(model.network(), x, y, n);
        return network.loss(mb.x(), mb.y());
    }

    @Override
    public float[] predict(float[] x, int n) {
        Tensor out = network.output(David.batch(model.network(), x, new float[n * network.outputSize()], n).x());
        return out.toArray();
    }

    @Override
    public float[] paramsAsDavid() {
        return network.getFlat();
    }

    @Override
    public String modelExtension() {
        return "dvgm";
    }

    @Override
    public void saveModel(java.nio.file.Path file, java.util.Map<String, String> metadata) throws java.io.IOException {
        dev.dvg.engine.io.ModelFile.save(network, metadata, file);
    }

    @Override
    public int threads() {
        return exec.threads();
    }

    @Override
    public void close() {
        exec.close();
    }
}
