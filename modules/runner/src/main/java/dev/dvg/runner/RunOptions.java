package dev.dvg.runner;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Objects;

/**
 * How {@code dvg run} runs: budget, how many of the experiment's seeds, where results go, where the
 * data is, thread overrides, and where progress lines are printed.
 *
 * @param budget        quick, default or full
 * @param seeds         how many of the experiment's seeds to run (≥ 1; capped at the list's length)
 * @param resultsRoot   results root ({@code results/} by default; {@code --out})
 * @param repoRoot      the checkout (for the git commit in provenance)
 * @param data          data sources
 * @param davidThreads  override of David's threads (0 = the experiment's setting)
 * @param dl4jThreads   override of DL4J's threads (0 = the experiment's setting)
 * @param progress      where progress lines go
 * @param weights       pretrained weights scored by both engines before training (the course's
 *                      ex4weights.mat, digits20-mlp25 only; see {@link Pretrained}), or null
 */
public record RunOptions(Budget budget, int seeds, Path resultsRoot, Path repoRoot, DataSources data,
                         int davidThreads, int dl4jThreads, PrintWriter progress, Path weights) {

    /** Options without pretrained weights. */
    public RunOptions(Budget budget, int seeds, Path resultsRoot, Path repoRoot, DataSources data,
                      int davidThreads, int dl4jThreads, PrintWriter progress) {
        this(budget, seeds, resultsRoot, repoRoot, data, davidThreads, dl4jThreads, progress, null);
    }

    /** The same options without pretrained weights (for a suite's other experiments). */
    public RunOptions withoutWeights() {
        return weights == null ? this
                : new RunOptions(budget, seeds, resultsRoot, repoRoot, data, davidThreads, dl4jThreads, progress, null);
    }

    public RunOptions {
        Objects.requireNonNull(budget, "budget");
        if (seeds < 1) {
            throw new IllegalArgumentException("--seeds must be >= 1, got " + seeds);
        }
        Objects.requireNonNull(resultsRoot, "resultsRoot");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(progress, "progress");
    }
}
