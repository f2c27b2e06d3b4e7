package dev.dvg.report.read;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;

/** A sweep run folder: sweep.json and candidates.jsonl. */
public record SweepResults(Path dir, String sweep, String runId, String status, String budget, String scoreName,
                           boolean maximize, JsonNode definition, JsonNode provenance, List<Candidate> candidates)
        implements Results {
    public SweepResults {
        candidates = List.copyOf(candidates);
    }

    @Override
    public String name() {
        return sweep;
    }
}
