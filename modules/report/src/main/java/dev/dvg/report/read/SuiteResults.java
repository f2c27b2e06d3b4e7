package dev.dvg.report.read;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;

/**
 * A suite run folder (suite.json plus one run sub-folder per experiment), e.g.
 * {@code results/david-vs-goliath/<run-id>/}. {@code missing} lists experiments that suite.json names
 * but that have no folder (allowed only when the suite is not complete).
 */
public record SuiteResults(Path dir, String suite, String runId, String status, String budget,
                           List<String> experiments, JsonNode provenance, List<RunResults> runs,
                           List<String> missing) implements Results {
    public SuiteResults {
        experiments = List.copyOf(experiments);
        runs = List.copyOf(runs);
        missing = List.copyOf(missing);
    }

    @Override
    public String name() {
        return suite;
    }
}
