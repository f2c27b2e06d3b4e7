package dev.dvg.regress;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One table of test accuracy per DL4J version, from the regress.json files of the same quick set
 * run under each version (scripts/compare-dl4j.sh builds and runs them). Rows are experiment ×
 * engine; David's rows show that the versions change only Goliath. Writes dl4j-versions.md and
 * dl4j-versions.json.
 */
public final class Dl4jVersionTable {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Dl4jVersionTable() {
    }

    /** A version that could not run, with the reason (e.g. the build's error message). */
    public record Failure(String version, String reason) {
    }

    /**
     * Combines {@code regressJsons} (one per DL4J version) and {@code failures} into
     * {@code outDir}/dl4j-versions.md and .json; returns the Markdown.
     */
    public static String write(List<Path> regressJsons, List<Failure> failures, Path outDir) throws IOException {
        Map<String, JsonNode> byVersion = new LinkedHashMap<>();
        for (Path p : regressJsons) {
            JsonNode root = RunRecord.readJson(p);
            JsonNode v = root.get("dl4j_version");
            if (v == null || v.isNull()) {
                throw new RegressException(p + ": key 'dl4j_version': missing (no experiment ran?)");
            }
            if (byVersion.containsKey(v.asText())) {
                throw new RegressException(p + ": a second regress.json for DL4J " + v.asText());
            }
            byVersion.put(v.asText(), root);
        }
        Set<String> rows = new LinkedHashSet<>();
        Map<String, Map<String, String>> cell = new LinkedHashMap<>();
        Map<String, Map<String, String>> verdict = new LinkedHashMap<>();
        Map<String, String> baseline = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : byVersion.entrySet()) {
            for (JsonNode exp : e.getValue().path("experiments")) {
                String id = exp.path("experiment").asText();
                if (exp.path("checks").isEmpty()) {
                    for (String engine : List.of("david", "dl4j")) {
                        String row = id + " | " + engine;
                        rows.add(row);
                        cell.computeIfAbsent(row, k -> new LinkedHashMap<>()).put(e.getKey(), exp.path("verdict").asText());
                    }
                    continue;
                }
                for (JsonNode c : exp.path("checks")) {
                    if (!c.path("check").asText().equals(Metric.TEST_ACCURACY.key())) {
                        continue;
                    }
                    String row = id + " | " + c.path("engine").asText();
                    rows.add(row);
                    cell.computeIfAbsent(row, k -> new LinkedHashMap<>()).put(e.getKey(),
                            c.path("now").isNumber() ? String.format(Locale.ROOT, "%.4f", c.path("now").asDouble()) : "-");
                    verdict.computeIfAbsent(row, k -> new LinkedHashMap<>()).put(e.getKey(), c.path("verdict").asText());
                    if (c.path("baseline").isNumber()) {
                        baseline.put(row, String.format(Locale.ROOT, "%.4f ± %.4f", c.path("baseline").asDouble(),
                                c.path("tolerance").asDouble()));
                    }
                }
            }
        }
        StringBuilder md = new StringBuilder();
        md.append("# Test accuracy per DL4J version (quick budget, baseline seed)\n\n");
        md.append("Each column is the same checkout built with `-Ddl4j.version`/the `dl4j-*` profile and run in its own JVM ")
                .append("(scripts/compare-dl4j.sh). Baseline = results/baselines (made with the default DL4J); a cell's ")
                .append("verdict is shown when it is not ok.\n\n");
        List<String> versions = new ArrayList<>(byVersion.keySet());
        md.append("| experiment | engine | baseline ± tol |");
        versions.forEach(v -> md.append(" DL4J ").append(v).append(" |"));
        md.append("\n|---|---|---:|");
        versions.forEach(v -> md.append("---:|"));
        md.append('\n');
        for (String row : rows) {
            md.append("| ").append(row).append(" | ").append(baseline.getOrDefault(row, "-")).append(" |");
            for (String v : versions) {
                String val = cell.getOrDefault(row, Map.of()).getOrDefault(v, "-");
                String verd = verdict.getOrDefault(row, Map.of()).get(v);
                md.append(' ').append(val).append(verd != null && !verd.equals("ok") ? " (" + verd + ")" : "").append(" |");
            }
            md.append('\n');
        }
        md.append('\n');
        for (Map.Entry<String, JsonNode> e : byVersion.entrySet()) {
            md.append("- DL4J ").append(e.getKey()).append(": gate outcome **").append(e.getValue().path("outcome").asText())
                    .append("**, ").append(e.getValue().path("out_dir").asText()).append('\n');
        }
        for (Failure f : failures) {
            md.append("- DL4J ").append(f.version()).append(": **could not run** — ").append(f.reason()).append('\n');
        }
        ObjectNode json = JSON.createObjectNode();
        json.put("format", 1);
        ArrayNode vs = json.putArray("versions");
        for (Map.Entry<String, JsonNode> e : byVersion.entrySet()) {
            ObjectNode vn = vs.addObject();
            vn.put("dl4j_version", e.getKey());
            vn.put("outcome", e.getValue().path("outcome").asText());
            ObjectNode acc = vn.putObject("test_accuracy");
            for (String row : rows) {
                String val = cell.getOrDefault(row, Map.of()).get(e.getKey());
                if (val != null) {
                    acc.put(row.replace(" | ", "/"), val.matches("[0-9.]+") ? Double.parseDouble(val) : null);
                }
            }
        }
        ArrayNode fs = json.putArray("failures");
        for (Failure f : failures) {
            fs.addObject().put("dl4j_version", f.version()).put("reason", f.reason());
        }
        Files.createDirectories(outDir);
        BaselineStore.writeAtomically(outDir.resolve("dl4j-versions.md"), md.toString());
        BaselineStore.writeAtomically(outDir.resolve("dl4j-versions.json"), JSON.writeValueAsString(json) + "\n");
        return md.toString();
    }
}
