package dev.dvg.regress;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads and writes baseline files ({@code <dir>/<experiment>.json}). Reading is strict: every
 * error names the file and the dotted key path and says what was expected. Writing is atomic
 * (temp file in the same folder, then rename).
 */
public final class BaselineStore {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path dir;

    public BaselineStore(Path dir) {
        this.dir = dir;
    }

    public Path dir() {
        return dir;
    }

    public Path file(String experiment) {
        return dir.resolve(experiment + ".json");
    }

    public boolean exists(String experiment) {
        return Files.isRegularFile(file(experiment));
    }

    /** Reads the baseline of {@code experiment}; a missing file is an error naming it. */
    public Baseline read(String experiment) throws IOException {
        Path f = file(experiment);
        if (!Files.isRegularFile(f)) {
            throw new RegressException(f + ": no baseline for experiment '" + experiment
                    + "' (create it with: dvg regress " + experiment + " --update --reason \"...\")");
        }
        JsonNode root;
        try {
            root = JSON.readTree(Files.readString(f, StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw new RegressException(f + ": not valid JSON: " + e.getOriginalMessage()
                    + (e.getLocation() != null ? " (line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ")" : ""), e);
        }
        return parse(root, f, experiment);
    }

    static Baseline parse(JsonNode root, Path f, String experiment) {
        Reader r = new Reader(f);
        r.object(root, "");
        int format = (int) r.integer(root, "format");
        if (format != Baseline.FORMAT) {
            throw r.fail("format", "expected " + Baseline.FORMAT + ", got " + format);
        }
        String id = r.text(root, "experiment");
        if (!id.equals(experiment)) {
            throw r.fail("experiment", "expected '" + experiment + "' (the file name), got '" + id + "'");
        }
        JsonNode budgets = r.object(root.get("budgets"), "budgets");
        if (budgets.isEmpty()) {
            throw r.fail("budgets", "expected at least one budget (quick, default, full)");
        }
        Map<String, Baseline.Section> sections = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = budgets.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String b = e.getKey();
            if (!List.of("quick", "default", "full").contains(b)) {
                throw r.fail("budgets." + b, "unknown budget; allowed: quick, default, full");
            }
            sections.put(b, section(r, e.getValue(), "budgets." + b));
        }
        List<Baseline.Update> history = new ArrayList<>();
        JsonNode h = root.get("history");
        if (h != null) {
            if (!h.isArray()) {
                throw r.fail("history", "expected a list");
            }
            for (int i = 0; i < h.size(); i++) {
                String p = "history[" + i + "]";
                JsonNode u = r.object(h.get(i), p);
                history.add(new Baseline.Update(r.text(u, p + ".date", "date"), r.text(u, p + ".budget", "budget"),
                        r.text(u, p + ".reason", "reason"), r.optText(u, "git_commit"), r.optText(u, "dl4j_version")));
            }
        }
        return new Baseline(id, sections, history);
    }

    private static Baseline.Section section(Reader r, JsonNode node, String path) {
        r.object(node, path);
        long seed = r.integer(node, path + ".seed", "seed");
        List<Long> spread = new ArrayList<>();
        JsonNode sp = node.get("spread_seeds");
        if (sp == null || !sp.isArray() || sp.size() < 3) {
            throw r.fail(path + ".spread_seeds", "expected a list of >= 3 seeds");
        }
        for (JsonNode s : sp) {
            if (!s.canConvertToLong() || !s.isIntegralNumber()) {
                throw r.fail(path + ".spread_seeds", "expected integers, got " + s);
            }
            spread.add(s.asLong());
        }
        String updated = r.text(node, path + ".updated", "updated");
        String reason = r.text(node, path + ".reason", "reason");
        String runId = r.optText(node, "run_id");
        JsonNode engines = r.object(node.get("engines"), path + ".engines");
        if (engines.isEmpty()) {
            throw r.fail(path + ".engines", "expected david and/or dl4j");
        }
        Map<String, Map<Metric, Baseline.Value>> eng = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = engines.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String ep = path + ".engines." + e.getKey();
            if (!List.of("david", "dl4j").contains(e.getKey())) {
                throw r.fail(ep, "unknown engine; allowed: david, dl4j");
            }
            JsonNode metrics = r.object(e.getValue(), ep);
            Map<Metric, Baseline.Value> values = new EnumMap<>(Metric.class);
            for (Iterator<Map.Entry<String, JsonNode>> mt = metrics.fields(); mt.hasNext(); ) {
                Map.Entry<String, JsonNode> m = mt.next();
                String mp = ep + "." + m.getKey();
                Metric metric;
                try {
                    metric = Metric.fromKey(m.getKey());
                } catch (IllegalArgumentException ex) {
                    throw r.fail(mp, ex.getMessage());
                }
                values.put(metric, value(r, m.getValue(), mp, metric));
            }
            if (!values.containsKey(Metric.TEST_ACCURACY)) {
                throw r.fail(ep + ".test_accuracy", "missing (every engine's baseline has test_accuracy)");
            }
            eng.put(e.getKey(), values);
        }
        return new Baseline.Section(seed, spread, updated, reason, runId, node.path("config"), node.path("provenance"), eng);
    }

    private static Baseline.Value value(Reader r, JsonNode node, String path, Metric metric) {
        r.object(node, path);
        double v = r.number(node, path + ".value", "value");
        if (metric == Metric.TEST_ACCURACY && (v < 0 || v > 1)) {
            throw r.fail(path + ".value", "expected an accuracy in [0, 1], got " + v);
        }
        double tol = r.number(node, path + ".tolerance", "tolerance");
        if (tol < 0) {
            throw r.fail(path + ".tolerance", "expected a number >= 0, got " + tol);
        }
        String dir = r.text(node, path + ".direction", "direction");
        if (!dir.equals(metric.direction())) {
            throw r.fail(path + ".direction", "expected '" + metric.direction() + "' for " + metric.key() + ", got '" + dir + "'");
        }
        double sd = r.number(node, path + ".sd", "sd");
        Map<Long, Double> perSeed = new TreeMap<>();
        JsonNode ps = r.object(node.get("per_seed"), path + ".per_seed");
        for (Iterator<Map.Entry<String, JsonNode>> it = ps.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            long seed;
            try {
                seed = Long.parseLong(e.getKey());
            } catch (NumberFormatException ex) {
                throw r.fail(path + ".per_seed." + e.getKey(), "expected a seed number as key");
            }
            if (!e.getValue().isNumber()) {
                throw r.fail(path + ".per_seed." + e.getKey(), "expected a number, got " + e.getValue());
            }
            perSeed.put(seed, e.getValue().asDouble());
        }
        int n = node.has("test_examples") ? (int) r.integer(node, path + ".test_examples", "test_examples") : 0;
        String reason = r.text(node, path + ".reason", "reason");
        return new Baseline.Value(v, tol, sd, perSeed, n, reason);
    }

    /** Writes {@code b} to {@code <dir>/<experiment>.json} atomically. */
    public void write(Baseline b) throws IOException {
        Files.createDirectories(dir);
        ObjectNode root = JSON.createObjectNode();
        root.put("format", Baseline.FORMAT);
        root.put("experiment", b.experiment());
        ObjectNode budgets = root.putObject("budgets");
        for (String name : List.of("quick", "default", "full")) {
            Baseline.Section s = b.budgets().get(name);
            if (s == null) {
                continue;
            }
            ObjectNode sn = budgets.putObject(name);
            sn.put("seed", s.seed());
            ArrayNode sp = sn.putArray("spread_seeds");
            s.spreadSeeds().forEach(sp::add);
            sn.put("updated", s.updated());
            sn.put("reason", s.reason());
            sn.put("run_id", s.runId());
            ObjectNode engines = sn.putObject("engines");
            for (String engine : List.of("david", "dl4j")) {
                Map<Metric, Baseline.Value> values = s.engines().get(engine);
                if (values == null) {
                    continue;
                }
                ObjectNode en = engines.putObject(engine);
                for (Metric m : Metric.values()) {
                    Baseline.Value v = values.get(m);
                    if (v == null) {
                        continue;
                    }
                    ObjectNode vn = en.putObject(m.key());
                    vn.put("value", v.value());
                    vn.put("tolerance", v.tolerance());
                    vn.put("direction", m.direction());
                    vn.put("sd", v.sd());
                    ObjectNode ps = vn.putObject("per_seed");
                    new TreeMap<>(v.perSeed()).forEach((k, x) -> ps.put(Long.toString(k), x));
                    if (v.testExamples() > 0) {
                        vn.put("test_examples", v.testExamples());
                    }
                    vn.put("reason", v.reason());
                }
            }
            sn.set("config", s.config() == null || s.config().isMissingNode() ? JSON.createObjectNode() : s.config());
            sn.set("provenance", s.provenance() == null || s.provenance().isMissingNode() ? JSON.createObjectNode() : s.provenance());
        }
        ArrayNode h = root.putArray("history");
        for (Baseline.Update u : b.history()) {
            ObjectNode un = h.addObject();
            un.put("date", u.date());
            un.put("budget", u.budget());
            un.put("reason", u.reason());
            un.put("git_commit", u.gitCommit());
            un.put("dl4j_version", u.dl4jVersion());
        }
        writeAtomically(file(b.experiment()), JSON.writeValueAsString(root) + "\n");
    }

    /** Writes {@code text} to {@code target} via a temp file in the same folder and a rename. */
    static void writeAtomically(Path target, String text) throws IOException {
        Path parent = target.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path tmp = Files.createTempFile(parent, "." + target.getFileName() + ".", ".tmp");
        try {
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Typed, path-naming accessors over a JSON tree. */
    private record Reader(Path file) {
        RegressException fail(String key, String what) {
            return new RegressException(file + ": key '" + key + "': " + what);
        }

        JsonNode object(JsonNode n, String path) {
            if (n == null || !n.isObject()) {
                throw fail(path.isEmpty() ? "(root)" : path, "expected an object, got " + describe(n));
            }
            return n;
        }

        double number(JsonNode parent, String path, String key) {
            JsonNode n = parent.get(key);
            if (n == null || !n.isNumber() || !Double.isFinite(n.asDouble())) {
                throw fail(path, "expected a finite number, got " + describe(n));
            }
            return n.asDouble();
        }

        long integer(JsonNode parent, String path, String key) {
            JsonNode n = parent.get(key);
            if (n == null || !n.isIntegralNumber()) {
                throw fail(path, "expected an integer, got " + describe(n));
            }
            return n.asLong();
        }

        long integer(JsonNode parent, String key) {
            return integer(parent, key, key);
        }

        String text(JsonNode parent, String path, String key) {
            JsonNode n = parent.get(key);
            if (n == null || !n.isTextual()) {
                throw fail(path, "expected a string, got " + describe(n));
            }
            return n.asText();
        }

        String text(JsonNode parent, String key) {
            return text(parent, key, key);
        }

        String optText(JsonNode parent, String key) {
            JsonNode n = parent.get(key);
            return n == null || n.isNull() ? null : n.asText();
        }

        private static String describe(JsonNode n) {
            if (n == null || n.isMissingNode()) {
                return "nothing (key missing)";
            }
            String s = n.toString();
            return n.getNodeType().toString().toLowerCase(java.util.Locale.ROOT) + " " + (s.length() > 40 ? s.substring(0, 40) + "..." : s);
        }
    }
}
