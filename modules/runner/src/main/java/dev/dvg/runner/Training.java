package dev.dvg.runner;

import dev.dvg.data.batch.Batch;
import dev.dvg.data.batch.BatchStream;
import dev.dvg.engine.eval.BinaryReport;
import dev.dvg.engine.eval.ClassificationReport;
import dev.dvg.models.DataRecipe;
import dev.dvg.models.ModelMetadata;
import dev.dvg.models.ModelSpec;
import dev.dvg.models.TrainingSpec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The training loop and the evaluation, the same code for both engines: one seed, one engine, the
 * batches of {@link ExperimentRunner#stream}. Training time counts only {@code step} calls;
 * evaluations are timed apart and excluded. Writes the step/epoch/warmup/diverged/final events and
 * the artifacts of FORMAT.md.
 */
final class Training {

    /** Train-set metrics are computed on the first this many training examples (a fixed subset). */
    static final int TRAIN_EVAL_EXAMPLES = 10_000;
    /** Examples per forward pass during evaluation (bounds the engines' activation memory). */
    static final int EVAL_CHUNK = 1_000;
    /** Misclassified test images kept for the report. */
    static final int MISCLASSIFIED = 36;
    /** Decision-boundary grid (moons) per side. */
    static final int GRID = 100;

    private final ExperimentDef def;
    private final BudgetDef budget;
    private final ModelSpec spec;
    private final ExperimentData data;
    private final RunFolder folder;
    private final PrintWriter progressOut;
    private final AtomicBoolean stop;
    private final float[] trainTargets;
    private final float[] testTargets;

    Training(ExperimentDef def, BudgetDef budget, ModelSpec spec, ExperimentData data, RunFolder folder,
             PrintWriter progressOut, AtomicBoolean stop) {
        this.def = def;
        this.budget = budget;
        this.spec = spec;
        this.data = data;
        this.folder = folder;
        this.progressOut = progressOut;
        this.stop = stop;
        this.trainTargets = data.data().trainTargets();
        this.testTargets = data.data().testTargets();
    }

    EngineOutcome train(EngineSession s) {
        Memory.resetPeaks();
        String engine = s.engine();
        long seed = spec.seed();
        TrainingSpec t = spec.training();
        int n = data.train().n();
        List<Double> losses = new ArrayList<>();
        boolean diverged = false;
        long trainNanos = 0;
        long warmupNanos = 0;
        long examples = 0;
        long examplesAfterWarmup = 0;
        Double timeToTarget = null;
        Progress progress;

        if (ExperimentRunner.fullBatchMinimizer(spec.optimizer())) {
            int budget = t.steps();
            progress = Progress.of(progressOut, def.id() + " " + engine + " seed " + seed, budget);
            int[] it = {0};
            long t0 = System.nanoTime();
            double loss = s.minimize(data.train().x(), trainTargets, n, budget, l -> {
                it[0]++;
                losses.add(l);
                folder.event(stepEvent(engine, seed, it[0], 0, l, (System.nanoTime() - t0) / 1e6));
                progress.step(it[0]);
            });
            trainNanos = System.nanoTime() - t0;
            examples = (long) n * Math.max(1, it[0]);
            examplesAfterWarmup = examples;
            progress.done(it[0]);
            if (!Double.isFinite(loss)) {
                diverged = true;
                folder.event(diverged(engine, seed, it[0], "loss " + loss + " after the full-batch minimiser"));
            }
            Map<String, Object> ev = evaluate(s, engine, seed, 1, it[0], trainNanos / 1e9,
                    n / Math.max(1e-9, trainNanos / 1e9));
            // as for minibatch runs, the train time at the first evaluation that reached the target;
            // a full-batch minimiser is evaluated once, at its end
            if (ev.get("test_accuracy") instanceof Double a && a >= def.targetAccuracy()) {
                timeToTarget = trainNanos / 1e9;
            }
        } else {
            BatchStream stream = data.data().trainStream(t, seed);
            long total = t.totalSteps(n);
            int evalEvery = budget.evalEvery();
            if (evalEvery == 0) {
                evalEvery = t.sampling() == TrainingSpec.Sampling.SHUFFLED_EPOCHS
                        ? stream.stepsPerEpoch() : (int) Math.max(1, total / 10);
            }
            progress = Progress.of(progressOut, def.id() + " " + engine + " seed " + seed, total);
            int evaluations = 0;
            long sinceEval = 0;
            long nanosAtEval = 0;
            for (long step = 1; step <= total; step++) {
                if (stop.get()) {
                    break;
                }
                Batch b = stream.next();
                long t0 = System.nanoTime();
                double loss = s.step(b);
                long dt = System.nanoTime() - t0;
                trainNanos += dt;
                examples += b.n();
                sinceEval += b.n();
                if (step <= ExperimentRunner.WARMUP_STEPS) {
                    warmupNanos += dt;
                    if (step == ExperimentRunner.WARMUP_STEPS || step == total) {
                        folder.event(Map.of("event", "warmup", "engine", engine, "seed", seed,
                                "seconds", warmupNanos / 1e9, "warmup_steps", step));
                    }
                } else {
                    examplesAfterWarmup += b.n();
                }
                losses.add(loss);
                if (!Double.isFinite(loss)) {
                    diverged = true;
                    folder.event(diverged(engine, seed, step, "loss became " + loss + " at step " + step
                            + " (epoch " + b.epoch() + "); " + engine + " stopped, the other engine goes on"));
                    progressOut.println(def.id() + " " + engine + " seed " + seed + ": diverged at step " + step
                            + " (loss " + loss + ")");
                    break;
                }
                folder.event(stepEvent(engine, seed, step, b.epoch(), loss, trainNanos / 1e6));
                progress.note("loss " + ExperimentRunner.fmt(loss));
                progress.step(step);
                if (step % evalEvery == 0 || step == total) {
                    evaluations++;
                    double epochSeconds = (trainNanos - nanosAtEval) / 1e9;
                    Map<String, Object> ev = evaluate(s, engine, seed, evaluations, step, epochSeconds,
                            sinceEval / Math.max(1e-9, epochSeconds));
                    nanosAtEval = trainNanos;
                    sinceEval = 0;
                    Object acc = ev.get("test_accuracy");
                    if (timeToTarget == null && acc instanceof Double a && a >= def.targetAccuracy()) {
                        timeToTarget = trainNanos / 1e9;
                    }
                    folder.flush();
                }
            }
            progress.done(Math.min(total, losses.size()));
        }

        double trainSeconds = trainNanos / 1e9;
        double afterWarmupSeconds = Math.max(1e-9, (trainNanos - warmupNanos) / 1e9);
        double eps = examplesAfterWarmup > 0 ? examplesAfterWarmup / afterWarmupSeconds : examples / Math.max(1e-9, trainSeconds);
        Map<String, Object> fin = finals(s, engine, seed, trainSeconds, eps, timeToTarget, losses);
        folder.event(fin);
        folder.flush();
        if (!stop.get()) {
            writeArtifacts(s, engine, seed);
        }
        return new EngineOutcome(engine, seed, losses, fin, diverged, stop.get(), saveModel(s, engine, seed));
    }

    /**
     * Saves the trained model as {@code models/<engine>-seed<seed>.<ext>} with what prediction needs
     * ({@link ModelMetadata}); returns that path relative to the run folder. A diverged model is
     * saved too (its NaNs make it obviously useless, and the summary says it diverged).
     */
    private String saveModel(EngineSession s, String engine, long seed) {
        String rel = "models/" + engine + "-seed" + seed + "." + s.modelExtension();
        try {
            s.saveModel(folder.workingDir().resolve(rel),
                    new ModelMetadata(spec, engine, def.id(), folder.runId()).toMap());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the " + engine + " model of seed " + seed, e);
        }
        return rel;
    }

    private static Map<String, Object> stepEvent(String engine, long seed, long step, int epoch, double loss, double ms) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("event", "step");
        m.put("engine", engine);
        m.put("seed", seed);
        m.put("step", step);
        m.put("epoch", epoch);
        m.put("loss", ExperimentRunner.finite(loss));
        m.put("elapsed_ms", ms);
        return m;
    }

    private static Map<String, Object> diverged(String engine, long seed, long step, String message) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("event", "diverged");
        m.put("engine", engine);
        m.put("seed", seed);
        m.put("step", step);
        m.put("message", message);
        return m;
    }

    /** Loss and accuracy on the train subset and the test set; writes an {@code epoch} event. */
    private Map<String, Object> evaluate(EngineSession s, String engine, long seed, int epoch, long step,
                                         double epochSeconds, double examplesPerSecond) {
        int nTrain = Math.min(TRAIN_EVAL_EXAMPLES, data.train().n());
        // stopping (Ctrl-C/SIGTERM): only the test set, so the flush fits in the stop hook's wait
        // (DL4J's LeNet scores ~1,000 images/s: train + test took longer than the wait)
        Scores train = stop.get() ? null : scores(s, data.train().x(), trainTargets, nTrain);
        Scores test = scores(s, data.test().x(), testTargets, data.test().n());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("event", "epoch");
        m.put("engine", engine);
        m.put("seed", seed);
        m.put("epoch", epoch);
        m.put("step", step);
        // a stop can land during a periodic evaluation too: no train-set pass there either
        m.put("train_loss", train == null ? null : ExperimentRunner.finite(train.loss));
        m.put("train_accuracy", train == null ? null : accuracy(train.predicted, data.train().labels(), nTrain));
        m.put("test_loss", ExperimentRunner.finite(test.loss));
        m.put("test_accuracy", accuracy(test.predicted, data.test().labels(), data.test().n()));
        m.put("epoch_seconds", epochSeconds);
        m.put("examples_per_second", examplesPerSecond);
        folder.event(m);
        return m;
    }

    private Map<String, Object> finals(EngineSession s, String engine, long seed, double trainSeconds, double eps,
                                       Double timeToTarget, List<Double> losses) {
        int nTrain = Math.min(TRAIN_EVAL_EXAMPLES, data.train().n());
        // stopping (Ctrl-C/SIGTERM): only the test set, so the flush fits in the stop hook's wait
        // (DL4J's LeNet scores ~1,000 images/s: train + test took longer than the wait)
        Scores train = stop.get() ? null : scores(s, data.train().x(), trainTargets, nTrain);
        Scores test = scores(s, data.test().x(), testTargets, data.test().n());
        int[] truth = Arrays.copyOf(data.test().labels(), data.test().n());
        ClassificationReport cr = ClassificationReport.ofLabels(truth, test.predicted, data.classes());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("event", "final");
        m.put("engine", engine);
        m.put("seed", seed);
        m.put("test_accuracy", cr.accuracy());
        m.put("test_loss", ExperimentRunner.finite(test.loss));
        m.put("train_accuracy", train == null ? null : accuracy(train.predicted, data.train().labels(), nTrain));
        m.put("train_loss", train == null ? null : ExperimentRunner.finite(train.loss));
        m.put("final_train_loss", losses.isEmpty() ? null : ExperimentRunner.finite(losses.get(losses.size() - 1)));
        m.put("train_seconds", trainSeconds);
        m.put("examples_per_second", eps);
        m.put("peak_heap_mb", Memory.peakHeapMb());
        m.put("peak_rss_mb", Memory.peakRssMb());
        m.put("confusion", cr.confusion());
        List<Map<String, Object>> perClass = new ArrayList<>();
        for (int k = 0; k < cr.classes(); k++) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("class", k);
            c.put("precision", cr.precision(k));
            c.put("recall", cr.recall(k));
            c.put("f1", cr.f1(k));
            c.put("support", cr.support(k));
            perClass.add(c);
        }
        m.put("per_class", perClass);
        if (data.targetWidth() == 1) {
            float[] labels = new float[truth.length];
            for (int i = 0; i < truth.length; i++) {
                labels[i] = truth[i];
            }
            BinaryReport br = BinaryReport.of(test.outputs, labels);
            Map<String, Object> b = new LinkedHashMap<>();
            b.put("accuracy", br.accuracy());
            b.put("precision", br.precision());
            b.put("recall", br.recall());
            b.put("f1", br.f1());
            b.put("auc", br.rocAuc());
            m.put("binary", b);
        }
        m.put("time_to_target_seconds", timeToTarget);
        m.put("target_accuracy", def.targetAccuracy());
        m.put("steps", losses.size());
        return m;
    }

    /** Outputs, predicted classes and mean loss of the first {@code n} examples, in chunks. */
    private record Scores(float[] outputs, int[] predicted, double loss) {
    }

    private Scores scores(EngineSession s, float[] x, float[] y, int n) {
        int f = data.train().features();
        int k = data.targetWidth();
        float[] out = new float[n * k];
        double lossSum = 0;
        for (int from = 0; from < n; from += EVAL_CHUNK) {
            int m = Math.min(EVAL_CHUNK, n - from);
            float[] xs = Arrays.copyOfRange(x, from * f, (from + m) * f);
            float[] ys = Arrays.copyOfRange(y, from * k, (from + m) * k);
            float[] o = s.predict(xs, m);
            System.arraycopy(o, 0, out, from * k, m * k);
            lossSum += s.loss(xs, ys, m) * m;
        }
        int[] pred = new int[n];
        for (int i = 0; i < n; i++) {
            if (k == 1) {
                pred[i] = out[i] >= 0.5f ? 1 : 0;
            } else {
                int best = 0;
                for (int j = 1; j < k; j++) {
                    if (out[i * k + j] > out[i * k + best]) {
                        best = j;
                    }
                }
                pred[i] = best;
            }
        }
        return new Scores(out, pred, lossSum / n);
    }

    private static double accuracy(int[] predicted, int[] labels, int n) {
        long ok = 0;
        for (int i = 0; i < n; i++) {
            if (predicted[i] == labels[i]) {
                ok++;
            }
        }
        return n == 0 ? 0 : (double) ok / n;
    }

    private void writeArtifacts(EngineSession s, String engine, long seed) {
        String prefix = "artifacts/" + engine + "-seed" + seed + "-";
        try {
            DataRecipe.Dataset ds = spec.data().dataset();
            if (ds.isImage()) {
                folder.writeJson(prefix + "misclassified.json", misclassified(s));
            }
            if (ExperimentRunner.hasConv(spec)) {
                dev.dvg.engine.spec.Conv2dSpec c = (dev.dvg.engine.spec.Conv2dSpec) spec.network().layers().stream()
                        .filter(l -> l instanceof dev.dvg.engine.spec.Conv2dSpec).findFirst().orElseThrow();
                int channels = spec.network().inputShape()[0];
                int size = c.filters() * channels * c.kernelH() * c.kernelW();
                float[] flat = s.paramsAsDavid();
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("shape", new int[] {c.filters(), channels, c.kernelH(), c.kernelW()});
                m.put("weights", Arrays.copyOf(flat, size));
                folder.writeJson(prefix + "conv1.json", m);
            }
            if (ds == DataRecipe.Dataset.MOONS) {
                folder.writeJson(prefix + "boundary.json", boundary(s));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write artifacts of " + engine + " seed " + seed, e);
        }
    }

    private Map<String, Object> misclassified(EngineSession s) {
        Scores test = scores(s, data.test().x(), testTargets, data.test().n());
        int f = data.test().features();
        List<Map<String, Object>> ex = new ArrayList<>();
        for (int i = 0; i < data.test().n() && ex.size() < MISCLASSIFIED; i++) {
            if (test.predicted[i] != data.test().labels()[i]) {
                float[] px = Arrays.copyOfRange(data.test().x(), i * f, (i + 1) * f);
                float lo = Float.MAX_VALUE;
                float hi = -Float.MAX_VALUE;
                for (float v : px) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
                for (int j = 0; j < px.length; j++) {
                    px[j] = hi > lo ? (px[j] - lo) / (hi - lo) : 0f;
                }
                Map<String, Object> e = new LinkedHashMap<>();
                e.put("index", i);
                e.put("label", data.test().labels()[i]);
                e.put("predicted", test.predicted[i]);
                e.put("pixels", px);
                ex.add(e);
            }
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("shape", data.test().featureShape());
        m.put("examples", ex);
        return m;
    }

    private Map<String, Object> boundary(EngineSession s) {
        float[] x = data.train().x();
        double xmin = Double.MAX_VALUE;
        double xmax = -Double.MAX_VALUE;
        double ymin = Double.MAX_VALUE;
        double ymax = -Double.MAX_VALUE;
        for (int i = 0; i < data.train().n(); i++) {
            xmin = Math.min(xmin, x[2 * i]);
            xmax = Math.max(xmax, x[2 * i]);
            ymin = Math.min(ymin, x[2 * i + 1]);
            ymax = Math.max(ymax, x[2 * i + 1]);
        }
        xmin -= 0.5;
        xmax += 0.5;
        ymin -= 0.5;
        ymax += 0.5;
        float[] grid = new float[GRID * GRID * 2];
        for (int r = 0; r < GRID; r++) {
            for (int c = 0; c < GRID; c++) {
                grid[2 * (r * GRID + c)] = (float) (xmin + (xmax - xmin) * c / (GRID - 1));
                grid[2 * (r * GRID + c) + 1] = (float) (ymin + (ymax - ymin) * r / (GRID - 1));
            }
        }
        float[] p = s.predict(grid, GRID * GRID);
        List<Map<String, Object>> points = new ArrayList<>();
        for (int i = 0; i < data.test().n(); i++) {
            points.add(Map.of("x", data.test().x()[2 * i], "y", data.test().x()[2 * i + 1],
                    "label", data.test().labels()[i]));
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("x_min", xmin);
        m.put("x_max", xmax);
        m.put("y_min", ymin);
        m.put("y_max", ymax);
        m.put("nx", GRID);
        m.put("ny", GRID);
        m.put("probabilities", p);
        m.put("points", points);
        return m;
    }
}
