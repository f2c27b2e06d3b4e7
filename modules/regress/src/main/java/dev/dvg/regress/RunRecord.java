package dev.dvg.regress;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the regression gate needs from one finished run folder (results/FORMAT.md): the summary's
 * status, accuracy floor and provenance, the resolved config from run.json, and every engine's
 * per-seed final metrics from metrics.jsonl.
 *
 * @param experiment  experiment id
 * @param dir         the run folder
 * @param runId       run id
 * @param status      complete, incomplete or failed
 * @param budget      budget id
 * @param minAccuracy the budget's accuracy floor (0 = none)
 * @param meetsMin    per engine: summary.json's {@code meets_min_accuracy}
 * @param seeds       per-seed final metrics of both engines, in file order
 * @param config      run.json's config without the absolute experiment file path
 * @param provenance  summary.json's provenance
 */
public record RunRecord(String experiment, Path dir, String runId, String status, String budget, double minAccuracy,
                        Map<String, Boolean> meetsMin, List<SeedMetrics> seeds, JsonNode config, JsonNode provenance) {

    static final ObjectMapper JSON = new ObjectMapper();

    public RunRecord {
        meetsMin = Map.copyOf(meetsMin);
        seeds = List.copyOf(seeds);
    }

    /** The metrics of {@code engine} for {@code seed}, if the run has them. */
    public Optional<SeedMetrics> find(String engine, long seed) {
        return seeds.stream().filter(s -> s.engine().equals(engine) && s.seed() == seed).findFirst();
    }

    /** Engines present in the run, in file order. */
    public List<String> engines() {
        List<String> out = new ArrayList<>();
        for (SeedMetrics s : seeds) {
            if (!out.contains(s.engine())) {
                out.add(s.engine());
            }
        }
        return out;
    }

    /** Reads {@code dir}/summary.json, run.json and metrics.jsonl; errors name the file and the key. */
    public static RunRecord read(Path dir) throws IOException {
        Path summaryFile = dir.resolve("summary.json");
        Path runFile = dir.resolve("run.json");
        Path metricsFile = dir.resolve("metrics.jsonl");
        for (Path p : List.of(summaryFile, runFile, metricsFile)) {
            if (!Files.isRegularFile(p)) {
                throw new RegressException(p + ": missing (a run folder holds run.json, metrics.jsonl and summary.json)");
            }
        }
        JsonNode summary = readJson(summaryFile);
        JsonNode run = readJson(runFile);
        String experiment = text(summary, "experiment", summaryFile);
        String status = text(summary, "status", summaryFile);
        String budget = text(summary, "budget", summaryFile);
        String runId = text(summary, "run_id", summaryFile);
        JsonNode minNode = summary.get("min_accuracy");
        double minAccuracy = minNode != null && minNode.isNumber() ? minNode.asDouble() : 0;
        Map<String, Boolean> meets = new LinkedHashMap<>();
        JsonNode engines = summary.get("engines");
        if (engines == null || !engines.isObject()) {
            throw new RegressException(summaryFile + ": key 'engines': expected an object");
        }
        engines.fields().forEachRemaining(e -> {
            JsonNode m = e.getValue().get("meets_min_accuracy");
            meets.put(e.getKey(), m == null || m.asBoolean(true));
        });
        ObjectNode config = run.get("config") instanceof ObjectNode c ? c.deepCopy() : JSON.createObjectNode();
        config.remove("experiment_file");

        Set<String> diverged = new HashSet<>();
        List<SeedMetrics> seeds = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(metricsFile, StandardCharsets.UTF_8)) {
            String line;
            int lineNo = 0;
            List<JsonNode> finals = new ArrayList<>();
            while ((line = r.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                JsonNode ev;
                try {
                    ev = JSON.readTree(line);
                } catch (IOException e) {
                    throw new RegressException(metricsFile + ":" + lineNo + ": not a JSON object: " + e.getMessage(), e);
                }
                String kind = ev.path("event").asText("");
                if (kind.equals("diverged")) {
                    diverged.add(ev.path("engine").asText() + "/" + ev.path("seed").asLong());
                } else if (kind.equals("final")) {
                    finals.add(ev);
                }
            }
            for (JsonNode f : finals) {
                String engine = f.path("engine").asText();
                long seed = f.path("seed").asLong();
                Map<Metric, Double> values = new EnumMap<>(Metric.class);
                for (Metric m : Metric.values()) {
                    JsonNode v = f.get(m.key());
                    if (v != null && v.isNumber() && Double.isFinite(v.asDouble())) {
                        values.put(m, v.asDouble());
                    }
                }
                int n = 0;
                for (JsonNode row : f.path("confusion")) {
                    for (JsonNode c : row) {
                        n += c.asInt();
                    }
                }
                seeds.add(new SeedMetrics(engine, seed, values, n, diverged.remove(engine + "/" + seed)));
            }
        }
        // a run that diverged may have no final event for that engine and seed: keep it visible
        for (String d : diverged) {
            String[] p = d.split("/");
            seeds.add(new SeedMetrics(p[0], Long.parseLong(p[1]), Map.of(), 0, true));
        }
        return new RunRecord(experiment, dir, runId, status, budget, minAccuracy, meets, seeds, config,
                summary.path("provenance"));
    }

    static JsonNode readJson(Path file) throws IOException {
        try {
            return JSON.readTree(file.toFile());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new RegressException(file + ": not valid JSON: " + e.getOriginalMessage()
                    + (e.getLocation() != null ? " (line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ")" : ""), e);
        }
    }

    private static String text(JsonNode n, String key, Path file) {
        JsonNode v = n.get(key);
        if (v == null || !v.isTextual()) {
            throw new RegressException(file + ": key '" + key + "': expected a string");
        }
        return v.asText();
    }

    /** Finds run folders (those holding summary.json) at or below {@code root}, at most 3 levels down. */
    public static List<Path> findRuns(Path root) throws IOException {
        List<Path> out = new ArrayList<>();
        if (Files.isRegularFile(root.resolve("summary.json"))) {
            out.add(root);
            return out;
        }
        try (var s = Files.find(root, 3, (p, a) -> a.isRegularFile() && p.getFileName().toString().equals("summary.json"))) {
            s.map(Path::getParent).sorted().forEach(out::add);
        }
        return out;
    }
}
