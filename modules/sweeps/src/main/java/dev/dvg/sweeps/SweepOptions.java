package dev.dvg.sweeps;

import dev.dvg.runner.Budget;
import dev.dvg.runner.DataSources;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Objects;

/**
 * How {@code dvg sweep} runs.
 *
 * @param budget       which of the sweep's budgets
 * @param parallel     candidates trained at once (≤ cores; David gets cores / parallel threads, DL4J 1)
 * @param resultsRoot  results root: the sweep goes to {@code <root>/sweeps/<name>/<run-id>/}
 * @param repoRoot     the checkout (git commit in provenance)
 * @param data         data sources
 * @param resume       run id to resume, or null: then the newest unfinished run of the same
 *                     definition and budget is resumed unless {@code fresh}
 * @param fresh        always start a new run
 * @param out          one line per finished candidate
 */
public record SweepOptions(Budget budget, int parallel, Path resultsRoot, Path repoRoot, DataSources data,
                           String resume, boolean fresh, PrintWriter out) {
    public SweepOptions {
        Objects.requireNonNull(budget, "budget");
        Objects.requireNonNull(resultsRoot, "resultsRoot");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(out, "out");
        if (parallel < 1) {
            throw new IllegalArgumentException("--parallel must be >= 1, got " + parallel);
        }
        if (resume != null && fresh) {
            throw new IllegalArgumentException("--resume and --fresh exclude each other");
        }
    }
}
