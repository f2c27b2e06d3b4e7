package dev.dvg.runner;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One experiment file of {@code experiments/}: either a single model trained by both engines, or
 * a suite ({@code includes}) of other experiments, such as {@code david-vs-goliath}.
 *
 * @param id             file name without {@code .yaml}
 * @param description    one line for the report
 * @param model          reference model id (null for a suite)
 * @param includes       experiment ids of a suite (empty for a single model)
 * @param budgets        schedule per budget (empty for a suite)
 * @param seeds          seeds in order; {@code --seeds N} runs the first N
 * @param sameInit       both engines start from David's initial weights (else each its own init)
 * @param davidThreads   David's kernel threads (0 = all cores)
 * @param dl4jThreads    ND4J/OpenMP threads (DL4J was faster with 1 on this machine: NOTES-DL4J.md)
 * @param targetAccuracy the accuracy whose first crossing is timed ("time to target")
 * @param paritySteps    steps whose losses are compared between the engines in the summary
 * @param source         the file it was read from
 */
public record ExperimentDef(String id, String description, String model, List<String> includes,
                            Map<Budget, BudgetDef> budgets, List<Long> seeds, boolean sameInit,
                            int davidThreads, int dl4jThreads, double targetAccuracy, int paritySteps,
                            Path source) {

    public ExperimentDef {
        Objects.requireNonNull(id, "id");
        includes = List.copyOf(includes);
        budgets = Map.copyOf(budgets);
        seeds = List.copyOf(seeds);
    }

    public boolean isSuite() {
        return !includes.isEmpty();
    }

    /** The schedule of {@code budget}; the error names the file. */
    public BudgetDef budget(Budget budget) {
        BudgetDef b = budgets.get(budget);
        if (b == null) {
            throw new IllegalArgumentException(source + ": experiment '" + id + "' defines no budget '"
                    + budget.id() + "' (it has: " + budgets.keySet() + ")");
        }
        return b;
    }
}
