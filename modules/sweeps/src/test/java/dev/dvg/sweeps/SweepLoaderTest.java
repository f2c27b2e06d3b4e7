package dev.dvg.sweeps;

import dev.dvg.runner.Budget;
import dev.dvg.runner.ExperimentLoader;
import org.deeplearning4j.arbiter.optimize.api.Candidate;
import org.deeplearning4j.arbiter.optimize.generator.GridSearchCandidateGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Sweep files: the shipped ones load against their experiments; bad ones name file, field and allowed values. */
class SweepLoaderTest {

    static final Path REPO_EXPERIMENTS = Path.of(System.getProperty("user.dir")).resolve("../../experiments").normalize();

    private static final String GOOD = """
            id: tiny
            experiment: is-zero-mlp64
            parameters:
              learning_rate: {type: continuous, min: 1.0e-3, max: 1.0, scale: log}
              hidden: {type: integer, min: 16, max: 64, scale: log}
            score: {metric: test_accuracy, direction: maximize}
            budgets:
              quick: {base: quick, generator: {type: grid, points: 3}}
            """;

    static SweepLoader loader(Path sweeps) {
        return new SweepLoader(sweeps, new ExperimentLoader(REPO_EXPERIMENTS));
    }

    @Test
    void everyShippedSweepLoadsAgainstItsExperimentWithEveryBudget() throws Exception {
        SweepLoader l = loader(REPO_EXPERIMENTS.resolve("sweeps"));
        List<String> ids = l.ids();
        assertTrue(ids.containsAll(List.of("mlp256-lr-hidden", "lenet-optimiser", "is-zero-lr-batch", "moons-depth-lr")), ids.toString());
        for (String id : ids) {
            SweepDef d = l.load(id);
            assertEquals(Set.of(Budget.QUICK, Budget.DEFAULT, Budget.FULL), d.budgets().keySet(), id);
        }
    }

    @Test
    void theDefaultGridOfMlp256IsThreeLearningRatesByThreeLogSpacedWidths() throws Exception {
        SweepDef d = loader(REPO_EXPERIMENTS.resolve("sweeps")).load("mlp256-lr-hidden");
        SweepBudget.Generator.Grid g = (SweepBudget.Generator.Grid) d.budget(Budget.DEFAULT).generator();
        GridSearchCandidateGenerator grid = new GridSearchCandidateGenerator(new SweepSpace(d.parameters()), g.points(),
                GridSearchCandidateGenerator.Mode.Sequential, null);
        assertEquals(9, grid.getTotalNumCandidates());
        TreeSet<Double> lrs = new TreeSet<>();
        TreeSet<Integer> hidden = new TreeSet<>();
        List<Integer> indices = new ArrayList<>();
        while (grid.hasMoreCandidates()) {
            Candidate c = grid.getCandidate();
            SweepPoint p = (SweepPoint) c.getValue();
            indices.add(c.getIndex());
            lrs.add((Double) p.get(Param.LEARNING_RATE));
            hidden.add((Integer) p.get(Param.HIDDEN));
        }
        assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8), indices);
        assertEquals(List.of(16, 91, 512), List.copyOf(hidden));
        List<Double> l = List.copyOf(lrs);
        assertEquals(1e-4, l.get(0), 1e-12);
        assertEquals(Math.sqrt(1e-4 * 1e-1), l.get(1), 1e-9);
        assertEquals(1e-1, l.get(2), 1e-12);
    }

    @Test
    void parsesTheDocumentedFormat() {
        SweepDef d = SweepLoader.parse(GOOD, Path.of("s/tiny.yaml"));
        assertEquals("is-zero-mlp64", d.experiment());
        assertEquals(List.of(Param.LEARNING_RATE, Param.HIDDEN), d.parameters().stream().map(ParamSpace::param).toList());
        assertTrue(((ParamSpace.Continuous) d.parameters().get(0)).log());
        assertTrue(d.score().maximize());
        assertEquals(new SweepBudget.Generator.Grid(3), d.budget(Budget.QUICK).generator());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "unknown parameter | 'hidden: {type: integer' | 'momentum: {type: integer' | parameters.momentum: unknown parameter 'momentum'; allowed: learning_rate, hidden, depth, activation, optimizer, batch_size, l2",
        "bad scale | 'scale: log}\n  hidden' | 'scale: ln}\n  hidden' | parameters.learning_rate.scale: unknown 'ln'; allowed: linear, log",
        "bad type | 'hidden: {type: integer' | 'hidden: {type: continuous' | parameters.hidden.type: hidden is an integer",
        "bad metric | 'metric: test_accuracy' | 'metric: accuracy' | score.metric: unknown metric 'accuracy'; allowed: test_accuracy, test_loss, time_to_target",
        "wrong direction | 'direction: maximize' | 'direction: minimize' | score.direction: test_accuracy is compared with 'maximize'",
        "unknown field | 'score:' | 'scores: 1\nscore:' | scores: unknown field; allowed: budgets, description, experiment, id, parameters, score",
        "bad generator | 'type: grid, points: 3' | 'type: bayes' | budgets.quick.generator.type: unknown 'bayes'; allowed: grid, random",
        "random needs a limit | 'type: grid, points: 3' | 'type: random, seed: 1' | budgets.quick: a random search never runs out of candidates",
        "bad budget | 'quick: {base' | 'fast: {base' | budgets.fast: unknown budget 'fast'; allowed: quick, default, full",
        "min above max | 'min: 16, max: 64' | 'min: 64, max: 16' | parameters.hidden: expected min < max",
        "log of zero | 'min: 1.0e-3, max: 1.0, scale: log' | 'min: 0.0, max: 1.0, scale: log' | parameters.learning_rate: ",
    })
    void aBadFileNamesTheFileTheFieldAndWhatIsAllowed(String name, String from, String to, String expected) {
        String yaml = GOOD.replace(from.replace("\\n", "\n"), to.replace("\\n", "\n"));
        assertTrue(!yaml.equals(GOOD), "the case must change the file: " + name);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SweepLoader.parse(yaml, Path.of("s/tiny.yaml")));
        assertTrue(e.getMessage().startsWith("s/tiny.yaml: "), e.getMessage());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    @Test
    void aDiscreteValueOutsideTheAllowedNamesIsRejected() {
        String yaml = GOOD.replace("hidden: {type: integer, min: 16, max: 64, scale: log}",
                "activation: {type: discrete, values: [relu, swish]}");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SweepLoader.parse(yaml, Path.of("s/tiny.yaml")));
        assertEquals("s/tiny.yaml: parameters.activation.values: expected one of relu, tanh, sigmoid, identity, got swish",
                e.getMessage());
    }

    @Test
    void aParameterTheBaseModelCannotTakeIsAnErrorAtLoadTime(@TempDir Path tmp) throws Exception {
        Files.writeString(tmp.resolve("tiny.yaml"), GOOD.replace("is-zero-mlp64", "is-zero-logistic"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> loader(tmp).load("tiny"));
        assertTrue(e.getMessage().contains("tiny.yaml: parameters.hidden: the base network has no hidden dense layer"),
                e.getMessage());
    }

    @Test
    void anUnknownExperimentOrBudgetIsNamed(@TempDir Path tmp) throws Exception {
        Files.writeString(tmp.resolve("tiny.yaml"), GOOD.replace("is-zero-mlp64", "no-such"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> loader(tmp).load("tiny"));
        assertTrue(e.getMessage().contains("tiny.yaml: experiment: no experiment 'no-such'"), e.getMessage());

        Files.writeString(tmp.resolve("tiny.yaml"), GOOD.replace("base: quick", "base: fast"));
        e = assertThrows(IllegalArgumentException.class, () -> loader(tmp).load("tiny"));
        assertTrue(e.getMessage().contains("budgets.quick.base: unknown budget 'fast'; allowed: quick, default, full"),
                e.getMessage());

        e = assertThrows(IllegalArgumentException.class, () -> loader(tmp).load("nope"));
        assertTrue(e.getMessage().contains("no sweep 'nope'") && e.getMessage().contains("known sweeps: tiny"), e.getMessage());
    }
}
