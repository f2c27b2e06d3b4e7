package dev.dvg.bench.train;

import dev.dvg.dl4j.Goliath;
import dev.dvg.dl4j.GoliathOptions;
import dev.dvg.engine.Tensor;
import dev.dvg.engine.nn.MiniBatch;
import dev.dvg.engine.nn.Network;
import dev.dvg.engine.nn.Param;
import dev.dvg.engine.optim.Optimizer;
import dev.dvg.kernels.Exec;
import dev.dvg.models.David;
import dev.dvg.models.ModelSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One engine set up for a benchmark: a network of the model from the same initial parameters
 * (David's seeded init, copied into DL4J), the model's optimiser, and one fixed batch of the model's own data ({@link BenchModels})
 * already in the engine's own memory, so a timed call does only the engine's work.
 */
public interface Engines extends AutoCloseable {

    /** One forward + backward + optimiser update on the fixed batch; returns the loss. */
    double trainStep();

    /** Inference output of the fixed batch (returned so JMH consumes it). */
    Object infer();

    /** Puts the initial parameters back (in place, no allocation): bounds drift over long runs. */
    void restoreParams();

    /**
     * Ids of the Java threads other than the caller's that compute this engine's steps: David's
     * kernel workers ({@code Exec.workerThreadIds()}, none at 1 thread); none for DL4J, whose
     * OpenMP and BLAS pools are native threads. A new array per call.
     */
    long[] workerThreadIds();

    /** What was set, for bench.json. */
    Map<String, Object> settings();

    @Override
    void close();

    /** Builds {@code engine} ("david" or "dl4j") for a model spec, batch N and thread count. */
    static Engines create(String engine, ModelSpec spec, int n, int threads) {
        return create(engine, spec, BenchModels.batch(spec, n), threads);
    }

    /** Builds {@code engine} ("david" or "dl4j") for a model spec on a batch already loaded. */
    static Engines create(String engine, ModelSpec spec, BenchModels.Batch data, int threads) {
        float[] x = data.x();
        float[] y = data.y();
        int n = data.n();
        return switch (engine) {
            case "david" -> new DavidEngine(spec, x, y, n, data.wholeSet(), threads);
            case "dl4j" -> new Dl4jEngine(spec, x, y, n, threads);
            default -> throw new IllegalArgumentException("engine must be david or dl4j, got " + engine);
        };
    }

    /** David: {@code computeGradients} then {@code optimizer.step}, as its Trainer does (minus listeners). */
    final class DavidEngine implements Engines {
        private final Exec exec;
        private final Network net;
        private final Optimizer optimizer;
        private final MiniBatch batch;
        private final List<Param> params;
        private final float[] initial;
        private final ModelSpec spec;
        private final boolean constantInput;

        DavidEngine(ModelSpec spec, float[] x, float[] y, int n, boolean wholeSet, int threads) {
            this.spec = spec;
            this.exec = Exec.create(threads);
            this.net = David.network(spec, exec);
            this.optimizer = David.optimizer(spec.optimizer());
            // as the runner feeds it: the whole training set is the same constant array every step
            // (and may stay packed); a minibatch is a fresh array every step in training, so the
            // reused one here must not be
            this.batch = David.batch(spec.network(), x, y, n, wholeSet);
            this.constantInput = wholeSet;
            this.params = net.params();
            this.initial = net.getFlat();
        }

        @Override
        public double trainStep() {
            double loss = net.computeGradients(batch.x(), batch.y());
            optimizer.step(params);
            return loss;
        }

        @Override
        public Object infer() {
            return net.output(batch.x());
        }

        @Override
        public void restoreParams() {
            int off = 0;
            for (Param p : params) {
                System.arraycopy(initial, off, p.value().data(), 0, p.size());
                off += p.size();
            }
        }

        @Override
        public long[] workerThreadIds() {
            return exec.workerThreadIds();
        }

        /** The network (tests). */
        public Network network() {
            return net;
        }

        @Override
        public Map<String, Object> settings() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("engine", "david");
            m.put("threads", exec.threads());
            m.put("optimizer", spec.optimizer().toString());
            m.put("data_type", "float32");
            m.put("constant_input", constantInput);
            return m;
        }

        @Override
        public void close() {
            exec.close();
        }
    }

    /**
     * DL4J: the {@code MultiLayerNetwork} Goliath builds from the same spec (float32), David's
     * initial parameters, workspaces ENABLED for training and inference (asserted), no listeners;
     * the batch is two INDArrays created once; a step is {@code net.fit(features, labels)}.
     */
    final class Dl4jEngine implements Engines {
        private final MultiLayerNetwork net;
        private final INDArray features;
        private final INDArray labels;
        private final INDArray initial;
        private final ModelSpec spec;
        private final int threads;
        private final List<String> approximations;

        Dl4jEngine(ModelSpec spec, float[] x, float[] y, int n, int threads) {
            this.spec = spec;
            this.threads = threads;
            Nd4jSetup.setThreads(threads);
            Goliath g = Goliath.build(spec, GoliathOptions.DEFAULT.withDataType(DataType.FLOAT));
            try (Exec serial = Exec.serial()) {
                g.setParamsFromDavid(David.network(spec, serial).getFlat());
            }
            this.approximations = g.approximations();
            this.net = g.network();
            MultiLayerConfiguration conf = net.getLayerWiseConfigurations();
            conf.setTrainingWorkspaceMode(WorkspaceMode.ENABLED);
            conf.setInferenceWorkspaceMode(WorkspaceMode.ENABLED);
            net.setListeners();
            if (!net.getListeners().isEmpty()) {
                throw new IllegalStateException("DL4J network still has listeners: " + net.getListeners());
            }
            if (net.params().dataType() != DataType.FLOAT) {
                throw new IllegalStateException("DL4J params are " + net.params().dataType() + ", not FLOAT");
            }
            this.features = g.features(x, n);
            this.labels = g.labels(y, n);
            this.initial = net.params().dup();
        }

        @Override
        public double trainStep() {
            net.fit(features, labels);
            return net.score();
        }

        @Override
        public Object infer() {
            return net.output(features, false);
        }

        @Override
        public void restoreParams() {
            net.params().assign(initial);
        }

        @Override
        public long[] workerThreadIds() {
            return new long[0];
        }

        @Override
        public Map<String, Object> settings() {
            MultiLayerConfiguration conf = net.getLayerWiseConfigurations();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("engine", "dl4j");
            m.put("threads", threads);
            m.put("optimizer", spec.optimizer().toString());
            m.put("data_type", net.params().dataType().toString());
            m.put("training_workspace_mode", conf.getTrainingWorkspaceMode().toString());
            m.put("inference_workspace_mode", conf.getInferenceWorkspaceMode().toString());
            m.put("cache_mode", conf.getCacheMode() == null ? null : conf.getCacheMode().toString());
            m.put("listeners", net.getListeners().size());
            m.put("approximations", approximations);
            return m;
        }

        /** The network (tests). */
        public MultiLayerNetwork network() {
            return net;
        }

        @Override
        public void close() {
            // ND4J frees the buffers when they are collected
        }
    }

    /** Examples in the fixed batch of a tensor-or-array output, for sanity checks. */
    static int rows(Object output) {
        if (output instanceof Tensor t) {
            return t.dim(0);
        }
        return (int) ((INDArray) output).size(0);
    }
}
