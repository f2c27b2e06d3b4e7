package dev.dvg.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Writes realistic result folders (results/FORMAT.md) for the tests: noisy loss curves of two
 * engines that agree to ~1e-6, MNIST-sized confusion matrices, synthesised misclassified digits,
 * 5×5 kernels, a moons boundary, a suite and a 2-D sweep. Every number is derived from a seeded
 * {@link Random}, and {@link Expected} records the headline numbers the report must show.
 */
final class Fixtures {
    static final ObjectMapper M = new ObjectMapper();
    static final int[] MNIST_SUPPORT = {980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009};

    enum Kind { MLP, CNN, MOONS, IS_ZERO }

    /** What a run fixture's summary.json says, for assertions. */
    record Expected(String experiment, Map<String, double[]> seedAccuracy, Map<String, Double> meanAccuracy,
                    double speedRatio, double maxRelLossDiff) {
    }

    private Fixtures() {
    }

    static ObjectNode provenance(List<Long> seeds) {
        ObjectNode p = M.createObjectNode();
        p.put("dvg_version", "0.1.0-SNAPSHOT").put("git_commit", "a790d64f3c2e1b0d9e8f7a6b5c4d3e2f1a0b9c8d").put("git_dirty", false)
                .put("jdk", "17.0.15").put("jvm", "OpenJDK 64-Bit Server VM").put("os", "Linux 6.1").put("arch", "amd64")
                .put("cores", 2).put("max_heap_mb", 6144).put("dl4j_version", "1.0.0-M2.1").put("nd4j_backend", "CPU")
                .put("blas", "OpenBLAS 0.3.19").put("david_threads", 2).put("dl4j_threads", 1);
        p.putObject("datasets").put("train-images-idx3-ubyte", "6bbc9ace898e44ae57da46a324031adb")
                .put("t10k-images-idx3-ubyte", "2646ac647ad5339dbf082846283269ea");
        ArrayNode s = p.putArray("seeds");
        seeds.forEach(s::add);
        return p;
    }

    /** Writes a complete run folder and returns what its summary says. */
    static Expected run(Path dir, String experiment, Kind kind, List<Long> seeds, int steps, long rngSeed) {
        Random rnd = new Random(rngSeed);
        String runId = "20261122-031500-" + Long.toHexString(rngSeed & 0xffff);
        ObjectNode prov = provenance(seeds);
        ObjectNode run = M.createObjectNode();
        run.put("format", 1).put("experiment", experiment).put("run_id", runId).put("status", "complete")
                .put("started", "2026-11-22T03:15:00Z").put("finished", "2026-11-22T03:19:12Z").put("budget", "default");
        ObjectNode cfg = run.putObject("config");
        cfg.put("model", experiment).put("optimizer", "adam").put("learning_rate", 1e-3).put("batch_size", 64).put("epochs", 5);
        run.set("provenance", prov);
        write(dir.resolve("run.json"), run);

        int k = kind == Kind.MOONS || kind == Kind.IS_ZERO ? 2 : 10;
        int epochs = 5;
        int batch = 64;
        double target = kind == Kind.MOONS ? 0.95 : kind == Kind.CNN ? 0.985 : kind == Kind.IS_ZERO ? 0.99 : 0.98;
        double baseErr = kind == Kind.MOONS ? 0.035 : kind == Kind.CNN ? 0.011 : kind == Kind.IS_ZERO ? 0.0088 : 0.019;
        double epsDavid = kind == Kind.CNN ? 2100 : kind == Kind.MOONS ? 310000 : 46000;
        double epsDl4j = kind == Kind.CNN ? 1500 : kind == Kind.MOONS ? 52000 : 11000;
        StringBuilder metrics = new StringBuilder();
        Map<String, double[]> seedAcc = new LinkedHashMap<>();
        Map<String, Double> meanAcc = new LinkedHashMap<>();
        double maxRel = 0;
        ObjectNode engines = M.createObjectNode();
        Map<String, List<ObjectNode>> perSeed = new LinkedHashMap<>();
        Map<String, double[]> engineAgg = new LinkedHashMap<>();
        for (String engine : new String[] {"david", "dl4j"}) {
            seedAcc.put(engine, new double[seeds.size()]);
            perSeed.put(engine, new ArrayList<>());
            engineAgg.put(engine, new double[4]);
        }
        for (int si = 0; si < seeds.size(); si++) {
            long seed = seeds.get(si);
            double[] loss = new double[steps];
            double l0 = k == 2 ? 0.69 : 2.30;
            double floor = k == 2 ? 0.05 : 0.06;
            for (int t = 0; t < steps; t++) {
                double mean = floor + (l0 - floor) * Math.exp(-t / (steps / 6.0));
                loss[t] = mean * Math.exp(0.18 * rnd.nextGaussian());
            }
            double seedErr = baseErr * (1 + 0.08 * rnd.nextGaussian());
            for (String engine : new String[] {"david", "dl4j"}) {
                boolean david = engine.equals("david");
                double eps = (david ? epsDavid : epsDl4j) * (1 + 0.03 * rnd.nextGaussian());
                double msPerStep = 1000.0 * batch / eps;
                for (int t = 0; t < steps; t++) {
                    double l = david ? loss[t] : loss[t] * (1 + 2e-7 * (1 + t / 40.0) * rnd.nextGaussian());
                    if (!david) {
                        maxRel = Math.max(maxRel, Math.abs(l - loss[t]) / Math.abs(loss[t]));
                    }
                    ObjectNode e = M.createObjectNode().put("event", "step").put("engine", engine).put("seed", seed)
                            .put("step", t + 1).put("epoch", t * epochs / steps).put("loss", l).put("elapsed_ms", 120 + (t + 1) * msPerStep);
                    line(metrics, e);
                    if (t == 19) {
                        line(metrics, M.createObjectNode().put("event", "warmup").put("engine", engine).put("seed", seed)
                                .put("seconds", (david ? 0.42 : 1.35) + 0.05 * rnd.nextDouble()).put("warmup_steps", 20));
                    }
                }
                double err = seedErr * (david ? 1 + 0.04 * rnd.nextGaussian() : 1 + 0.04 * rnd.nextGaussian());
                for (int ep = 1; ep <= epochs; ep++) {
                    double f = Math.exp(-(ep - 1) / 1.4);
                    double testErr = err + (0.09 - err) * f;
                    double trainErr = Math.max(0.0005, testErr * (0.55 + 0.3 * f) + 0.002 * rnd.nextGaussian());
                    line(metrics, M.createObjectNode().put("event", "epoch").put("engine", engine).put("seed", seed).put("epoch", ep)
                            .put("step", ep * steps / epochs).put("train_loss", 0.03 + 0.3 * f + 0.005 * rnd.nextDouble())
                            .put("train_accuracy", 1 - trainErr).put("test_loss", 0.06 + 0.28 * f + 0.005 * rnd.nextDouble())
                            .put("test_accuracy", 1 - testErr).put("epoch_seconds", steps / epochs * msPerStep / 1000)
                            .put("examples_per_second", eps));
                }
                long[][] cm = confusion(kind, err, rnd);
                double acc = trace(cm) / (double) total(cm);
                double trainSeconds = steps * msPerStep / 1000 + 0.5;
                double ttt = acc >= target ? trainSeconds * (0.55 + 0.1 * rnd.nextDouble()) : Double.NaN;
                ObjectNode fin = M.createObjectNode().put("event", "final").put("engine", engine).put("seed", seed)
                        .put("test_accuracy", acc).put("test_loss", 0.06 + 0.01 * rnd.nextDouble()).put("train_accuracy", Math.min(1, acc + 0.006))
                        .put("train_loss", loss[steps - 1]).put("train_seconds", trainSeconds).put("examples_per_second", eps)
                        .put("peak_heap_mb", david ? 380 : 910).put("peak_rss_mb", david ? 620 : 1850);
                ArrayNode cmj = fin.putArray("confusion");
                for (long[] r : cm) {
                    ArrayNode row = cmj.addArray();
                    for (long v : r) {
                        row.add(v);
                    }
                }
                ArrayNode pc = fin.putArray("per_class");
                for (int c = 0; c < k; c++) {
                    long tp = cm[c][c];
                    long col = 0;
                    long row = 0;
                    for (int j = 0; j < k; j++) {
                        col += cm[j][c];
                        row += cm[c][j];
                    }
                    double p = tp / (double) col;
                    double r = tp / (double) row;
                    pc.addObject().put("class", c).put("precision", p).put("recall", r).put("f1", 2 * p * r / (p + r)).put("support", row);
                }
                if (kind == Kind.IS_ZERO) {
                    double p = cm[1][1] / (double) (cm[1][1] + cm[0][1]);
                    double r = cm[1][1] / (double) (cm[1][1] + cm[1][0]);
                    fin.putObject("binary").put("accuracy", acc).put("precision", p).put("recall", r).put("f1", 2 * p * r / (p + r))
                            .put("auc", 0.997);
                    fin.putArray("class_names").add("not 0").add("0");
                }
                if (Double.isNaN(ttt)) {
                    fin.putNull("time_to_target_seconds");
                } else {
                    fin.put("time_to_target_seconds", ttt);
                }
                fin.put("target_accuracy", target);
                line(metrics, fin);
                seedAcc.get(engine)[si] = acc;
                perSeed.get(engine).add(M.createObjectNode().put("seed", seed).put("test_accuracy", acc)
                        .put("final_train_loss", loss[steps - 1]).put("train_seconds", trainSeconds));
                double[] agg = engineAgg.get(engine);
                agg[0] += eps / seeds.size();
                agg[1] += trainSeconds / seeds.size();
                agg[2] += loss[steps - 1] / seeds.size();
                agg[3] += (Double.isNaN(ttt) ? 0 : ttt) / seeds.size();
                artifacts(dir.resolve("artifacts"), kind, engine, seed, cm, rnd);
            }
        }
        write(dir.resolve("metrics.jsonl"), metrics.toString());
        for (String engine : new String[] {"david", "dl4j"}) {
            double[] a = seedAcc.get(engine);
            double mean = java.util.Arrays.stream(a).average().orElseThrow();
            double sd = a.length < 2 ? 0 : Math.sqrt(java.util.Arrays.stream(a).map(x -> (x - mean) * (x - mean)).sum() / (a.length - 1));
            meanAcc.put(engine, mean);
            double[] agg = engineAgg.get(engine);
            ObjectNode e = engines.putObject(engine).put("test_accuracy", mean).put("test_accuracy_sd", sd).put("final_train_loss", agg[2])
                    .put("train_seconds", agg[1]).put("examples_per_second", agg[0]).put("peak_heap_mb", engine.equals("david") ? 380 : 910)
                    .put("peak_rss_mb", engine.equals("david") ? 620 : 1850).put("time_to_target_seconds", agg[3]).put("diverged", false);
            ArrayNode ps = e.putArray("per_seed");
            perSeed.get(engine).forEach(ps::add);
        }
        double ratio = engines.get("david").get("examples_per_second").asDouble() / engines.get("dl4j").get("examples_per_second").asDouble();
        ObjectNode summary = M.createObjectNode();
        summary.put("experiment", experiment).put("run_id", runId).put("status", "complete").put("budget", "default").put("model", experiment);
        ArrayNode sj = summary.putArray("seeds");
        seeds.forEach(sj::add);
        summary.set("engines", engines);
        summary.putObject("parity").put("same_init", true).put("max_abs_loss_diff", maxRel * 2.3).put("max_rel_loss_diff", maxRel)
                .put("steps_compared", steps);
        summary.put("speed_ratio", ratio).put("target_accuracy", target);
        summary.set("provenance", prov);
        write(dir.resolve("summary.json"), summary);
        return new Expected(experiment, seedAcc, meanAcc, ratio, maxRel);
    }

    private static long trace(long[][] m) {
        long s = 0;
        for (int i = 0; i < m.length; i++) {
            s += m[i][i];
        }
        return s;
    }

    private static long total(long[][] m) {
        long s = 0;
        for (long[] r : m) {
            for (long v : r) {
                s += v;
            }
        }
        return s;
    }

    /** Confusions the way MNIST models make them: 4↔9, 3↔5, 7→2, 2→7, 8→3 most. */
    private static long[][] confusion(Kind kind, double err, Random rnd) {
        if (kind == Kind.IS_ZERO) {
            long fp = 20 + rnd.nextInt(12);
            long fn = 55 + rnd.nextInt(14);
            return new long[][] {{9020 - fp, fp}, {fn, 980 - fn}};
        }
        if (kind == Kind.MOONS) {
            long e0 = Math.round(err * 500 * (0.8 + 0.4 * rnd.nextDouble()));
            long e1 = Math.round(err * 500 * (0.8 + 0.4 * rnd.nextDouble()));
            return new long[][] {{500 - e0, e0}, {e1, 500 - e1}};
        }
        int[][] likely = {{6, 2}, {8, 7}, {7, 8}, {5, 8}, {9, 6}, {3, 8}, {0, 5}, {2, 9}, {3, 5}, {4, 7}};
        long[][] m = new long[10][10];
        for (int c = 0; c < 10; c++) {
            long errors = Math.round(MNIST_SUPPORT[c] * err * (0.5 + rnd.nextDouble()));
            long left = errors;
            for (int j = 0; j < 2 && left > 0; j++) {
                long x = Math.min(left, Math.round(errors * (j == 0 ? 0.4 : 0.25)));
                m[c][likely[c][j]] += x;
                left -= x;
            }
            while (left > 0) {
                int j = rnd.nextInt(10);
                if (j != c) {
                    m[c][j]++;
                    left--;
                }
            }
            m[c][c] = MNIST_SUPPORT[c] - errors;
        }
        return m;
    }

    private static void artifacts(Path dir, Kind kind, String engine, long seed, long[][] cm, Random rnd) {
        String prefix = engine + "-seed" + seed + "-";
        if (kind == Kind.MLP || kind == Kind.CNN) {
            ObjectNode mis = M.createObjectNode();
            mis.putArray("shape").add(1).add(28).add(28);
            ArrayNode ex = mis.putArray("examples");
            int n = 0;
            outer:
            for (int c = 0; c < 10; c++) {
                for (int p = 0; p < 10; p++) {
                    if (p != c && cm[c][p] > 1 && rnd.nextDouble() < 0.8) {
                        ObjectNode e = ex.addObject().put("index", rnd.nextInt(10000)).put("label", c).put("predicted", p)
                                .put("confidence", 0.5 + 0.45 * rnd.nextDouble());
                        ArrayNode px = e.putArray("pixels");
                        for (float v : digit(c, rnd)) {
                            px.add(Math.round(v * 1000) / 1000.0);
                        }
                        if (++n == 36) {
                            break outer;
                        }
                    }
                }
            }
            write(dir.resolve(prefix + "misclassified.json"), mis);
        }
        if (kind == Kind.CNN) {
            ObjectNode conv = M.createObjectNode();
            conv.putArray("shape").add(8).add(1).add(5).add(5);
            ArrayNode w = conv.putArray("weights");
            Random kr = new Random(seed * 31 + 7);
            for (int f = 0; f < 8; f++) {
                double angle = Math.PI * f / 8 + 0.2 * kr.nextGaussian();
                double phase = kr.nextDouble() * Math.PI;
                double amp = 0.25 + 0.15 * kr.nextDouble();
                for (int y = 0; y < 5; y++) {
                    for (int x = 0; x < 5; x++) {
                        double u = (x - 2) * Math.cos(angle) + (y - 2) * Math.sin(angle);
                        double r2 = (x - 2) * (x - 2) + (y - 2) * (y - 2);
                        double v = amp * Math.cos(1.4 * u + phase) * Math.exp(-r2 / 8) + 0.03 * rnd.nextGaussian();
                        w.add(Math.round(v * 1e5) / 1e5);
                    }
                }
            }
            write(dir.resolve(prefix + "conv1.json"), conv);
        }
        if (kind == Kind.MOONS) {
            double shift = engine.equals("david") ? 0 : 0.04;
            ObjectNode b = M.createObjectNode().put("x_min", -1.5).put("x_max", 2.5).put("y_min", -1.0).put("y_max", 1.5)
                    .put("nx", 81).put("ny", 61);
            ArrayNode p = b.putArray("probabilities");
            for (int iy = 0; iy < 61; iy++) {
                double y = -1.0 + 2.5 * iy / 60;
                for (int ix = 0; ix < 81; ix++) {
                    double x = -1.5 + 4.0 * ix / 80;
                    double f = (y - 0.25 + shift) - 0.55 * Math.cos(1.9 * (x - 0.5));
                    p.add(Math.round(1e4 / (1 + Math.exp(6 * f))) / 1e4);
                }
            }
            ArrayNode pts = b.putArray("points");
            Random pr = new Random(seed);
            for (int i = 0; i < 200; i++) {
                int label = i % 2;
                double t = Math.PI * pr.nextDouble();
                double x = label == 0 ? Math.cos(t) : 1 - Math.cos(t);
                double y = label == 0 ? Math.sin(t) : 0.5 - Math.sin(t);
                pts.addObject().put("x", x + 0.15 * pr.nextGaussian()).put("y", y + 0.15 * pr.nextGaussian()).put("label", label);
            }
            write(dir.resolve(prefix + "boundary.json"), b);
        }
    }

    /** A handwritten-looking digit: the glyph drawn rotated and sheared, slightly blurred, values in 0..1. */
    static float[] digit(int d, Random rnd) {
        BufferedImage img = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.BLACK);
        g.fillRect(0, 0, 28, 28);
        g.translate(14, 14);
        g.rotate(0.35 * rnd.nextGaussian());
        g.shear(0.25 * rnd.nextGaussian(), 0);
        g.setColor(Color.WHITE);
        g.setFont(new Font("DejaVu Sans", rnd.nextBoolean() ? Font.BOLD : Font.PLAIN, 21 + rnd.nextInt(4)));
        String s = Integer.toString(d);
        int w = g.getFontMetrics().stringWidth(s);
        g.drawString(s, -w / 2f + (float) rnd.nextGaussian(), 8f + (float) rnd.nextGaussian());
        g.dispose();
        float[] out = new float[784];
        for (int y = 0; y < 28; y++) {
            for (int x = 0; x < 28; x++) {
                float acc = 0;
                float wsum = 0;
                for (int dy = -1; dy <= 1; dy++) {
                    for (int dx = -1; dx <= 1; dx++) {
                        int xx = x + dx;
                        int yy = y + dy;
                        if (xx >= 0 && yy >= 0 && xx < 28 && yy < 28) {
                            float wt = dx == 0 && dy == 0 ? 4 : 1;
                            acc += wt * (img.getRaster().getSample(xx, yy, 0) / 255f);
                            wsum += wt;
                        }
                    }
                }
                out[y * 28 + x] = Math.min(1f, acc / wsum * 1.15f);
            }
        }
        return out;
    }

    /** A suite folder: suite.json and one run per experiment; returns the expectations in order. */
    static List<Expected> suite(Path dir, int steps) {
        return suite(dir, steps, true);
    }

    /** {@code all} false: only the CNN and moons runs, which between them draw every kind of chart. */
    static List<Expected> suite(Path dir, int steps, boolean all) {
        List<Expected> out = new ArrayList<>();
        if (all) {
            out.add(run(dir.resolve("is-zero-logistic"), "is-zero-logistic", Kind.IS_ZERO, List.of(1L), steps, 11));
            out.add(run(dir.resolve("mnist-mlp256"), "mnist-mlp256", Kind.MLP, List.of(1L, 2L, 3L), steps, 12));
        }
        out.add(run(dir.resolve("mnist-lenet"), "mnist-lenet", Kind.CNN, List.of(1L, 2L), steps, 13));
        out.add(run(dir.resolve("moons"), "moons", Kind.MOONS, List.of(1L), steps, 14));
        ObjectNode s = M.createObjectNode().put("format", 1).put("suite", "david-vs-goliath").put("run_id", "20261122-031500-d4e5")
                .put("status", "complete").put("budget", "default");
        ArrayNode ex = s.putArray("experiments");
        out.forEach(e -> ex.add(e.experiment()));
        s.set("provenance", provenance(List.of(1L, 2L, 3L)));
        write(dir.resolve("suite.json"), s);
        return out;
    }

    /** A learning rate × hidden size grid sweep, with one diverged candidate. */
    static void sweep(Path dir) {
        double[] lrs = {0.001, 0.003, 0.01, 0.03, 0.1, 0.3};
        int[] hidden = {32, 64, 128, 256};
        Random rnd = new Random(5);
        StringBuilder lines = new StringBuilder();
        int id = 0;
        for (int hdn : hidden) {
            for (double lr : lrs) {
                double base = 0.985 - 0.012 * Math.pow(Math.log10(lr / 0.03), 2) - 0.004 * Math.log(256.0 / hdn) / Math.log(2) / 3;
                for (String engine : new String[] {"david", "dl4j"}) {
                    ObjectNode c = M.createObjectNode().put("candidate", id).put("engine", engine);
                    c.putObject("values").put("learning_rate", lr).put("hidden", hdn);
                    boolean diverged = lr == 0.3 && hdn == 256 && engine.equals("dl4j");
                    if (diverged) {
                        c.putNull("score");
                    } else {
                        c.put("score", Math.min(0.995, base + 0.002 * rnd.nextGaussian()));
                    }
                    c.put("score_name", "test_accuracy").put("seconds", (engine.equals("david") ? 1.1 : 4.3) * hdn / 64.0 * (1 + 0.05 * rnd.nextGaussian()))
                            .put("status", diverged ? "diverged" : "ok");
                    if (diverged) {
                        c.put("error", "loss is NaN at step 212");
                    } else {
                        c.putNull("error");
                    }
                    line(lines, c);
                }
                id++;
            }
        }
        write(dir.resolve("candidates.jsonl"), lines.toString());
        ObjectNode s = M.createObjectNode().put("format", 1).put("sweep", "mlp256-lr-hidden").put("run_id", "20261122-040000-77aa")
                .put("status", "complete").put("budget", "default").put("score_name", "test_accuracy").put("direction", "maximize");
        ObjectNode def = s.putObject("definition");
        def.put("base", "mnist-mlp256").put("generator", "grid");
        def.putObject("space").put("learning_rate", "log-uniform 1e-3..0.3, 6 points").put("hidden", "16..512: 32, 64, 128, 256");
        s.putObject("best");
        s.set("provenance", provenance(List.of(1L)));
        write(dir.resolve("sweep.json"), s);
    }

    static void line(StringBuilder b, ObjectNode n) {
        try {
            b.append(M.writeValueAsString(n)).append('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void write(Path file, Object json) {
        try {
            Files.createDirectories(file.getParent());
            if (json instanceof String s) {
                Files.writeString(file, s);
            } else {
                M.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), json);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
