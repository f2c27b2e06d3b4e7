package dev.dvg.report.read;

import com.fasterxml.jackson.databind.JsonNode;

/** run.json: the resolved configuration and provenance of one run. */
public record RunInfo(String experiment, String runId, String status, String started, String finished,
                      String budget, JsonNode config, JsonNode provenance) {
}
