package dev.dvg.runner;

import dev.dvg.data.digits.Ex4Weights;
import dev.dvg.data.fetch.Checksums;
import dev.dvg.engine.spec.NetworkSpec;
import dev.dvg.models.CourseWeights;
import dev.dvg.models.L2Convention;
import dev.dvg.models.ModelSpec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code dvg run digits20-mlp25 --weights ex4weights.mat}: before training, both engines are given
 * the course's pretrained weights and scored on the training set the way the course's ex4 does —
 * accuracy, and the cost {@code J = (1/m)·Σ_i Σ_k BCE + λ/(2m)·Σθ²} (biases excluded) for λ = 0 and
 * λ = 1, λ mapped to the spec's l2 by {@link L2Convention#fromCourseLambda} with m the number of
 * training examples. The two engines must agree to {@link #REL_TOLERANCE}, else the run fails
 * ({@link Mismatch}) before any training.
 */
public final class Pretrained {

    /**
     * Relative agreement required between the engines' costs (float32 forward passes over 5000×400;
     * measured 1.6e-6 on digits.png), and the agreement of their accuracies (which can only
     * differ if an output pair is tied to within float rounding, so: identical).
     */
    public static final double REL_TOLERANCE = 1e-5;
    /** The course's numbers for these weights on its ex4data1.mat (ex4.pdf): not digits.png's. */
    public static final double COURSE_COST_LAMBDA0 = 0.287629;
    public static final double COURSE_COST_LAMBDA1 = 0.383770;
    public static final double COURSE_ACCURACY = 0.9752;
    static final double[] LAMBDAS = {0, 1};

    private Pretrained() {
    }

    /** The engines disagree on the pretrained weights: the run stops before training. */
    public static final class Mismatch extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Mismatch(String message) {
            super(message);
        }
    }

    /**
     * Reads the course's weights for {@code spec}; every problem is an {@link IllegalArgumentException}
     * naming the file and what was expected (a usage error for the CLI).
     */
    static float[] load(Path file, ModelSpec spec) {
        String expected = "expected the ML course's ex4weights.mat (MATLAB v5 with Theta1 25x401 and Theta2 10x26)";
        if (!CourseWeights.fits(spec.network())) {
            throw new IllegalArgumentException("--weights " + file + ": model " + spec.id()
                    + " is not the 400->25 sigmoid->10 network the course's weights fit");
        }
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("--weights " + file + ": no such file; " + expected);
        }
        Ex4Weights w;
        try {
            w = Ex4Weights.load(file);
        } catch (IOException | RuntimeException e) {
            String why = e.getMessage() == null ? e.toString() : e.getMessage().replace(file + ": ", "");
            throw new IllegalArgumentException("--weights " + file + ": " + why + "; " + expected, e);
        }
        return CourseWeights.davidParams(w, spec.network());
    }

    /**
     * Scores {@code params} with both engines on the training set of {@code data}; returns the
     * {@code pretrained} block of summary.json (results/FORMAT.md).
     *
     * @throws Mismatch if the engines disagree beyond {@link #REL_TOLERANCE}
     */
    static Map<String, Object> evaluate(Path file, float[] params, ModelSpec spec, ExperimentData data,
                                        int davidThreads, int dl4jThreads) throws IOException {
        int m = data.train().n();
        float[] x = data.train().x();
        float[] y = data.data().trainTargets();
        int[] labels = data.train().labels();
        Map<String, Map<String, Object>> engines = new LinkedHashMap<>();
        engines.put("david", new LinkedHashMap<>());
        engines.put("dl4j", new LinkedHashMap<>());
        for (double lambda : LAMBDAS) {
            NetworkSpec n = spec.network();
            ModelSpec s = spec.withNetwork(new NetworkSpec(n.inputShape(), n.layers(), n.loss(),
                    L2Convention.fromCourseLambda(lambda, m)));
            String key = "cost_lambda" + (int) lambda;
            try (DavidSession david = new DavidSession(s, davidThreads)) {
                david.network().setFlat(params);
                score(engines.get("david"), david, key, x, y, labels, m);
            }
            try (Dl4jSession dl4j = new Dl4jSession(s, dl4jThreads, params)) {
                score(engines.get("dl4j"), dl4j, key, x, y, labels, m);
            }
        }
        double maxRel = 0;
        for (String key : List.of("cost_lambda0", "cost_lambda1")) {
            double a = (Double) engines.get("david").get(key);
            double b = (Double) engines.get("dl4j").get(key);
            maxRel = Math.max(maxRel, Math.abs(a - b) / Math.max(1e-12, Math.max(Math.abs(a), Math.abs(b))));
        }
        boolean sameAccuracy = engines.get("david").get("train_accuracy").equals(engines.get("dl4j").get("train_accuracy"));
        Map<String, Object> block = new LinkedHashMap<>();
        block.put("weights", file.toString());
        block.put("weights_md5", Checksums.uncompressed(file).md5());
        block.put("examples", m);
        block.put("evaluated_on", "training set");
        block.put("lambda_to_l2", "l2 = lambda / m (L2Convention.fromCourseLambda)");
        block.put("engines", engines);
        block.put("max_rel_cost_diff", maxRel);
        block.put("rel_tolerance", REL_TOLERANCE);
        block.put("engines_agree", maxRel <= REL_TOLERANCE && sameAccuracy);
        Map<String, Object> course = new LinkedHashMap<>();
        course.put("data", "ex4data1.mat");
        course.put("cost_lambda0", COURSE_COST_LAMBDA0);
        course.put("cost_lambda1", COURSE_COST_LAMBDA1);
        course.put("train_accuracy", COURSE_ACCURACY);
        block.put("course_reference", course);
        if (!(boolean) block.get("engines_agree")) {
            throw new Mismatch("pretrained weights " + file + ": David and DL4J disagree beyond the relative tolerance "
                    + REL_TOLERANCE + " (max relative cost difference " + String.format(Locale.ROOT, "%.2e", maxRel)
                    + (sameAccuracy ? "" : ", different accuracies") + "): " + String.join("; ", describe(block)));
        }
        return block;
    }

    private static void score(Map<String, Object> out, EngineSession s, String costKey, float[] x, float[] y,
                              int[] labels, int m) {
        if (!out.containsKey("train_accuracy")) {
            float[] o = s.predict(x, m);
            int k = o.length / m;
            int ok = 0;
            for (int i = 0; i < m; i++) {
                int best = 0;
                for (int j = 1; j < k; j++) {
                    if (o[i * k + j] > o[i * k + best]) {
                        best = j;
                    }
                }
                ok += best == labels[i] ? 1 : 0;
            }
            out.put("train_accuracy", ok / (double) m);
        }
        out.put(costKey, s.loss(x, y, m));
    }

    /** One line per engine plus the agreement, for the terminal. */
    public static List<String> describe(Map<?, ?> block) {
        List<String> lines = new ArrayList<>();
        Map<?, ?> engines = (Map<?, ?>) block.get("engines");
        for (Map.Entry<?, ?> e : engines.entrySet()) {
            Map<?, ?> v = (Map<?, ?>) e.getValue();
            lines.add(String.format(Locale.ROOT, "pretrained %-5s training accuracy %.4f, cost lambda=0 %.6f, lambda=1 %.6f",
                    e.getKey(), num(v.get("train_accuracy")), num(v.get("cost_lambda0")), num(v.get("cost_lambda1"))));
        }
        lines.add(String.format(Locale.ROOT, "pretrained engines %s: max relative cost difference %.2e (tolerance %.0e), "
                        + "%s examples; the course reports %.6f / %.6f / %.2f%% on ex4data1.mat",
                Boolean.TRUE.equals(block.get("engines_agree")) ? "agree" : "DISAGREE", num(block.get("max_rel_cost_diff")),
                REL_TOLERANCE, block.get("examples"), COURSE_COST_LAMBDA0, COURSE_COST_LAMBDA1, COURSE_ACCURACY * 100));
        return lines;
    }

    private static double num(Object o) {
        return o instanceof Number n ? n.doubleValue() : Double.NaN;
    }
}
