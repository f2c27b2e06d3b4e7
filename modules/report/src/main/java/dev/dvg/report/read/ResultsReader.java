package dev.dvg.report.read;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dvg.report.Engine;
import dev.dvg.report.ResultFormatException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads result folders written by runs (results/FORMAT.md) into records, validating strictly: a
 * missing file, malformed JSON, a missing key, a wrong type or a value outside its allowed set throws
 * {@link ResultFormatException} naming the file, the line (JSONL) and the key.
 *
 * <p>{@link #read(Path)} accepts any of these folders and decides what it is, first rule that matches:
 * <ol>
 *   <li>{@code run.json} present: one run ({@code results/<experiment>/<run-id>/}).</li>
 *   <li>{@code suite.json} present: a suite run, one run sub-folder per experiment
 *       ({@code results/david-vs-goliath/<run-id>/}).</li>
 *   <li>{@code sweep.json} present: a sweep run ({@code results/sweeps/<name>/<run-id>/}).</li>
 *   <li>a {@code latest} file (or symlink) present: the folder it names
 *       ({@code results/<experiment>/}).</li>
 *   <li>otherwise its sub-folders are read by the same rules (up to {@value #MAX_DEPTH} levels;
 *       folders named {@code img}, {@code artifacts} or starting with '.' are skipped). Several run
 *       folders of one experiment without a {@code latest} file resolve to the newest complete one
 *       (by run id); anything else becomes a {@link ResultsCollection} (e.g. {@code results/}).</li>
 * </ol>
 */
public final class ResultsReader {
    private static final Logger LOG = LoggerFactory.getLogger(ResultsReader.class);
    /** How deep rule 5 descends below the folder given (results/sweeps/name/latest needs 3). */
    public static final int MAX_DEPTH = 3;
    private static final Pattern ARTIFACT = Pattern.compile("([a-z0-9]+)-seed(-?\\d+)-(misclassified|conv1|boundary)\\.json");

    private final ObjectMapper mapper = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    /** Reads whatever results {@code dir} holds (see the class comment for the rules). */
    public Results read(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new ResultFormatException(dir, "not a folder (expected a run, suite, sweep or results folder)");
        }
        Results r = resolve(dir.toAbsolutePath().normalize(), 0);
        if (r == null) {
            throw new ResultFormatException(dir, "no results found: expected run.json (a run), suite.json (a suite), "
                    + "sweep.json (a sweep), a 'latest' file, or sub-folders holding those");
        }
        return r;
    }

    private Results resolve(Path dir, int depth) {
        if (Files.isRegularFile(dir.resolve("run.json"))) {
            return readRun(dir);
        }
        if (Files.isRegularFile(dir.resolve("suite.json"))) {
            return readSuite(dir);
        }
        if (Files.isRegularFile(dir.resolve("sweep.json"))) {
            return readSweep(dir);
        }
        Path latest = dir.resolve("latest");
        if (Files.exists(latest)) {
            return readLatest(dir, latest);
        }
        if (depth >= MAX_DEPTH) {
            return null;
        }
        List<Results> found = new ArrayList<>();
        for (Path child : subFolders(dir)) {
            Results r = resolve(child, depth + 1);
            if (r != null) {
                found.add(r);
            }
        }
        if (found.isEmpty()) {
            return null;
        }
        if (found.size() == 1) {
            return found.get(0);
        }
        Results newest = newestOfOneExperiment(found);
        if (newest != null) {
            LOG.info("{} holds {} runs of {} and no 'latest' file: reporting the newest complete one, {}",
                    dir, found.size(), newest.name(), newest.dir().getFileName());
            return newest;
        }
        return new ResultsCollection(dir, found);
    }

    private Results readLatest(Path dir, Path latest) {
        Path target;
        if (Files.isDirectory(latest)) {
            target = latest;
        } else {
            String name = readText(latest).trim();
            if (name.isEmpty() || name.contains("/") || name.contains("\\") || name.startsWith(".")) {
                throw new ResultFormatException(latest, "expected the folder name of a run in " + dir + ", got \"" + name + "\"");
            }
            target = dir.resolve(name);
            if (!Files.isDirectory(target)) {
                throw new ResultFormatException(latest, "names run folder '" + name + "', which does not exist in " + dir);
            }
        }
        if (Files.isRegularFile(target.resolve("run.json"))) {
            return readRun(target);
        }
        if (Files.isRegularFile(target.resolve("suite.json"))) {
            return readSuite(target);
        }
        if (Files.isRegularFile(target.resolve("sweep.json"))) {
            return readSweep(target);
        }
        throw new ResultFormatException(latest, "points at " + target + ", which has no run.json, suite.json or sweep.json");
    }

    /** Several results of the same kind and name (run ids of one experiment): the newest complete one. */
    private static Results newestOfOneExperiment(List<Results> found) {
        Class<?> kind = found.get(0).getClass();
        String name = found.get(0).name();
        for (Results r : found) {
            if (r.getClass() != kind || !r.name().equals(name) || r instanceof ResultsCollection) {
                return null;
            }
        }
        Comparator<Results> byFolder = Comparator.comparing(r -> r.dir().getFileName().toString());
        return found.stream().filter(ResultsReader::isComplete).max(byFolder)
                .orElseGet(() -> found.stream().max(byFolder).orElseThrow());
    }

    private static boolean isComplete(Results r) {
        if (r instanceof RunResults run) {
            return run.complete();
        }
        if (r instanceof SuiteResults s) {
            return "complete".equals(s.status());
        }
        return r instanceof SweepResults s && "complete".equals(s.status());
    }

    private static List<Path> subFolders(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isDirectory).filter(p -> {
                String n = p.getFileName().toString();
                return !n.startsWith(".") && !n.equals("img") && !n.equals("artifacts");
            }).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    // ---------------------------------------------------------------- runs

    /** Reads one run folder: run.json and metrics.jsonl are required, summary.json and artifacts/ optional. */
    public RunResults readRun(Path dir) {
        RunInfo info = readRunInfo(dir.resolve("run.json"));
        Path metricsFile = dir.resolve("metrics.jsonl");
        if (!Files.isRegularFile(metricsFile)) {
            throw new ResultFormatException(metricsFile, "missing: every run folder has metrics.jsonl (results/FORMAT.md)");
        }
        Metrics metrics = readMetrics(metricsFile);
        Path summaryFile = dir.resolve("summary.json");
        Summary summary = null;
        if (Files.isRegularFile(summaryFile)) {
            summary = readSummary(summaryFile);
            if (!summary.experiment().equals(info.experiment())) {
                throw new ResultFormatException(summaryFile, "key 'experiment': \"" + summary.experiment()
                        + "\" differs from run.json's \"" + info.experiment() + "\"");
            }
            if (!summary.runId().equals(info.runId())) {
                throw new ResultFormatException(summaryFile, "key 'run_id': \"" + summary.runId()
                        + "\" differs from run.json's \"" + info.runId() + "\"");
            }
        } else {
            LOG.warn("{} has no summary.json: the run is incomplete, reporting what metrics.jsonl holds", dir);
        }
        return new RunResults(dir, info, metrics, summary, readArtifacts(dir.resolve("artifacts")));
    }

    RunInfo readRunInfo(Path file) {
        Node n = readObject(file, "run.json");
        checkFormat(n);
        return new RunInfo(n.str("experiment"), n.str("run_id"), n.oneOf("status", "complete", "incomplete", "failed", "running"),
                n.str("started"), n.optStr("finished"), n.oneOf("budget", "quick", "default", "full"),
                n.obj("config").json(), n.obj("provenance").json());
    }

    private static void checkFormat(Node n) {
        long f = n.integer("format");
        if (f != 1) {
            throw n.error("key 'format': this report reads format 1, got " + f);
        }
    }

    Metrics readMetrics(Path file) {
        List<StepEvent> steps = new ArrayList<>();
        List<EpochEvent> epochs = new ArrayList<>();
        List<WarmupEvent> warmups = new ArrayList<>();
        List<DivergedEvent> diverged = new ArrayList<>();
        List<FinalEvent> finals = new ArrayList<>();
        List<String> lines = readLines(file);
        for (int i = 0; i < lines.size(); i++) {
            int lineNo = i + 1;
            String text = lines.get(i);
            if (text.isBlank()) {
                throw new ResultFormatException(file, "line " + lineNo + ": empty line (one JSON event per line expected)");
            }
            Node n = Node.root(parse(file, lineNo, text), file, lineNo, "an event");
            String event = n.oneOf("event", "step", "epoch", "warmup", "diverged", "final");
            Engine engine = n.engine("engine");
            long seed = n.integer("seed");
            switch (event) {
                case "step" -> {
                    int step = n.nonNegInt("step");
                    if (step < 1) {
                        throw n.error("key 'step': steps are 1-based, got 0");
                    }
                    steps.add(new StepEvent(engine, seed, step, n.nonNegInt("epoch"), n.numOrNull("loss"), n.num("elapsed_ms")));
                }
                case "epoch" -> epochs.add(new EpochEvent(engine, seed, n.nonNegInt("epoch"), n.nonNegInt("step"),
                        n.numOrNull("train_loss"), fraction(n, "train_accuracy"), n.numOrNull("test_loss"),
                        fraction(n, "test_accuracy"), n.num("epoch_seconds"), n.numOrNull("examples_per_second")));
                case "warmup" -> warmups.add(new WarmupEvent(engine, seed, n.num("seconds"), n.nonNegInt("warmup_steps")));
                case "diverged" -> diverged.add(new DivergedEvent(engine, seed, n.nonNegInt("step"), n.str("message")));
                case "final" -> finals.add(readFinal(n, engine, seed));
                default -> throw new IllegalStateException(event);
            }
        }
        return new Metrics(steps, epochs, warmups, diverged, finals);
    }

    private static double fraction(Node n, String key) {
        double v = n.numOrNull(key);
        if (!Double.isNaN(v) && (v < 0 || v > 1)) {
            throw n.error("key '" + key + "': expected a fraction in 0..1, got " + v);
        }
        return v;
    }

    private static FinalEvent readFinal(Node n, Engine engine, long seed) {
        long[][] confusion = n.squareCounts("confusion");
        int k = confusion.length;
        List<ClassMetrics> perClass = new ArrayList<>();
        for (Node c : n.objects("per_class")) {
            int cls = c.nonNegInt("class");
            if (cls >= k) {
                throw c.error("key 'per_class': class " + cls + " is outside the confusion matrix's 0.." + (k - 1));
            }
            perClass.add(new ClassMetrics(cls, c.numOrNull("precision"), c.numOrNull("recall"), c.numOrNull("f1"),
                    c.integer("support")));
        }
        BinaryMetrics binary = null;
        Node b = n.optObj("binary");
        if (b != null) {
            binary = new BinaryMetrics(b.num("accuracy"), b.numOrNull("precision"), b.numOrNull("recall"),
                    b.numOrNull("f1"), b.numOrNull("auc"));
        }
        List<String> classNames = n.has("class_names") ? n.strings("class_names") : null;
        if (classNames != null && classNames.size() != k) {
            throw n.error("key 'class_names': expected " + k + " names (one per confusion row), got " + classNames.size());
        }
        return new FinalEvent(engine, seed, fraction(n, "test_accuracy"), n.numOrNull("test_loss"),
                fraction(n, "train_accuracy"), n.numOrNull("train_loss"), n.num("train_seconds"),
                n.numOrNull("examples_per_second"), n.numOrNull("peak_heap_mb"), n.numOrNull("peak_rss_mb"), confusion,
                perClass, binary, n.numOrNull("time_to_target_seconds"), fraction(n, "target_accuracy"), classNames);
    }

    Summary readSummary(Path file) {
        Node n = readObject(file, "summary.json");
        Map<Engine, EngineSummary> engines = new EnumMap<>(Engine.class);
        Node es = n.obj("engines");
        for (Engine e : Engine.values()) {
            if (!es.has(e.key())) {
                // an engine that produced nothing (e.g. it failed before its first seed finished)
                engines.put(e, new EngineSummary(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                        Double.NaN, Double.NaN, true, null, List.of()));
                continue;
            }
            Node s = es.obj(e.key());
            List<SeedSummary> perSeed = new ArrayList<>();
            for (Node p : s.objects("per_seed")) {
                perSeed.add(new SeedSummary(p.integer("seed"), fraction(p, "test_accuracy"), p.numOrNull("final_train_loss"),
                        p.numOrNull("train_seconds")));
            }
            Boolean meets = s.has("meets_min_accuracy") ? s.bool("meets_min_accuracy") : null;
            engines.put(e, new EngineSummary(fraction(s, "test_accuracy"), s.numOrNull("test_accuracy_sd"),
                    s.numOrNull("final_train_loss"), s.numOrNull("train_seconds"), s.numOrNull("examples_per_second"),
                    s.numOrNull("peak_heap_mb"), s.numOrNull("peak_rss_mb"), s.numOrNull("time_to_target_seconds"),
                    s.bool("diverged"), meets, perSeed));
        }
        Node p = n.obj("parity");
        Parity parity = new Parity(p.bool("same_init"), p.numOrNull("max_abs_loss_diff"), p.numOrNull("max_rel_loss_diff"),
                p.nonNegInt("steps_compared"));
        List<Long> seeds = new ArrayList<>();
        for (long s : n.integers("seeds")) {
            seeds.add(s);
        }
        if (seeds.isEmpty()) {
            throw n.error("key 'seeds': expected at least one seed");
        }
        return new Summary(n.str("experiment"), n.str("run_id"), n.oneOf("status", "complete", "incomplete", "failed"),
                n.oneOf("budget", "quick", "default", "full"), n.str("model"), seeds, engines, parity,
                n.numOrNull("speed_ratio"), n.has("target_accuracy") ? fraction(n, "target_accuracy") : Double.NaN,
                n.has("min_accuracy") ? fraction(n, "min_accuracy") : Double.NaN, n.obj("provenance").json(),
                n.has("pretrained") ? readPretrained(n.obj("pretrained")) : null);
    }

    private static PretrainedScores readPretrained(Node n) {
        Map<Engine, PretrainedScores.Scores> engines = new EnumMap<>(Engine.class);
        Node es = n.obj("engines");
        for (Engine e : Engine.values()) {
            if (es.has(e.key())) {
                Node s = es.obj(e.key());
                engines.put(e, new PretrainedScores.Scores(fraction(s, "train_accuracy"), s.num("cost_lambda0"),
                        s.num("cost_lambda1")));
            }
        }
        Node c = n.has("course_reference") ? n.obj("course_reference") : null;
        return new PretrainedScores(n.str("weights"), n.integer("examples"), engines, n.numOrNull("max_rel_cost_diff"),
                n.numOrNull("rel_tolerance"), n.bool("engines_agree"),
                c == null ? Double.NaN : c.numOrNull("cost_lambda0"), c == null ? Double.NaN : c.numOrNull("cost_lambda1"),
                c == null ? Double.NaN : fraction(c, "train_accuracy"));
    }

    Artifacts readArtifacts(Path dir) {
        Map<SeedKey, Misclassified> mis = new HashMap<>();
        Map<SeedKey, ConvKernels> conv = new HashMap<>();
        Map<SeedKey, Boundary> boundary = new HashMap<>();
        if (!Files.isDirectory(dir)) {
            return new Artifacts(mis, conv, boundary);
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
        for (Path f : files) {
            Matcher m = ARTIFACT.matcher(f.getFileName().toString());
            if (!m.matches()) {
                LOG.debug("ignoring {} (not a report artifact)", f);
                continue;
            }
            Engine engine = Engine.fromKey(m.group(1));
            if (engine == null) {
                throw new ResultFormatException(f, "file name must start with 'david-' or 'dl4j-', got '" + m.group(1) + "-'");
            }
            SeedKey key = new SeedKey(engine, Long.parseLong(m.group(2)));
            Node n = readObject(f, m.group(3) + " artifact");
            switch (m.group(3)) {
                case "misclassified" -> mis.put(key, readMisclassified(n));
                case "conv1" -> conv.put(key, readConv(n));
                case "boundary" -> boundary.put(key, readBoundary(n));
                default -> throw new IllegalStateException(m.group(3));
            }
        }
        return new Artifacts(mis, conv, boundary);
    }

    private static Misclassified readMisclassified(Node n) {
        long[] shape = n.integers("shape");
        if (shape.length == 1 && shape[0] > 0 && Math.round(Math.sqrt(shape[0])) * Math.round(Math.sqrt(shape[0])) == shape[0]) {
            long side = Math.round(Math.sqrt(shape[0]));
            shape = new long[] {1, side, side};
        } else if (shape.length == 2) {
            shape = new long[] {1, shape[0], shape[1]};
        }
        if (shape.length != 3 || shape[0] < 1 || shape[1] < 1 || shape[2] < 1) {
            throw n.error("key 'shape': expected [C, H, W], [H, W] or [H*W] (a square) with positive sizes, got "
                    + java.util.Arrays.toString(n.integers("shape")));
        }
        int size = Math.toIntExact(shape[0] * shape[1] * shape[2]);
        List<Misclassified.Example> ex = new ArrayList<>();
        for (Node e : n.objects("examples")) {
            double[] px = e.numbers("pixels");
            if (px.length != size) {
                throw e.error("key 'pixels': expected " + size + " values (shape " + java.util.Arrays.toString(shape)
                        + "), got " + px.length);
            }
            float[] f = new float[size];
            for (int i = 0; i < size; i++) {
                f[i] = (float) px[i];
            }
            ex.add(new Misclassified.Example(e.integer("index"), e.nonNegInt("label"), e.nonNegInt("predicted"),
                    e.optNum("confidence"), f));
        }
        return new Misclassified((int) shape[0], (int) shape[1], (int) shape[2], ex);
    }

    private static ConvKernels readConv(Node n) {
        long[] shape = n.integers("shape");
        if (shape.length != 4 || java.util.Arrays.stream(shape).anyMatch(s -> s < 1)) {
            throw n.error("key 'shape': expected [F, C, KH, KW] with positive sizes, got " + java.util.Arrays.toString(shape));
        }
        double[] w = n.numbers("weights");
        long size = shape[0] * shape[1] * shape[2] * shape[3];
        if (w.length != size) {
            throw n.error("key 'weights': expected " + size + " values (shape " + java.util.Arrays.toString(shape) + "), got " + w.length);
        }
        float[] f = new float[w.length];
        for (int i = 0; i < w.length; i++) {
            f[i] = (float) w[i];
        }
        return new ConvKernels((int) shape[0], (int) shape[1], (int) shape[2], (int) shape[3], f);
    }

    private static Boundary readBoundary(Node n) {
        double x0 = n.num("x_min");
        double x1 = n.num("x_max");
        double y0 = n.num("y_min");
        double y1 = n.num("y_max");
        if (!(x0 < x1) || !(y0 < y1)) {
            throw n.error("keys 'x_min'..'y_max': expected x_min < x_max and y_min < y_max");
        }
        int nx = n.nonNegInt("nx");
        int ny = n.nonNegInt("ny");
        if (nx < 2 || ny < 2) {
            throw n.error("keys 'nx', 'ny': expected at least 2 grid points each, got " + nx + "×" + ny);
        }
        double[] p = n.numbers("probabilities");
        if (p.length != (long) nx * ny) {
            throw n.error("key 'probabilities': expected ny*nx = " + ((long) nx * ny) + " values, got " + p.length);
        }
        for (int i = 0; i < p.length; i++) {
            if (!(p[i] >= 0 && p[i] <= 1)) {
                throw n.error("key 'probabilities[" + i + "]': expected a probability in 0..1, got " + p[i]);
            }
        }
        List<Boundary.Point> pts = new ArrayList<>();
        for (Node q : n.objects("points")) {
            pts.add(new Boundary.Point(q.num("x"), q.num("y"), q.nonNegInt("label")));
        }
        return new Boundary(x0, x1, y0, y1, nx, ny, p, pts);
    }

    // ---------------------------------------------------------------- suites

    /** Reads a suite run folder: suite.json and one run sub-folder per experiment it lists. */
    public SuiteResults readSuite(Path dir) {
        Path file = dir.resolve("suite.json");
        Node n = readObject(file, "suite.json");
        checkFormat(n);
        String status = n.oneOf("status", "complete", "incomplete", "failed", "running");
        List<String> experiments = n.strings("experiments");
        List<RunResults> runs = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (String e : experiments) {
            Path sub = dir.resolve(e);
            if (Files.isRegularFile(sub.resolve("run.json"))) {
                RunResults r = readRun(sub);
                if (!r.info().experiment().equals(e)) {
                    throw new ResultFormatException(sub.resolve("run.json"), "key 'experiment': \"" + r.info().experiment()
                            + "\" but suite.json lists this folder as \"" + e + "\"");
                }
                runs.add(r);
            } else if ("complete".equals(status)) {
                throw new ResultFormatException(file, "key 'experiments': \"" + e + "\" has no run folder " + sub
                        + " although the suite's status is complete");
            } else {
                missing.add(e);
            }
        }
        return new SuiteResults(dir, n.str("suite"), n.str("run_id"), status, n.oneOf("budget", "quick", "default", "full"),
                experiments, n.obj("provenance").json(), runs, missing);
    }

    // ---------------------------------------------------------------- sweeps

    /** Reads a sweep run folder: sweep.json and candidates.jsonl. */
    public SweepResults readSweep(Path dir) {
        Path file = dir.resolve("sweep.json");
        Node n = readObject(file, "sweep.json");
        checkFormat(n);
        String scoreName = n.str("score_name");
        boolean maximize = n.oneOf("direction", "maximize", "minimize").equals("maximize");
        Path cf = dir.resolve("candidates.jsonl");
        if (!Files.isRegularFile(cf)) {
            throw new ResultFormatException(cf, "missing: every sweep folder has candidates.jsonl (results/FORMAT.md)");
        }
        List<Candidate> candidates = new ArrayList<>();
        List<String> lines = readLines(cf);
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            int lineNo = i + 1;
            if (lines.get(i).isBlank()) {
                throw new ResultFormatException(cf, "line " + lineNo + ": empty line (one JSON object per line expected)");
            }
            Node c = Node.root(parse(cf, lineNo, lines.get(i)), cf, lineNo, "a candidate");
            int id = c.nonNegInt("candidate");
            Engine engine = c.engine("engine");
            Integer before = seen.put(id + "/" + engine.key(), lineNo);
            if (before != null) {
                throw c.error("candidate " + id + " for engine " + engine.key() + " already appears on line " + before);
            }
            Node v = c.obj("values");
            Map<String, Object> values = new LinkedHashMap<>();
            v.json().fields().forEachRemaining(en -> {
                JsonNode x = en.getValue();
                if (x.isNumber()) {
                    values.put(en.getKey(), x.asDouble());
                } else if (x.isTextual() || x.isBoolean()) {
                    values.put(en.getKey(), x.asText());
                } else {
                    throw c.error("key 'values." + en.getKey() + "': expected a number, string or boolean, got " + Node.kind(x));
                }
            });
            String cScore = c.str("score_name");
            if (!cScore.equals(scoreName)) {
                throw c.error("key 'score_name': \"" + cScore + "\" differs from sweep.json's \"" + scoreName + "\"");
            }
            String status = c.oneOf("status", "ok", "failed", "diverged");
            double score = c.numOrNull("score");
            if ("ok".equals(status) && Double.isNaN(score)) {
                throw c.error("key 'score': a candidate with status ok needs a number, got null");
            }
            String error = c.has("error") ? c.str("error") : null;
            candidates.add(new Candidate(id, engine, values, score, cScore, c.numOrNull("seconds"), status, error));
        }
        return new SweepResults(dir, n.str("sweep"), n.str("run_id"), n.oneOf("status", "complete", "incomplete", "failed", "running"),
                n.oneOf("budget", "quick", "default", "full"), scoreName, maximize, n.obj("definition").json(),
                n.obj("provenance").json(), candidates);
    }

    // ---------------------------------------------------------------- files

    private Node readObject(Path file, String what) {
        if (!Files.isRegularFile(file)) {
            throw new ResultFormatException(file, "missing (" + what + ", see results/FORMAT.md)");
        }
        return Node.root(parse(file, 0, readText(file)), file, 0, what);
    }

    private JsonNode parse(Path file, int line, String text) {
        try {
            return mapper.readTree(text);
        } catch (JsonProcessingException e) {
            String where = line > 0 ? "line " + line
                    : "line " + (e.getLocation() == null ? "?" : Integer.toString(e.getLocation().getLineNr()));
            throw new ResultFormatException(file, where + ": malformed JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static String readText(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ResultFormatException(file, "cannot read: " + e.getMessage(), e);
        }
    }

    private static List<String> readLines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ResultFormatException(file, "cannot read: " + e.getMessage(), e);
        }
    }
}
