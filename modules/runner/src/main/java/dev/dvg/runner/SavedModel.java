package dev.dvg.runner;

import dev.dvg.engine.Tensor;
import dev.dvg.engine.io.ModelFile;
import dev.dvg.engine.nn.Network;
import dev.dvg.kernels.Exec;
import dev.dvg.models.David;
import dev.dvg.models.ModelMetadata;
import dev.dvg.models.ModelSpec;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;

/**
 * A model saved by a run ({@code models/} of a run folder, results/FORMAT.md), ready for inference:
 * David's {@code .dvgm} ({@link ModelFile} v2) or DL4J's ModelSerializer {@code .zip}, told apart by
 * their first bytes, each with its {@link ModelMetadata} (model spec, data recipe, engine).
 */
public abstract sealed class SavedModel implements AutoCloseable {

    private final Path file;
    private final ModelMetadata metadata;

    private SavedModel(Path file, ModelMetadata metadata) {
        this.file = file;
        this.metadata = metadata;
    }

    /**
     * Loads {@code file}. Every failure is an {@link IOException} whose message names the file and
     * what was expected (a DvG model of format 2, or a DL4J zip written by {@code dvg run}).
     */
    public static SavedModel load(Path file, int threads) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "no such model file");
        }
        byte[] head = new byte[4];
        int got;
        try (InputStream in = Files.newInputStream(file)) {
            got = in.readNBytes(head, 0, 4);
        }
        int magic = got < 4 ? 0 : ((head[0] & 0xff) << 24) | ((head[1] & 0xff) << 16) | ((head[2] & 0xff) << 8) | (head[3] & 0xff);
        if (magic == ModelFile.MAGIC) {
            return david(file, threads);
        }
        if (magic == 0x504B0304) { // "PK\3\4": a zip
            return dl4j(file);
        }
        throw new IOException(file + ": not a saved model: expected David's .dvgm (starts with \"DVGM\") or a DL4J "
                + "ModelSerializer .zip, as written to models/ of a run folder by dvg run");
    }

    private static SavedModel david(Path file, int threads) throws IOException {
        Exec exec = Exec.create(threads);
        try {
            ModelFile.Loaded loaded = ModelFile.read(file, exec);
            if (loaded.version() < ModelFile.VERSION) {
                throw new IOException(file + ": model file format version " + loaded.version() + " carries no metadata "
                        + "(model id, data recipe, input transform), which prediction needs to prepare inputs; "
                        + "re-run dvg run with this build to save a version-" + ModelFile.VERSION + " model");
            }
            ModelMetadata meta = metadata(loaded.metadata(), file);
            if (!meta.spec().network().equals(loaded.network().spec())) {
                throw new IOException(file + ": the network in the file differs from the model spec in its metadata");
            }
            return new DavidModel(file, meta, loaded.network(), exec);
        } catch (IOException | RuntimeException e) {
            exec.close();
            throw e;
        }
    }

    private static SavedModel dl4j(Path file) throws IOException {
        Map<String, String> map;
        MultiLayerNetwork net;
        try {
            if (!ModelSerializer.listObjectsInFile(file.toFile()).contains(ModelMetadata.DL4J_OBJECT)) {
                throw new IOException(file + ": a zip without DvG metadata (objects/" + ModelMetadata.DL4J_OBJECT
                        + "): expected a DL4J model saved by dvg run");
            }
            @SuppressWarnings("unchecked")
            Map<String, String> m = (Map<String, String>) ModelSerializer.getObjectFromFile(file.toFile(),
                    ModelMetadata.DL4J_OBJECT);
            map = m;
            net = ModelSerializer.restoreMultiLayerNetwork(file.toFile(), false);
        } catch (IOException e) {
            throw e.getMessage() != null && e.getMessage().contains(file.toString()) ? e
                    : new IOException(file + ": unreadable DL4J model zip: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new IOException(file + ": unreadable DL4J model zip: " + e, e);
        }
        return new Dl4jModel(file, metadata(map, file), net);
    }

    private static ModelMetadata metadata(Map<String, String> map, Path file) throws IOException {
        try {
            return ModelMetadata.fromMap(map, file.toString());
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    public Path file() {
        return file;
    }

    public ModelMetadata metadata() {
        return metadata;
    }

    public ModelSpec spec() {
        return metadata.spec();
    }

    /** Input features per example (the product of the spec's input shape). */
    public int inputFeatures() {
        int f = 1;
        for (int d : spec().network().inputShape()) {
            f *= d;
        }
        return f;
    }

    /** K, outputs per example. */
    public int outputs() {
        return ModelSpec.outputUnits(spec().network());
    }

    /** Outputs after the loss's activation for {@code n} prepared examples, N×K row-major. */
    public abstract float[] output(float[] x, int n);

    @Override
    public abstract void close();

    private static final class DavidModel extends SavedModel {
        private final Network network;
        private final Exec exec;

        DavidModel(Path file, ModelMetadata meta, Network network, Exec exec) {
            super(file, meta);
            this.network = network;
            this.exec = exec;
        }

        @Override
        public float[] output(float[] x, int n) {
            Tensor out = network.output(David.batch(network.spec(), x, new float[n * network.outputSize()], n).x());
            return out.toArray();
        }

        @Override
        public void close() {
            exec.close();
        }
    }

    private static final class Dl4jModel extends SavedModel {
        private final MultiLayerNetwork net;

        Dl4jModel(Path file, ModelMetadata meta, MultiLayerNetwork net) {
            super(file, meta);
            this.net = net;
        }

        @Override
        public float[] output(float[] x, int n) {
            int[] in = spec().network().inputShape();
            long[] shape = new long[in.length + 1];
            shape[0] = n;
            for (int i = 0; i < in.length; i++) {
                shape[i + 1] = in[i];
            }
            INDArray features = Nd4j.create(x, shape, 'c').castTo(net.params().dataType());
            return net.output(features, false).castTo(DataType.FLOAT).dup('c').data().asFloat();
        }

        @Override
        public void close() {
            net.clear();
        }
    }
}
