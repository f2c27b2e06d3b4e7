package dev.dvg.regress;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Writes run folders in the results/FORMAT.md layout for tests that need no training. */
final class FakeRuns {

    private static final ObjectMapper JSON = new ObjectMapper();

    private FakeRuns() {
    }

    /** One engine/seed's final numbers. */
    record Final(String engine, long seed, Double accuracy, Double trainLoss, Double testLoss, boolean diverged) {
    }

    static Path write(Path dir, String experiment, String budget, double minAccuracy, double learningRate,
                      List<Final> finals) throws IOException {
        Files.createDirectories(dir);
        List<Long> seeds = new ArrayList<>();
        finals.forEach(f -> {
            if (!seeds.contains(f.seed())) {
                seeds.add(f.seed());
            }
        });
        ObjectNode prov = JSON.createObjectNode().put("git_commit", "abc123").put("dl4j_version", "1.0.0-M2.1")
                .put("jdk", "17");
        ObjectNode config = JSON.createObjectNode();
        config.put("experiment_file", "/somewhere/" + experiment + ".yaml");
        config.putObject("model_spec").putObject("optimizer").put("type", "adam").put("learningRate", learningRate);
        config.putArray("seeds").addAll(seeds.stream().map(JSON.getNodeFactory()::numberNode).toList());
        ObjectNode run = JSON.createObjectNode().put("format", 1).put("experiment", experiment).put("run_id", "r1")
                .put("status", "complete").put("budget", budget);
        run.set("config", config);
        run.set("provenance", prov);
        Files.writeString(dir.resolve("run.json"), run.toString());
        StringBuilder metrics = new StringBuilder();
        ObjectNode engines = JSON.createObjectNode();
        for (Final f : finals) {
            if (f.diverged()) {
                metrics.append(JSON.createObjectNode().put("event", "diverged").put("engine", f.engine()).put("seed", f.seed())
                        .put("step", 3).put("message", "NaN loss")).append('\n');
            }
            ObjectNode fin = JSON.createObjectNode().put("event", "final").put("engine", f.engine()).put("seed", f.seed());
            fin.put("test_accuracy", f.accuracy());
            fin.put("test_loss", f.testLoss());
            fin.put("final_train_loss", f.trainLoss());
            ArrayNode conf = fin.putArray("confusion");
            conf.addArray().add(500).add(0);
            conf.addArray().add(0).add(500);
            metrics.append(fin).append('\n');
            boolean meets = !f.diverged() && f.accuracy() != null && f.accuracy() >= minAccuracy;
            ObjectNode e = engines.has(f.engine()) ? (ObjectNode) engines.get(f.engine())
                    : engines.putObject(f.engine()).put("meets_min_accuracy", true);
            e.put("meets_min_accuracy", e.get("meets_min_accuracy").asBoolean() && meets);
        }
        Files.writeString(dir.resolve("metrics.jsonl"), metrics.toString());
        ObjectNode summary = JSON.createObjectNode().put("experiment", experiment).put("run_id", "r1")
                .put("status", "complete").put("budget", budget).put("min_accuracy", minAccuracy);
        summary.set("engines", engines);
        summary.set("provenance", prov);
        Files.writeString(dir.resolve("summary.json"), summary.toString());
        return dir;
    }
}
