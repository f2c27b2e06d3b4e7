package dev.dvg.dl4j;

import dev.dvg.data.LabeledData;
import dev.dvg.data.digits.Digits20;
import dev.dvg.engine.spec.OptimizerSpec;
import dev.dvg.models.ModelData;
import dev.dvg.models.ModelSpec;
import dev.dvg.models.ReferenceModels;
import org.deeplearning4j.nn.api.OptimizationAlgorithm;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.solvers.BaseOptimizer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The 5000 real 20×20 digits of digits20-mlp25 (shared data folder, system property
 * {@code dvg.shared.data}) with helpers to run DL4J's full-batch solvers on them.
 */
final class Digits20Fixture {

    final ModelSpec model = ReferenceModels.get(ReferenceModels.DIGITS20_MLP25);
    final float[] x;
    final float[] y;
    final int[] labels;
    final int n;

    private Digits20Fixture(LabeledData all) {
        ModelData d = ModelData.prepare(model.data(), all, all.head(0));
        x = d.train().x();
        y = d.trainTargets();
        labels = d.train().labels();
        n = d.train().n();
    }

    /** The real digits, or null when digits.png is not in the shared data folder. */
    static Digits20Fixture loadOrNull() {
        Path png = Path.of(System.getProperty("dvg.shared.data", "../shared/data"), "opencv-digits", "digits.png");
        if (!Files.isRegularFile(png)) {
            return null;
        }
        try {
            return new Digits20Fixture(Digits20.fromPng(png));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Goliath as the runner builds it for an L-BFGS spec (seed 42, BCE from logits, float). */
    Goliath goliath() {
        return Goliath.build(model.network(), new OptimizerSpec.Lbfgs(10, 50), 42,
                GoliathOptions.DEFAULT.withBceFromLogits(true));
    }

    /**
     * A network with Goliath's configuration and initial parameters but DL4J's own {@code algo} and
     * line-search length.
     */
    MultiLayerNetwork withAlgorithm(Goliath g, OptimizationAlgorithm algo, int lineSearch) {
        MultiLayerConfiguration c = g.network().getLayerWiseConfigurations().clone();
        for (NeuralNetConfiguration nc : c.getConfs()) {
            nc.setOptimizationAlgo(algo);
            nc.setMaxNumLineSearchIterations(lineSearch);
        }
        MultiLayerNetwork net = new MultiLayerNetwork(c);
        net.init(g.network().params().dup(), true);
        return net;
    }

    DataSet dataSet(Goliath g) {
        return new DataSet(g.features(x, n), g.labels(y, n));
    }

    double accuracy(MultiLayerNetwork net, INDArray features) {
        INDArray am = net.output(features, false).argMax(1);
        int ok = 0;
        for (int i = 0; i < n; i++) {
            if (am.getInt(i) == labels[i]) {
                ok++;
            }
        }
        return ok / (double) n;
    }

    /** The solver's search state ("g", "searchDirection", "s", "y", "rho", "oldparams", ...). */
    @SuppressWarnings("unchecked")
    static Map<String, Object> searchState(MultiLayerNetwork net) {
        try {
            Field f = BaseOptimizer.class.getDeclaredField("searchState");
            f.setAccessible(true);
            return (Map<String, Object>) f.get(net.getOptimizer());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("DL4J's BaseOptimizer changed: " + e, e);
        }
    }

    /** The step the last line search returned. */
    static double lastStep(MultiLayerNetwork net) {
        try {
            Field f = BaseOptimizer.class.getDeclaredField("step");
            f.setAccessible(true);
            return f.getDouble(net.getOptimizer());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("DL4J's BaseOptimizer changed: " + e, e);
        }
    }
}
