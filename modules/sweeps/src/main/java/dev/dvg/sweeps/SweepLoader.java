package dev.dvg.sweeps;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.dvg.models.ModelSpec;
import dev.dvg.models.SpecJson;
import dev.dvg.models.TrainingSpec;
import dev.dvg.runner.Budget;
import dev.dvg.runner.ExperimentDef;
import dev.dvg.runner.ExperimentLoader;
import dev.dvg.runner.YamlFields;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Reads and validates {@code experiments/sweeps/<id>.yaml}. Every error names the file, the field
 * (a dotted path) and what is allowed; unknown fields are errors. {@link #load} also checks the
 * sweep against its base experiment: the experiment exists, every budget's {@code base} is one of
 * its budgets, and every parameter applies to its model (e.g. {@code hidden} needs a hidden layer).
 *
 * <pre>
 * id: mlp256-lr-hidden                # must equal the file name
 * description: one line
 * experiment: mnist-mlp256            # experiments/&lt;id&gt;.yaml: model, data, seeds, threads
 * parameters:                          # in this order in results; ids: learning_rate, hidden, depth,
 *                                      #   activation, optimizer, batch_size, l2
 *   learning_rate: {type: continuous, min: 1.0e-4, max: 1.0e-1, scale: log}   # scale: linear (default) | log
 *   hidden:        {type: integer, min: 16, max: 512, scale: log}
 *   optimizer:     {type: discrete, values: [sgd, adam]}
 * score: {metric: test_accuracy, direction: maximize}   # test_accuracy (maximize) | test_loss (minimize)
 *                                      #   | time_to_target (minimize; target: 0.97, else the experiment's)
 * budgets:                             # quick | default | full
 *   quick:
 *     base: quick                      # the experiment's budget the candidates start from
 *     training: {sampling: shuffled-epochs, batchSize: 128, steps: 100}   # optional: replaces its schedule
 *     evalEvery: 100                   # optional (steps; 0 = per epoch or 10 per run)
 *     seeds: 1                         # optional: the experiment's first N seeds per candidate (default 1)
 *     generator: {type: grid, points: 3}   # or {type: random, seed: 7}
 *     maxCandidates: 9                 # optional for a grid (default: all of it), or maxMinutes
 *     maxMinutes: 10                   # no new candidate after this; running ones finish
 * </pre>
 */
public final class SweepLoader {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Set<String> TOP = Set.of("id", "description", "experiment", "parameters", "score", "budgets");
    private static final Set<String> SCORE = Set.of("metric", "direction", "target");
    private static final Set<String> BUDGET = Set.of("base", "training", "evalEvery", "seeds", "generator",
            "maxCandidates", "maxMinutes");
    private static final Set<String> CONTINUOUS = Set.of("type", "min", "max", "scale");
    private static final Set<String> DISCRETE = Set.of("type", "values");
    private static final Set<String> GRID = Set.of("type", "points");
    private static final Set<String> RANDOM = Set.of("type", "seed");

    private final Path dir;
    private final ExperimentLoader experiments;

    /** Sweeps in {@code sweepsDir}, checked against the experiments {@code experiments} reads. */
    public SweepLoader(Path sweepsDir, ExperimentLoader experiments) {
        this.dir = sweepsDir;
        this.experiments = experiments;
    }

    /** Ids of every sweep file, sorted. */
    public List<String> ids() throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new NoSuchFileException(dir.toString(), null, "sweeps folder not found");
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yaml"))
                    .map(n -> n.substring(0, n.length() - 5)).sorted().collect(Collectors.toList());
        }
    }

    /** Loads and validates {@code <dir>/<id>.yaml} against its base experiment. */
    public SweepDef load(String id) throws IOException {
        Path file = dir.resolve(id + ".yaml");
        if (!Files.isRegularFile(file)) {
            List<String> known = Files.isDirectory(dir) ? ids() : List.of();
            throw new IllegalArgumentException("no sweep '" + id + "': " + file + " does not exist"
                    + (known.isEmpty() ? "" : "; known sweeps: " + String.join(", ", known)));
        }
        SweepDef def = parse(Files.readString(file), file);
        ExperimentDef exp;
        try {
            exp = experiments.load(def.experiment());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": experiment: " + e.getMessage(), e);
        }
        check(def, exp);
        return def;
    }

    /**
     * Checks {@code def} against its experiment: a single model, budgets that exist, and parameters
     * the model can take (each space's first and last value are applied to the base model).
     */
    public static void check(SweepDef def, ExperimentDef exp) {
        Path file = def.source();
        if (exp.isSuite()) {
            throw new IllegalArgumentException(file + ": experiment: '" + exp.id() + "' is a suite; a sweep needs one model");
        }
        for (Map.Entry<Budget, SweepBudget> e : def.budgets().entrySet()) {
            String at = "budgets." + e.getKey().id() + ".";
            if (!exp.budgets().containsKey(e.getValue().base())) {
                throw new IllegalArgumentException(file + ": " + at + "base: experiment '" + exp.id() + "' has no budget '"
                        + e.getValue().base().id() + "'; it has: " + exp.budgets().keySet().stream().map(Budget::id)
                        .sorted().collect(Collectors.joining(", ")));
            }
            ModelSpec base;
            try {
                base = SweepRunner.baseModel(exp, e.getValue());
            } catch (IllegalArgumentException ex) {
                throw new IllegalArgumentException(file + ": " + at + "training: " + ex.getMessage(), ex);
            }
            for (boolean last : new boolean[]{false, true}) {
                LinkedHashMap<String, Serializable> probe = new LinkedHashMap<>();
                for (ParamSpace s : def.parameters()) {
                    probe.put(s.param().id(), corner(s, last));
                }
                try {
                    Variants.apply(base, new SweepPoint(probe));
                } catch (IllegalArgumentException ex) {
                    throw new IllegalArgumentException(file + ": parameters." + ex.getMessage()
                            + " (base model " + base.id() + ", budget " + e.getKey().id() + ")", ex);
                }
            }
        }
    }

    private static Serializable corner(ParamSpace s, boolean last) {
        if (s instanceof ParamSpace.Continuous c) {
            return last ? c.max() : c.min();
        } else if (s instanceof ParamSpace.IntRange r) {
            return last ? r.max() : r.min();
        }
        List<Serializable> v = ((ParamSpace.Discrete) s).values();
        return last ? v.get(v.size() - 1) : v.get(0);
    }

    /** Parses one sweep's YAML text; {@code file} names it in errors. Does not read the experiment. */
    public static SweepDef parse(String yaml, Path file) {
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
        checkKeys(root, TOP, "", file);
        String fileId = file.getFileName().toString().replaceFirst("\\.yaml$", "");
        String id = text(root, "id", "", file, null);
        if (!id.equals(fileId)) {
            throw new IllegalArgumentException(file + ": id: '" + id + "' must equal the file name '" + fileId + "'");
        }
        String description = text(root, "description", "", file, "");
        String experiment = text(root, "experiment", "", file, null);

        JsonNode ps = root.get("parameters");
        if (ps == null || !ps.isObject() || ps.isEmpty()) {
            throw new IllegalArgumentException(file + ": parameters: expected a mapping of parameter id to space; ids: "
                    + Param.ids());
        }
        List<ParamSpace> spaces = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = ps.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            Param p;
            try {
                p = Param.fromId(e.getKey());
            } catch (IllegalArgumentException ex) {
                throw new IllegalArgumentException(file + ": parameters." + e.getKey() + ": " + ex.getMessage(), ex);
            }
            spaces.add(space(p, e.getValue(), "parameters." + p.id() + ".", file));
        }

        JsonNode s = root.get("score");
        if (s == null) {
            throw new IllegalArgumentException(file + ": score: missing (e.g. {metric: test_accuracy, direction: maximize})");
        }
        checkKeys(s, SCORE, "score.", file);
        Score.Metric metric;
        try {
            metric = Score.Metric.fromId(text(s, "metric", "score.", file, null));
        } catch (IllegalArgumentException ex) {
            throw new IllegalArgumentException(file + ": score.metric: " + ex.getMessage(), ex);
        }
        String direction = text(s, "direction", "score.", file, metric.naturallyMaximized() ? "maximize" : "minimize");
        String natural = metric.naturallyMaximized() ? "maximize" : "minimize";
        if (!direction.equals(natural)) {
            throw new IllegalArgumentException(file + ": score.direction: " + metric.id() + " is compared with '"
                    + natural + "', got '" + direction + "'; allowed: " + natural);
        }
        Double target = null;
        if (s.has("target")) {
            if (metric != Score.Metric.TIME_TO_TARGET) {
                throw new IllegalArgumentException(file + ": score.target: only for metric time_to_target");
            }
            target = number(s, "target", "score.", file, 0, 1);
        }
        Score score = new Score(metric, metric.naturallyMaximized(), target);

        JsonNode b = root.get("budgets");
        if (b == null || !b.isObject() || b.isEmpty()) {
            throw new IllegalArgumentException(file + ": budgets: expected a mapping with at least one of quick, default, full");
        }
        Map<Budget, SweepBudget> budgets = new EnumMap<>(Budget.class);
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
        return new SweepDef(id, description, experiment, spaces, score, budgets, file);
    }

    private static ParamSpace space(Param p, JsonNode n, String at, Path file) {
        if (!n.isObject()) {
            throw new IllegalArgumentException(file + ": " + at.substring(0, at.length() - 1)
                    + ": expected a mapping such as {type: discrete, values: [...]}");
        }
        String type = text(n, "type", at, file, null);
        try {
            switch (type) {
                case "continuous" -> {
                    checkKeys(n, CONTINUOUS, at, file);
                    if (p.kind() != Param.Kind.REAL) {
                        throw new IllegalArgumentException(file + ": " + at + "type: " + p.id() + " is "
                                + (p.kind() == Param.Kind.INT ? "an integer: use integer or discrete" : "a choice: use discrete"));
                    }
                    return new ParamSpace.Continuous(p, number(n, "min", at, file, -Double.MAX_VALUE, Double.MAX_VALUE),
                            number(n, "max", at, file, -Double.MAX_VALUE, Double.MAX_VALUE), log(n, at, file));
                }
                case "integer" -> {
                    checkKeys(n, CONTINUOUS, at, file);
                    if (p.kind() != Param.Kind.INT) {
                        throw new IllegalArgumentException(file + ": " + at + "type: " + p.id() + " is "
                                + (p.kind() == Param.Kind.REAL ? "real: use continuous or discrete" : "a choice: use discrete"));
                    }
                    return new ParamSpace.IntRange(p, integer(n, "min", at, file), integer(n, "max", at, file), log(n, at, file));
                }
                case "discrete" -> {
                    checkKeys(n, DISCRETE, at, file);
                    JsonNode vs = n.get("values");
                    if (vs == null || !vs.isArray() || vs.isEmpty()) {
                        throw new IllegalArgumentException(file + ": " + at + "values: expected a non-empty list"
                                + (p.choices().isEmpty() ? "" : " of " + String.join(", ", p.choices())));
                    }
                    List<Serializable> values = new ArrayList<>();
                    for (JsonNode v : vs) {
                        Object raw;
                        if (v.isTextual()) {
                            raw = v.asText();
                        } else if (v.isIntegralNumber() && p.kind() == Param.Kind.INT && v.canConvertToInt()) {
                            raw = Integer.valueOf(v.asInt());
                        } else if (v.isNumber() && p.kind() != Param.Kind.INT) {
                            raw = Double.valueOf(v.asDouble());
                        } else {
                            raw = v.toString();
                        }
                        try {
                            values.add(p.check(raw));
                        } catch (IllegalArgumentException ex) {
                            throw new IllegalArgumentException(file + ": " + at + "values: " + ex.getMessage(), ex);
                        }
                    }
                    return new ParamSpace.Discrete(p, values);
                }
                default -> throw new IllegalArgumentException(file + ": " + at + "type: unknown '" + type
                        + "'; allowed: continuous, integer, discrete");
            }
        } catch (IllegalArgumentException e) {
            if (e.getMessage() != null && e.getMessage().startsWith(file.toString())) {
                throw e;
            }
            throw new IllegalArgumentException(file + ": " + at.substring(0, at.length() - 1) + ": " + e.getMessage(), e);
        }
    }

    private static boolean log(JsonNode n, String at, Path file) {
        String scale = text(n, "scale", at, file, "linear");
        return switch (scale) {
            case "linear" -> false;
            case "log" -> true;
            default -> throw new IllegalArgumentException(file + ": " + at + "scale: unknown '" + scale
                    + "'; allowed: linear, log");
        };
    }

    private static SweepBudget budget(JsonNode node, String at, Path file) {
        if (!node.isObject()) {
            throw new IllegalArgumentException(file + ": " + at.substring(0, at.length() - 1) + ": expected a mapping");
        }
        checkKeys(node, BUDGET, at, file);
        Budget base;
        try {
            base = Budget.fromId(text(node, "base", at, file, null));
        } catch (IllegalArgumentException e) {
            if (e.getMessage().startsWith(file.toString())) {
                throw e;
            }
            throw new IllegalArgumentException(file + ": " + at + "base: " + e.getMessage(), e);
        }
        TrainingSpec training = null;
        if (node.has("training")) {
            JsonNode t = node.get("training");
            if (!t.isObject()) {
                throw new IllegalArgumentException(file + ": " + at + "training: expected a mapping (sampling, batchSize, steps|epochs)");
            }
            ObjectNode tn = ((ObjectNode) t).deepCopy();
            for (String k : List.of("steps", "epochs", "batchSize")) {
                if (!tn.has(k)) {
                    tn.put(k, 0);
                }
            }
            try {
                training = SpecJson.mapper().treeToValue(tn, TrainingSpec.class);
            } catch (JsonProcessingException e) {
                Throwable c = e.getCause() != null && e.getCause().getMessage() != null ? e.getCause() : e;
                String msg = c instanceof JsonProcessingException j ? j.getOriginalMessage() : c.getMessage();
                throw new IllegalArgumentException(file + ": " + at + "training: " + msg, e);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(file + ": " + at + "training: " + e.getMessage(), e);
            }
        }
        int evalEvery = node.has("evalEvery") ? integerIn(node, "evalEvery", at, file, 0, Integer.MAX_VALUE) : -1;
        int seeds = node.has("seeds") ? integerIn(node, "seeds", at, file, 1, 1000) : 1;
        JsonNode g = node.get("generator");
        if (g == null || !g.isObject()) {
            throw new IllegalArgumentException(file + ": " + at + "generator: expected {type: grid, points: N} or {type: random, seed: S}");
        }
        String gt = text(g, "type", at + "generator.", file, null);
        SweepBudget.Generator generator = switch (gt) {
            case "grid" -> {
                checkKeys(g, GRID, at + "generator.", file);
                yield new SweepBudget.Generator.Grid(g.has("points") ? integerIn(g, "points", at + "generator.", file, 2, 1000) : 3);
            }
            case "random" -> {
                checkKeys(g, RANDOM, at + "generator.", file);
                JsonNode seed = g.get("seed");
                if (seed == null || !seed.isIntegralNumber() || !seed.canConvertToLong()) {
                    throw new IllegalArgumentException(file + ": " + at + "generator.seed: expected an integer (the random search's seed)");
                }
                yield new SweepBudget.Generator.Random(seed.asLong());
            }
            default -> throw new IllegalArgumentException(file + ": " + at + "generator.type: unknown '" + gt
                    + "'; allowed: grid, random");
        };
        int maxCandidates = node.has("maxCandidates") ? integerIn(node, "maxCandidates", at, file, 1, 1_000_000) : 0;
        double maxMinutes = node.has("maxMinutes") ? number(node, "maxMinutes", at, file, 0, 1e7) : 0;
        try {
            return new SweepBudget(base, training, evalEvery, seeds, generator, maxCandidates, maxMinutes);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + at.substring(0, at.length() - 1) + ": " + e.getMessage(), e);
        }
    }

    private static void checkKeys(JsonNode node, Set<String> allowed, String at, Path file) {
        YamlFields.checkKeys(node, allowed, at, file);
    }

    private static String text(JsonNode node, String field, String at, Path file, String dflt) {
        return YamlFields.text(node, field, at, file, dflt);
    }

    private static double number(JsonNode node, String field, String at, Path file, double min, double max) {
        return YamlFields.number(node, field, at, file, null, min, max);
    }

    private static int integer(JsonNode node, String field, String at, Path file) {
        return integerIn(node, field, at, file, Integer.MIN_VALUE, Integer.MAX_VALUE);
    }

    private static int integerIn(JsonNode node, String field, String at, Path file, int min, int max) {
        return YamlFields.integer(node, field, at, file, null, min, max);
    }
}
