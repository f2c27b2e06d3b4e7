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
 * (David's seeded init, copied into DL4J), the model's optimiser, and the batches of the model's
 * own data ({@link BenchModels#batches}) already in the engine's own memory, so a timed call does
 * only the engine's work. Training steps take the batches in turn, from the first after every
 * {@link #restoreParams}; inference uses the first.
 */
public interface Engines extends AutoCloseable {

    /** One forward + backward + optimiser update on the next batch; returns the loss. */
    double trainStep();

    /** Inference output of the first batch (returned so JMH consumes it). */
    Object infer();

    /**
     * Puts the initial parameters back (in place, no allocation) and the next batch back to the
     * first: bounds drift over long runs, and every iteration sees the same sequence.
     */
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

    /**
     * Builds {@code engine} ("david" or "dl4j") for a model spec, batch N and thread count, on the
     * training set streamed in batches of N ({@code stream}) or on its first N examples.
     */
    static Engines create(String engine, ModelSpec spec, int n, boolean stream, int threads) {
        return create(engine, spec, BenchModels.batches(spec, n, stream), threads);
    }

    /** Builds {@code engine} ("david" or "dl4j") for a model spec on one batch already loaded. */
    static Engines create(String engine, ModelSpec spec, BenchModels.Batch data, int threads) {
        return create(engine, spec, List.of(data), threads);
    }

    /** Builds {@code engine} ("david" or "dl4j") for a model spec on batches already loaded. */
    static Engines create(String engine, ModelSpec spec, List<BenchModels.Batch> data, int threads) {
        return switch (engine) {
            case "david" -> new DavidEngine(spec, data, threads);
            case "dl4j" -> new Dl4jEngine(spec, data, threads);
            default -> throw new IllegalArgumentException("engine must be david or dl4j, got " + engine);
        };
    }

    /** David: {@code computeGradients} then {@code optimizer.step}, as its Trainer does (minus listeners). */
    final class DavidEngine implements Engines {
        private final Exec exec;
        private final Network net;
        private final Optimizer optimizer;
        private final MiniBatch[] batches;
        private int next;
        private final List<Param> params;
        private final float[] initial;
        private final ModelSpec spec;
        private final boolean constantInput;

        DavidEngine(ModelSpec spec, List<BenchModels.Batch> data, int threads) {
            this.spec = spec;
            this.exec = Exec.create(threads);
            this.net = David.network(spec, exec);
            this.optimizer = David.optimizer(spec.optimizer(), exec);
            // as the runner feeds it: the whole training set is the same constant array every step
            // (and may stay packed); a minibatch is a fresh array every step in training, and when a
            // single one is reused here it must not be marked constant
            this.batches = new MiniBatch[data.size()];
            boolean wholeSet = data.size() == 1 && data.get(0).wholeSet();
            for (int b = 0; b < batches.length; b++) {
                BenchModels.Batch d = data.get(b);
                batches[b] = David.batch(spec.network(), d.x(), d.y(), d.n(), wholeSet);
            }
            this.constantInput = wholeSet;
            this.params = net.params();
            this.initial = net.getFlat();
        }

        @Override
        public double trainStep() {
            MiniBatch batch = batches[next];
            next = next + 1 == batches.length ? 0 : next + 1;
            double loss = net.computeGradients(batch.x(), batch.y());
            optimizer.step(params);
            return loss;
        }

        @Override
        public Object infer() {
            return net.output(batches[0].x());
        }

        @Override
        public void restoreParams() {
            next = 0;
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
            m.put("batches", batches.length);
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
        private final INDArray[] features;
        private final INDArray[] labels;
        private int next;
        private final INDArray initial;
        private final ModelSpec spec;
        private final int threads;
        private final List<String> approximations;

        Dl4jEngine(ModelSpec spec, List<BenchModels.Batch> data, int threads) {
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
            this.features = new INDArray[data.size()];
            this.labels = new INDArray[data.size()];
            for (int b = 0; b < features.length; b++) {
                BenchModels.Batch d = data.get(b);
                features[b] = g.features(d.x(), d.n());
                labels[b] = g.labels(d.y(), d.n());
            }
            this.initial = net.params().dup();
        }

        @Override
        public double trainStep() {
            int b = next;
            next = next + 1 == features.length ? 0 : next + 1;
            net.fit(features[b], labels[b]);
            return net.score();
        }

        @Override
        public Object infer() {
            return net.output(features[0], false);
        }

        @Override
        public void restoreParams() {
            next = 0;
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
            m.put("batches", features.length);
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
