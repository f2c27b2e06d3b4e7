package dev.dvg.report.read;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dvg.report.Engine;
import java.util.List;
import java.util.Map;

/**
 * summary.json. {@code targetAccuracy} (the accuracy "time to target" refers to) and
 * {@code minAccuracy} (the budget's accuracy floor) are NaN when absent; {@code pretrained} is null
 * unless the run scored pretrained weights ({@code dvg run digits20-mlp25 --weights}).
 */
public record Summary(String experiment, String runId, String status, String budget, String model, List<Long> seeds,
                      Map<Engine, EngineSummary> engines, Parity parity, double speedRatio, double targetAccuracy,
                      double minAccuracy, JsonNode provenance, PretrainedScores pretrained) {
    public Summary {
        seeds = List.copyOf(seeds);
        engines = Map.copyOf(engines);
    }

    public EngineSummary engine(Engine e) {
        return engines.get(e);
    }
}
