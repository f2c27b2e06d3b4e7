package dev.dvg.runner;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.dvg.engine.spec.OptimizerSpec;
import dev.dvg.models.ReferenceModels;
import dev.dvg.models.SpecJson;
import dev.dvg.models.TrainingSpec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Reads and validates {@code experiments/<id>.yaml}. Every error names the file, the field (as a
 * dotted path) and what was expected; unknown fields are errors, so a typo never silently falls
 * back to a default.
 *
 * <pre>
 * id: mnist-mlp256                 # must equal the file name
 * description: one line
 * model: mnist-mlp256              # a reference model id (or `includes:` for a suite)
 * seeds: [42, 43, 44]              # --seeds N runs the first N (default 1)
 * sameInit: true                   # DL4J starts from David's initial weights
 * threads: {david: 0, dl4j: 1}     # 0 = all cores
 * targetAccuracy: 0.97             # timed "time to target"
 * paritySteps: 50                  # steps compared between the engines
 * budgets:
 *   quick:   {training: {sampling: shuffled-epochs, batchSize: 128, steps: 300}, evalEvery: 100,
 *             minAccuracy: 0.95}           # each engine must reach this (the test suite asserts it)
 *   default: {training: {sampling: shuffled-epochs, batchSize: 128, epochs: 5}}
 *   full:    {training: {sampling: full-batch, batchSize: 0, steps: 2000},
 *             optimizer: {type: scalar-rmsprop, learningRate: 0.5, decay: 0.99, epsilon: 0.001}}
 * </pre>
 */
public final class ExperimentLoader {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Set<String> TOP = Set.of("id", "description", "model", "includes", "seeds", "sameInit",
            "threads", "targetAccuracy", "paritySteps", "budgets");
    private static final Set<String> SUITE = Set.of("id", "description", "includes");
    private static final Set<String> BUDGET = Set.of("training", "optimizer", "evalEvery", "minAccuracy");
    private static final Set<String> THREADS = Set.of("david", "dl4j");

    private final Path dir;

    /** A loader for the experiment files in {@code dir}. */
    public ExperimentLoader(Path dir) {
        this.dir = dir;
    }

    public Path dir() {
        return dir;
    }

    /** Ids of every experiment file in the folder, sorted. */
    public List<String> ids() throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new NoSuchFileException(dir.toString(), null, "experiments folder not found");
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".yaml"))
                    .map(n -> n.substring(0, n.length() - ".yaml".length()))
                    .sorted().collect(Collectors.toList());
        }
    }

    /** Loads {@code <dir>/<id>.yaml}. */
    public ExperimentDef load(String id) throws IOException {
        Path file = dir.resolve(id + ".yaml");
        if (!Files.isRegularFile(file)) {
            List<String> known = Files.isDirectory(dir) ? ids() : List.of();
            throw new IllegalArgumentException("no experiment '" + id + "': " + file + " does not exist"
                    + (known.isEmpty() ? "" : "; known experiments: " + String.join(", ", known)));
        }
        return parse(Files.readString(file), file);
    }

    /** Loads {@code id} and, for a suite, every experiment it includes (in order, each once). */
    public List<ExperimentDef> expand(String id) throws IOException {
        List<ExperimentDef> out = new ArrayList<>();
        expand(id, new LinkedHashSet<>(), out);
        return out;
    }

    private void expand(String id, Set<String> path, List<ExperimentDef> out) throws IOException {
        if (!path.add(id)) {
            throw new IllegalArgumentException("experiment suites include each other in a cycle: " + path + " -> " + id);
        }
        ExperimentDef def = load(id);
        if (def.isSuite()) {
            for (String inc : def.includes()) {
                expand(inc, path, out);
            }
        } else if (out.stream().noneMatch(d -> d.id().equals(def.id()))) {
            out.add(def);
        }
        path.remove(id);
    }

    /** Parses one experiment's YAML text; {@code file} names it in errors. */
    public static ExperimentDef parse(String yaml, Path file) {
        JsonNode root;
        try {
            root = YAML.readTree(yaml);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(file + ": not valid YAML: " + e.getOriginalMessage()
                    + " (line " + e.getLocation().getLineNr() + ")", e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException(file + ": expected a YAML mapping with at least 'id'");
        }
        String fileId = file.getFileName().toString().replaceFirst("\\.yaml$", "");
        String id = text(root, "id", file, null);
        if (!id.equals(fileId)) {
            throw new IllegalArgumentException(file + ": id '" + id + "' must equal the file name '" + fileId + "'");
        }
        String description = text(root, "description", file, "");
        if (root.has("includes")) {
            checkKeys(root, SUITE, "", file);
            List<String> includes = new ArrayList<>();
            JsonNode inc = root.get("includes");
            if (!inc.isArray() || inc.isEmpty()) {
                throw new IllegalArgumentException(file + ": includes: expected a non-empty list of experiment ids");
            }
            inc.forEach(n -> includes.add(n.asText()));
            return new ExperimentDef(id, description, null, includes, Map.of(), List.of(), true, 0, 1,
                    0, 0, file);
        }
        checkKeys(root, TOP, "", file);
        String model = text(root, "model", file, null);
        if (!ReferenceModels.ids().contains(model)) {
            throw new IllegalArgumentException(file + ": model: unknown model '" + model + "'; allowed: "
                    + String.join(", ", ReferenceModels.ids()));
        }
        List<Long> seeds = new ArrayList<>();
        JsonNode s = root.get("seeds");
        if (s == null) {
            seeds.add(ReferenceModels.SEED);
        } else {
            if (!s.isArray() || s.isEmpty()) {
                throw new IllegalArgumentException(file + ": seeds: expected a non-empty list of integers");
            }
            for (JsonNode n : s) {
                if (!n.canConvertToLong() || !n.isIntegralNumber()) {
                    throw new IllegalArgumentException(file + ": seeds: expected integers, got '" + n + "'");
                }
                seeds.add(n.asLong());
            }
        }
        boolean sameInit = bool(root, "sameInit", file, true);
        int davidThreads = 0;
        int dl4jThreads = 1;
        if (root.has("threads")) {
            JsonNode t = root.get("threads");
            checkKeys(t, THREADS, "threads.", file);
            davidThreads = intField(t, "david", "threads.", file, 0, 0, 256);
            dl4jThreads = intField(t, "dl4j", "threads.", file, 1, 1, 256);
        }
        double target = number(root, "targetAccuracy", file, 0.9, 0, 1);
        int paritySteps = intField(root, "paritySteps", "", file, 50, 0, 1_000_000);
        JsonNode b = root.get("budgets");
        if (b == null || !b.isObject() || b.isEmpty()) {
            throw new IllegalArgumentException(file + ": budgets: expected a mapping with at least one of quick, default, full");
        }
        Map<Budget, BudgetDef> budgets = new EnumMap<>(Budget.class);
        for (Iterator<String> it = b.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            Budget budget;
            try {
                budget = Budget.fromId(name);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(file + ": budgets." + name + ": " + e.getMessage(), e);
            }
            budgets.put(budget, budget(b.get(name), "budgets." + name + ".", file));
        }
        return new ExperimentDef(id, description, model, List.of(), budgets, seeds, sameInit, davidThreads,
                dl4jThreads, target, paritySteps, file);
    }

    private static BudgetDef budget(JsonNode node, String at, Path file) {
        if (!node.isObject()) {
            throw new IllegalArgumentException(file + ": " + at.substring(0, at.length() - 1) + ": expected a mapping");
        }
        checkKeys(node, BUDGET, at, file);
        JsonNode t = node.get("training");
        if (t == null) {
            throw new IllegalArgumentException(file + ": " + at + "training: missing (sampling, batchSize, steps|epochs)");
        }
        ObjectNode tn = ((ObjectNode) t).deepCopy();
        if (!tn.has("steps")) {
            tn.put("steps", 0);
        }
        if (!tn.has("epochs")) {
            tn.put("epochs", 0);
        }
        if (!tn.has("batchSize")) {
            tn.put("batchSize", 0);
        }
        TrainingSpec training = convert(tn, TrainingSpec.class, at + "training", file);
        OptimizerSpec optimizer = node.has("optimizer")
                ? convert(node.get("optimizer"), OptimizerSpec.class, at + "optimizer", file) : null;
        int evalEvery = intField(node, "evalEvery", at, file, 0, 0, Integer.MAX_VALUE);
        double minAccuracy = number(node, at, "minAccuracy", file, 0, 0, 1);
        return new BudgetDef(training, optimizer, evalEvery, minAccuracy);
    }

    private static <T> T convert(JsonNode node, Class<T> type, String at, Path file) {
        try {
            return SpecJson.mapper().treeToValue(node, type);
        } catch (JsonProcessingException e) {
            Throwable cause = e.getCause() != null && e.getCause().getMessage() != null ? e.getCause() : e;
            String msg = cause instanceof JsonProcessingException jpe ? jpe.getOriginalMessage() : cause.getMessage();
            throw new IllegalArgumentException(file + ": " + at + ": " + msg, e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + at + ": " + e.getMessage(), e);
        }
    }

    private static void checkKeys(JsonNode node, Set<String> allowed, String at, Path file) {
        YamlFields.checkKeys(node, allowed, at, file);
    }

    private static String text(JsonNode root, String field, Path file, String dflt) {
        return YamlFields.text(root, field, "", file, dflt);
    }

    private static boolean bool(JsonNode root, String field, Path file, boolean dflt) {
        return YamlFields.bool(root, field, "", file, dflt);
    }

    private static int intField(JsonNode node, String field, String at, Path file, int dflt, int min, int max) {
        return YamlFields.integer(node, field, at, file, dflt, min, max);
    }

    private static double number(JsonNode node, String field, Path file, double dflt, double min, double max) {
        return number(node, "", field, file, dflt, min, max);
    }

    private static double number(JsonNode node, String at, String field, Path file, double dflt, double min, double max) {
        return YamlFields.number(node, field, at, file, dflt, min, max);
    }
}
