package dev.dvg.models;

import dev.dvg.engine.spec.DenseSpec;
import dev.dvg.engine.spec.InitSpec;
import dev.dvg.engine.spec.LossKind;
import dev.dvg.engine.spec.NetworkSpec;
import dev.dvg.engine.spec.OptimizerSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SpecJsonTest {

    static Stream<ModelSpec> allSpecs() {
        return Stream.concat(ReferenceModels.all().stream(),
                ReferenceModels.ids().stream().map(ReferenceModels::recipe));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("allSpecs")
    void everyReferenceSpecRoundTrips(ModelSpec spec) {
        String json = SpecJson.toJson(spec);
        ModelSpec back = SpecJson.modelFromJson(json, "test");
        assertEquals(spec, back);
        assertEquals(json, SpecJson.toJson(back));
    }

    @Test
    void everyOptimizerKindRoundTrips() {
        List<OptimizerSpec> all = List.of(new OptimizerSpec.Sgd(0.1), new OptimizerSpec.Momentum(0.1, 0.9),
                new OptimizerSpec.Nesterov(0.1, 0.9), new OptimizerSpec.RmsProp(0.01, 0.95, 1e-8),
                new OptimizerSpec.ScalarRmsProp(0.5, 0.99, 1e-3), new OptimizerSpec.Adam(1e-3, 0.9, 0.999, 1e-8),
                new OptimizerSpec.Lbfgs(10, 200), new OptimizerSpec.ConjugateGradient(50));
        for (OptimizerSpec o : all) {
            assertEquals(o, SpecJson.optimizerFromJson(SpecJson.toJson(o), "test"));
        }
    }

    @Test
    void everyInitKindRoundTrips() {
        for (InitSpec init : List.of(new InitSpec.Normal(0.5), new InitSpec.UniformFan(), new InitSpec.Xavier(),
                new InitSpec.XavierUniform(), new InitSpec.He(), new InitSpec.HeUniform())) {
            NetworkSpec n = new NetworkSpec(new int[]{3}, List.of(new DenseSpec(2, init)), LossKind.MSE, 0.25);
            assertEquals(n, SpecJson.networkFromJson(SpecJson.toJson(n), "test"));
        }
    }

    @Test
    void jsonUsesTypeDiscriminatorsAndIds() {
        String json = SpecJson.toJson(ReferenceModels.get(ReferenceModels.MNIST_LENET));
        assertTrue(json.contains("\"type\" : \"conv2d\""), json);
        assertTrue(json.contains("\"type\" : \"uniform-fan\""), json);
        assertTrue(json.contains("\"type\" : \"adam\""), json);
        assertTrue(json.contains("\"transform\" : \"zscore-per-image\""), json);
        assertTrue(json.contains("\"sampling\" : \"shuffled-epochs\""), json);
    }

    @Test
    void badValueNamesSourceAndField() {
        String json = SpecJson.toJson(ReferenceModels.get(ReferenceModels.MOONS))
                .replace("\"learningRate\" : 0.01", "\"learningRate\" : -1.0");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SpecJson.modelFromJson(json, "experiments/moons.json"));
        assertTrue(e.getMessage().contains("experiments/moons.json"), e.getMessage());
        assertTrue(e.getMessage().contains("sgd.learningRate"), e.getMessage());
    }

    @Test
    void unknownTypeAndUnknownIdAreErrors() {
        String json = SpecJson.toJson(ReferenceModels.get(ReferenceModels.MOONS));
        IllegalArgumentException e1 = assertThrows(IllegalArgumentException.class,
                () -> SpecJson.modelFromJson(json.replace("\"type\" : \"sgd\"", "\"type\" : \"adagrad\""), "f.json"));
        assertTrue(e1.getMessage().contains("adagrad"), e1.getMessage());
        IllegalArgumentException e2 = assertThrows(IllegalArgumentException.class,
                () -> SpecJson.modelFromJson(json.replace("\"dataset\" : \"moons\"", "\"dataset\" : \"cifar\""), "f.json"));
        assertTrue(e2.getMessage().contains("data.dataset must be one of mnist, fashion-mnist, moons, digits20"),
                e2.getMessage());
        IllegalArgumentException e3 = assertThrows(IllegalArgumentException.class,
                () -> SpecJson.modelFromJson(json.replace("\"seed\" :", "\"colour\" : 1, \"seed\" :"), "f.json"));
        assertTrue(e3.getMessage().contains("colour"), e3.getMessage());
    }

    @Test
    void writeAndReadFile(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("m.json");
        ModelSpec s = ReferenceModels.get(ReferenceModels.DIGITS20_MLP25);
        SpecJson.writeModel(s, f);
        assertEquals(s, SpecJson.readModel(f));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temp file left behind");
        }
    }

    @Test
    void recipeDiffersOnlyWhereTheRecipeDoes() {
        ModelSpec d = ReferenceModels.get(ReferenceModels.MNIST_MLP256);
        ModelSpec r = ReferenceModels.recipe(ReferenceModels.MNIST_MLP256);
        assertNotEquals(d, r);
        assertEquals(d.network(), r.network());
        assertTrue(r.optimizer() instanceof OptimizerSpec.ScalarRmsProp);
        assertEquals(TrainingSpec.Sampling.FULL_BATCH, r.training().sampling());
    }
}
