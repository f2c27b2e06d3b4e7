package dev.dvg.sweeps;

import dev.dvg.runner.Budget;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One sweep file of {@code experiments/sweeps/}: the base experiment, the parameter spaces, the
 * score and a budget per name. Format: {@link SweepLoader}.
 *
 * @param id          file name without .yaml
 * @param description one line for the report
 * @param experiment  base experiment id (experiments/&lt;id&gt;.yaml, not a suite)
 * @param parameters  the spaces, in file order
 * @param score       what is compared and its direction
 * @param budgets     per budget name
 * @param source      the file
 */
public record SweepDef(String id, String description, String experiment, List<ParamSpace> parameters, Score score,
                       Map<Budget, SweepBudget> budgets, Path source) {

    public SweepDef {
        Objects.requireNonNull(id, "id");
        parameters = List.copyOf(parameters);
        budgets = Map.copyOf(budgets);
    }

    /** The budget {@code b}; the error names the file and the budgets it has. */
    public SweepBudget budget(Budget b) {
        SweepBudget s = budgets.get(b);
        if (s == null) {
            throw new IllegalArgumentException(source + ": sweep '" + id + "' defines no budget '" + b.id()
                    + "' (it has: " + budgets.keySet().stream().map(Budget::id).sorted().toList() + ")");
        }
        return s;
    }
}
