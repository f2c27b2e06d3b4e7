package dev.dvg.cli;

import dev.dvg.data.fetch.DataCatalog;
import dev.dvg.data.fetch.DataConfig;
import dev.dvg.runner.Budget;
import dev.dvg.runner.DataSources;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/**
 * The options every training command shares ({@code run}, {@code sweep}): where experiments,
 * results and data are. A picocli mixin, so the flags and their help read the same everywhere.
 */
final class RunInputs {

    @Option(names = "--out", paramLabel = "DIR", description = "results root (default: results/ in the checkout)")
    Path out;

    @Option(names = "--experiments", paramLabel = "DIR",
            description = "experiment files, sweeps in DIR/sweeps (default: experiments/ in the checkout)")
    Path experimentsDir;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "folder with MNIST IDX files (default: $DVG_DATA, then the cache)")
    Path dataDir;

    @Option(names = "--digits", paramLabel = "FILE",
            description = "20x20 digits for digits20: OpenCV's digits.png or the course's ex4data1.mat "
                    + "(default: $DVG_DIGITS, then the cache / opencv-doc)")
    Path digits;

    Path resultsRoot() {
        return out != null ? out : Dvg.root().resolve("results");
    }

    Path experiments() {
        return experimentsDir != null ? experimentsDir : Dvg.root().resolve("experiments");
    }

    /** The data catalog from the environment and --data-dir, with --digits/$DVG_DIGITS if given. */
    DataSources sources() {
        String env = System.getenv("DVG_DIGITS");
        Path file = digits != null ? digits : env == null || env.isBlank() ? null : Path.of(env);
        return new DataSources(new DataCatalog(DataConfig.fromEnvironment(dataDir)), file);
    }

    /** Parses --budget; a bad name is a usage error listing the allowed ones. */
    static Budget budget(String name) {
        try {
            return Budget.fromId(name);
        } catch (IllegalArgumentException e) {
            throw new Failures.UserError(ExitCodes.USAGE, "--budget: " + e.getMessage());
        }
    }
}
