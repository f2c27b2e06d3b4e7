package dev.dvg.runner;

import dev.dvg.engine.spec.OptimizerSpec;
import dev.dvg.models.TrainingSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExperimentLoaderTest {

    static final Path REPO_EXPERIMENTS = Path.of(System.getProperty("user.dir")).resolve("../../experiments").normalize();

    private static final String GOOD = """
            id: tiny
            model: moons
            seeds: [1, 2]
            threads: {david: 1, dl4j: 1}
            targetAccuracy: 0.9
            budgets:
              quick: {training: {sampling: full-batch, steps: 20}, minAccuracy: 0.5,
                      optimizer: {type: adam, learningRate: 0.01, beta1: 0.9, beta2: 0.999, epsilon: 1.0e-8}}
            """;

    @Test
    void everyShippedExperimentLoadsAndTheSuiteExpandsToAllModels() throws Exception {
        ExperimentLoader loader = new ExperimentLoader(REPO_EXPERIMENTS);
        for (String id : loader.ids()) {
            ExperimentDef def = loader.load(id);
            if (!def.isSuite()) {
                for (Budget b : Budget.values()) {
                    ExperimentRunner.resolve(def, b); // every budget makes a valid model spec
                }
            }
        }
        List<String> suite = loader.expand("david-vs-goliath").stream().map(ExperimentDef::id).toList();
        assertEquals(List.of("is-zero-logistic", "is-zero-mlp64", "mnist-mlp256", "mnist-lenet", "moons",
                "digits20-mlp25"), suite);
    }

    @Test
    void parsesAllFields() {
        ExperimentDef d = ExperimentLoader.parse(GOOD, Path.of("x/tiny.yaml"));
        assertEquals("moons", d.model());
        assertEquals(List.of(1L, 2L), d.seeds());
        BudgetDef q = d.budget(Budget.QUICK);
        assertEquals(TrainingSpec.fullBatch(20), q.training());
        assertInstanceOf(OptimizerSpec.Adam.class, q.optimizer());
        assertEquals(0.5, q.minAccuracy());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> d.budget(Budget.FULL));
        assertTrue(e.getMessage().contains("x/tiny.yaml") && e.getMessage().contains("full"), e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "unknown top-level field | seeds: [1, 2] | seedz: [1, 2] | seedz: unknown field; allowed:",
        "unknown model           | model: moons | model: cifar | model: unknown model 'cifar'; allowed:",
        "unknown budget          | quick: { | quik: { | budgets.quik: unknown budget 'quik'; allowed: quick, default, full",
        "bad sampling            | sampling: full-batch | sampling: sometimes | budgets.quick.training",
        "accuracy above one      | minAccuracy: 0.5 | minAccuracy: 5 | budgets.quick.minAccuracy: expected a number in [0.0, 1.0]",
        "bad optimizer field     | learningRate: 0.01 | learningRate: -1 | budgets.quick.optimizer",
        "threads out of range    | dl4j: 1} | dl4j: 0} | threads.dl4j: expected an integer in [1, 256]",
        "non-integer seed        | seeds: [1, 2] | seeds: [1, x] | seeds: expected integers",
    })
    void badFieldsNameTheFileAndTheField(String name, String from, String to, String expected) {
        String yaml = GOOD.replace(from, to);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ExperimentLoader.parse(yaml, Path.of("exp/tiny.yaml")));
        assertTrue(e.getMessage().startsWith("exp/tiny.yaml: "), e.getMessage());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    @Test
    void idMustMatchTheFileName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ExperimentLoader.parse(GOOD, Path.of("exp/other.yaml")));
        assertTrue(e.getMessage().contains("must equal the file name 'other'"), e.getMessage());
    }

    @Test
    void brokenYamlGivesTheLine() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ExperimentLoader.parse("id: x\nmodel: [unclosed\n", Path.of("exp/x.yaml")));
        assertTrue(e.getMessage().contains("exp/x.yaml: not valid YAML") && e.getMessage().contains("line"),
                e.getMessage());
    }

    @Test
    void unknownExperimentListsTheKnownOnesAndCyclesAreCaught(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("a.yaml"), "id: a\nincludes: [b]\n");
        Files.writeString(dir.resolve("b.yaml"), "id: b\nincludes: [a]\n");
        ExperimentLoader loader = new ExperimentLoader(dir);
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> loader.load("c"));
        assertTrue(missing.getMessage().contains("known experiments: a, b"), missing.getMessage());
        IllegalArgumentException cycle = assertThrows(IllegalArgumentException.class, () -> loader.expand("a"));
        assertTrue(cycle.getMessage().contains("cycle"), cycle.getMessage());
    }
}
