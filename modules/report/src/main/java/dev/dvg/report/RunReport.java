package dev.dvg.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dvg.report.chart.Pictures;
import dev.dvg.report.chart.Plots;
import dev.dvg.report.doc.Block;
import dev.dvg.report.doc.Document;
import dev.dvg.report.doc.Image;
import dev.dvg.report.read.PretrainedScores;
import dev.dvg.report.read.ClassMetrics;
import dev.dvg.report.read.ConvKernels;
import dev.dvg.report.read.DivergedEvent;
import dev.dvg.report.read.EngineSummary;
import dev.dvg.report.read.EpochEvent;
import dev.dvg.report.read.FinalEvent;
import dev.dvg.report.read.RunResults;
import dev.dvg.report.read.StepEvent;
import dev.dvg.report.read.Summary;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The sections of one run: results, curves, parity, speed, confusion, pictures, provenance. */
final class RunReport {
    private static final Engine[] ENGINES = Engine.values();

    private final RunResults run;
    private final String slug;
    private final int h;
    private final List<Long> seeds;

    /**
     * @param slug  prefix of image names and anchors, unique within the report
     * @param level heading level of this run's sections
     */
    RunReport(RunResults run, String slug, int level) {
        this.run = run;
        this.slug = slug;
        this.h = level;
        List<Long> s = run.summary() != null ? run.summary().seeds() : run.metrics().seeds();
        this.seeds = s.isEmpty() ? run.metrics().seeds() : s;
    }

    /** The accuracy "time to target" refers to: summary.json's, else the final events'; NaN if none. */
    double target() {
        if (run.summary() != null && Fmt.ok(run.summary().targetAccuracy())) {
            return run.summary().targetAccuracy();
        }
        return run.metrics().finals().stream().mapToDouble(FinalEvent::targetAccuracy).filter(Fmt::ok).findFirst().orElse(Double.NaN);
    }

    /** The per-seed test accuracies of one engine (summary.json, else final events). */
    double[] seedAccuracies(Engine e) {
        EngineSummary es = run.summary() == null ? null : run.summary().engine(e);
        if (es != null && !es.perSeed().isEmpty()) {
            return es.perSeed().stream().mapToDouble(p -> p.testAccuracy()).toArray();
        }
        return run.metrics().finals().stream().filter(f -> f.engine() == e).mapToDouble(FinalEvent::testAccuracy).toArray();
    }

    /** Mean test accuracy of one engine: summary.json's, else the mean of the final events. */
    double meanAccuracy(Engine e) {
        EngineSummary es = run.summary() == null ? null : run.summary().engine(e);
        return es != null ? es.testAccuracy() : Fmt.mean(seedAccuracies(e));
    }

    double sdAccuracy(Engine e) {
        EngineSummary es = run.summary() == null ? null : run.summary().engine(e);
        return es != null && Fmt.ok(es.testAccuracySd()) ? es.testAccuracySd() : Fmt.sd(seedAccuracies(e));
    }

    /** "98.12 ± 0.05" plus a small line listing every seed. */
    String accuracyCell(Engine e) {
        double[] a = seedAccuracies(e);
        if (a.length == 0) {
            return Fmt.NA;
        }
        String head = Fmt.pct2(meanAccuracy(e)) + (a.length > 1 ? " ± " + Fmt.pct2(sdAccuracy(e)) : "");
        if (a.length == 1) {
            return head;
        }
        StringBuilder b = new StringBuilder(head).append("\n~");
        for (int i = 0; i < a.length; i++) {
            b.append(i == 0 ? "" : " · ").append(Fmt.pct2(a[i]));
        }
        return b.append('~').toString();
    }

    String divergedMark(Engine e) {
        boolean d = run.metrics().divergences().stream().anyMatch(x -> x.engine() == e)
                || run.summary() != null && run.summary().engine(e).diverged();
        return d ? " **diverged**" : "";
    }

    void write(Document doc, boolean standalone) {
        Summary s = run.summary();
        if (!standalone) {
            doc.heading(h, run.info().experiment(), slug);
        }
        doc.para(meta());
        if (!run.complete()) {
            doc.note("This run is **" + run.status() + "**" + (s == null ? " (no summary.json)" : "")
                    + ": the figures show what was recorded before it stopped.");
        }
        for (DivergedEvent d : run.metrics().divergences()) {
            doc.note("{" + d.engine().key() + "} seed " + d.seed() + " diverged at step " + d.step() + ": " + d.message());
        }
        pretrained(doc);
        results(doc);
        curves(doc);
        speed(doc);
        classification(doc);
        pictures(doc);
        provenance(doc);
    }

    private String meta() {
        Summary s = run.summary();
        StringBuilder b = new StringBuilder();
        b.append("Run `").append(run.info().runId()).append("` · budget **").append(run.info().budget()).append("** · status **")
                .append(run.status()).append("** · seeds ").append(join(seeds));
        if (s != null) {
            b.append(" · model `").append(s.model()).append('`');
            if (Fmt.ok(s.minAccuracy()) && s.minAccuracy() > 0) {
                b.append(" · accuracy floor ").append(Fmt.pct(s.minAccuracy()));
            }
        }
        if (Fmt.ok(target())) {
            b.append(" · target accuracy ").append(Fmt.pct(target()));
        }
        b.append(" · started ").append(run.info().started());
        return b.toString();
    }

    private static String join(List<Long> seeds) {
        return String.join(", ", seeds.stream().map(String::valueOf).toList());
    }

    /** Pretrained weights scored by both engines before training (digits20-mlp25 --weights). */
    private void pretrained(Document doc) {
        PretrainedScores p = run.summary() == null ? null : run.summary().pretrained();
        if (p == null) {
            return;
        }
        doc.heading(h + 1, "Pretrained weights", slug + "-pretrained");
        List<List<String>> rows = new ArrayList<>();
        for (Engine e : ENGINES) {
            PretrainedScores.Scores sc = p.engines().get(e);
            if (sc != null) {
                rows.add(List.of("{" + e.key() + "}", Fmt.pct(sc.trainAccuracy()), String.format(java.util.Locale.ROOT,
                        "%.6f", sc.costLambda0()), String.format(java.util.Locale.ROOT, "%.6f", sc.costLambda1())));
            }
        }
        if (Fmt.ok(p.courseCostLambda0())) {
            rows.add(List.of("the course (ex4data1.mat)", Fmt.ok(p.courseAccuracy()) ? Fmt.pct(p.courseAccuracy()) : Fmt.NA,
                    String.format(java.util.Locale.ROOT, "%.6f", p.courseCostLambda0()),
                    Fmt.ok(p.courseCostLambda1()) ? String.format(java.util.Locale.ROOT, "%.6f", p.courseCostLambda1()) : Fmt.NA));
        }
        doc.add(new Block.Table(List.of("Engine", "Training accuracy (%)", "Cost λ = 0", "Cost λ = 1"), rows,
                new boolean[] {false, true, true, true}));
        doc.para("Before training, both engines were given the weights `" + p.weights() + "` and scored on the "
                + p.examples() + " training examples as the course does: J = (1/m)·Σ per-output cross-entropy + "
                + "λ/(2m)·Σθ² (biases excluded). The engines " + (p.enginesAgree() ? "agree" : "**disagree**")
                + ": largest relative cost difference " + Fmt.sig(p.maxRelCostDiff()) + " (tolerance "
                + Fmt.sig(p.relTolerance()) + "). The course's numbers are for its own ex4data1.mat; OpenCV's "
                + "digits.png holds the same digits quantised to 8 bits, so its costs differ slightly. The results "
                + "below are of training from random initial weights.");
    }

    private void results(Document doc) {
        doc.heading(h + 1, "Results", slug + "-results");
        boolean floor = run.summary() != null && Fmt.ok(run.summary().minAccuracy()) && run.summary().minAccuracy() > 0;
        List<List<String>> rows = new ArrayList<>();
        for (Engine e : ENGINES) {
            EngineSummary es = run.summary() == null ? null : run.summary().engine(e);
            double[] testLoss = run.metrics().finals().stream().filter(f -> f.engine() == e).mapToDouble(FinalEvent::testLoss).toArray();
            double[] trainLoss = run.metrics().finals().stream().filter(f -> f.engine() == e).mapToDouble(FinalEvent::trainLoss).toArray();
            double[] ttt = run.metrics().finals().stream().filter(f -> f.engine() == e).mapToDouble(FinalEvent::timeToTargetSeconds).toArray();
            double[] secs = run.metrics().finals().stream().filter(f -> f.engine() == e).mapToDouble(FinalEvent::trainSeconds).toArray();
            List<String> row = new ArrayList<>(List.of("{" + e.key() + "}" + divergedMark(e), accuracyCell(e),
                    Fmt.sig(es != null ? es.finalTrainLoss() : Fmt.mean(trainLoss)), Fmt.sig(Fmt.mean(testLoss)),
                    timeToTarget(es != null ? es.timeToTargetSeconds() : Fmt.mean(ttt), ttt),
                    Fmt.seconds(es != null ? es.trainSeconds() : Fmt.mean(secs))));
            if (floor) {
                row.add(es.meetsMinAccuracy() == null ? Fmt.NA : es.meetsMinAccuracy() ? "yes" : "**no**");
            }
            rows.add(row);
        }
        List<String> header = new ArrayList<>(List.of("Engine", "Test accuracy (%)", "Final train loss", "Test loss",
                "Time to target" + (Fmt.ok(target()) ? "\n~" + Fmt.pct(target()) + "~" : ""), "Train time"));
        if (floor) {
            header.add("Meets floor\n~≥ " + Fmt.pct(run.summary().minAccuracy()) + "~");
        }
        boolean[] num = new boolean[header.size()];
        java.util.Arrays.fill(num, 1, num.length, true);
        doc.add(new Block.Table(header, rows, num));
    }

    private static String timeToTarget(double mean, double[] perSeed) {
        if (perSeed.length > 0 && java.util.Arrays.stream(perSeed).allMatch(Double::isNaN)) {
            return "not reached";
        }
        long missed = java.util.Arrays.stream(perSeed).filter(Double::isNaN).count();
        return Fmt.seconds(mean) + (missed > 0 ? " ~(" + missed + " seed" + (missed > 1 ? "s" : "") + " missed)~" : "");
    }

    private void curves(Document doc) {
        if (run.metrics().steps().isEmpty() && run.metrics().epochs().isEmpty()) {
            return;
        }
        doc.heading(h + 1, "Training curves and parity", slug + "-curves");
        Summary s = run.summary();
        if (s != null) {
            doc.para((s.parity().sameInit() ? "Both engines started from the **same weights**. " : "The engines started from "
                    + "**their own initialisations**, so loss differences are not a parity measure. ")
                    + "Max |Δloss| **" + Fmt.sci(s.parity().maxAbsLossDiff()) + "**, max relative **"
                    + Fmt.sci(s.parity().maxRelLossDiff()) + "** over the first " + s.parity().stepsCompared() + " steps compared.");
        }
        List<Image> imgs = new ArrayList<>();
        if (!run.metrics().steps().isEmpty()) {
            List<Plots.Line> lines = new ArrayList<>();
            for (Engine e : ENGINES) {
                for (long seed : seeds) {
                    List<StepEvent> st = run.metrics().steps(e, seed);
                    lines.add(new Plots.Line(e, seed, st.stream().mapToDouble(StepEvent::step).toArray(),
                            st.stream().mapToDouble(StepEvent::loss).toArray()));
                }
            }
            imgs.add(Plots.lossPerStep(slug + "-loss-per-step.png", "Training loss per step", lines));
            Image diff = lossDiff();
            doc.add(new Block.Figure(diff == null ? imgs : List.of(imgs.get(0), diff), "Left: faint = each minibatch's loss, "
                    + "bold = moving mean; {david} solid, {dl4j} dashed on top (curves that coincide look like one interleaved "
                    + "line). " + (diff == null ? "" : "Right: |loss David − loss DL4J| at each step, log scale (bit-identical "
                    + "steps, difference 0, are not drawn).")));
            imgs = new ArrayList<>();
        }
        if (!run.metrics().epochs().isEmpty()) {
            List<Plots.Line> trainAcc = new ArrayList<>();
            List<Plots.Line> testAcc = new ArrayList<>();
            List<Plots.Line> trainLoss = new ArrayList<>();
            List<Plots.Line> testLoss = new ArrayList<>();
            for (Engine e : ENGINES) {
                for (long seed : seeds) {
                    List<EpochEvent> ep = run.metrics().epochs(e, seed);
                    double[] x = ep.stream().mapToDouble(EpochEvent::epoch).toArray();
                    trainAcc.add(new Plots.Line(e, seed, x, ep.stream().mapToDouble(EpochEvent::trainAccuracy).toArray()));
                    testAcc.add(new Plots.Line(e, seed, x, ep.stream().mapToDouble(EpochEvent::testAccuracy).toArray()));
                    trainLoss.add(new Plots.Line(e, seed, x, ep.stream().mapToDouble(EpochEvent::trainLoss).toArray()));
                    testLoss.add(new Plots.Line(e, seed, x, ep.stream().mapToDouble(EpochEvent::testLoss).toArray()));
                }
            }
            String of = seeds.size() > 1 ? " (mean of " + seeds.size() + " seeds)" : "";
            imgs.add(Plots.perEpoch(slug + "-accuracy-per-epoch.png", "Accuracy per epoch" + of, "accuracy", true, trainAcc, testAcc, false));
            imgs.add(Plots.perEpoch(slug + "-loss-per-epoch.png", "Loss per epoch" + of, "loss", false, trainLoss, testLoss, false));
        }
        if (!imgs.isEmpty()) {
            doc.add(new Block.Figure(imgs, "Evaluation at each epoch: test bold with markers, train thin dashed; "
                    + "{david} solid, {dl4j} dashed."));
        }
    }

    /** |Δloss| per step of the seeds both engines ran, or null when no step has both losses. */
    private Image lossDiff() {
        List<long[]> steps = new ArrayList<>();
        List<double[]> diffs = new ArrayList<>();
        List<Long> withDiff = new ArrayList<>();
        for (long seed : seeds) {
            Map<Integer, Double> dl = new HashMap<>();
            for (StepEvent e : run.metrics().steps(Engine.DL4J, seed)) {
                dl.put(e.step(), e.loss());
            }
            List<long[]> pairs = new ArrayList<>();
            List<Double> d = new ArrayList<>();
            for (StepEvent e : run.metrics().steps(Engine.DAVID, seed)) {
                Double o = dl.get(e.step());
                if (o != null && Double.isFinite(o) && Double.isFinite(e.loss())) {
                    pairs.add(new long[] {e.step()});
                    d.add(Math.abs(e.loss() - o));
                }
            }
            if (!d.isEmpty()) {
                steps.add(pairs.stream().mapToLong(p -> p[0]).toArray());
                diffs.add(d.stream().mapToDouble(Double::doubleValue).toArray());
                withDiff.add(seed);
            }
        }
        return withDiff.isEmpty() ? null
                : Plots.absDiffPerStep(slug + "-loss-diff.png", "|Δloss| per step, David vs DL4J", steps, diffs, withDiff);
    }

    private void speed(Document doc) {
        Summary s = run.summary();
        if (s == null && run.metrics().finals().isEmpty()) {
            return;
        }
        doc.heading(h + 1, "Speed and memory", slug + "-speed");
        List<List<String>> rows = new ArrayList<>();
        double[] eps = new double[2];
        for (Engine e : ENGINES) {
            EngineSummary es = s == null ? null : s.engine(e);
            List<FinalEvent> fs = run.metrics().finals().stream().filter(f -> f.engine() == e).toList();
            eps[e.ordinal()] = es != null ? es.examplesPerSecond() : Fmt.mean(fs.stream().mapToDouble(FinalEvent::examplesPerSecond).toArray());
            double secs = es != null ? es.trainSeconds() : Fmt.mean(fs.stream().mapToDouble(FinalEvent::trainSeconds).toArray());
            double heap = es != null ? es.peakHeapMb() : Fmt.mean(fs.stream().mapToDouble(FinalEvent::peakHeapMb).toArray());
            double rss = es != null ? es.peakRssMb() : Fmt.mean(fs.stream().mapToDouble(FinalEvent::peakRssMb).toArray());
            double[] warm = seeds.stream().map(seed -> run.metrics().warmup(e, seed)).filter(Optional::isPresent)
                    .mapToDouble(w -> w.get().seconds()).toArray();
            int warmSteps = seeds.stream().map(seed -> run.metrics().warmup(e, seed)).filter(Optional::isPresent)
                    .mapToInt(w -> w.get().warmupSteps()).findFirst().orElse(0);
            rows.add(List.of("{" + e.key() + "}", Fmt.count(eps[e.ordinal()]), Fmt.seconds(secs),
                    warm.length == 0 ? Fmt.NA : Fmt.seconds(Fmt.mean(warm)) + " ~(" + warmSteps + " steps)~",
                    Fmt.count(heap), Fmt.count(rss)));
        }
        // summary.json's ratio is authoritative: null means "not comparable" (full-batch minimisers count steps differently)
        double ratio = s != null ? s.speedRatio() : eps[0] / eps[1];
        rows.add(List.of("**David / DL4J**", Fmt.ok(ratio) ? "**" + Fmt.ratio(ratio) + "**" : "not comparable", "", "", "", ""));
        doc.add(new Block.Table(List.of("Engine", "Examples/s", "Train time", "JIT warm-up", "Peak heap (MB)", "Peak RSS (MB)"),
                rows, new boolean[] {false, true, true, true, true, true}));
        doc.para("Examples/s is steady-state training throughput (mean over seeds); warm-up time is reported apart. "
                + "A ratio above 1 means David is faster.");
    }

    private void classification(Document doc) {
        if (run.metrics().finals().isEmpty() || seeds.isEmpty()) {
            return;
        }
        long seed = seeds.get(0);
        Map<Engine, FinalEvent> fin = new EnumMap<>(Engine.class);
        for (Engine e : ENGINES) {
            run.metrics().fin(e, seed).ifPresent(f -> fin.put(e, f));
        }
        if (fin.isEmpty()) {
            return;
        }
        String seedNote = seeds.size() > 1 ? " (seed " + seed + ")" : "";
        doc.heading(h + 1, "Errors by class" + seedNote, slug + "-classes");
        List<Image> cms = new ArrayList<>();
        for (Map.Entry<Engine, FinalEvent> en : fin.entrySet()) {
            FinalEvent f = en.getValue();
            cms.add(Pictures.confusion(slug + "-confusion-" + en.getKey().key() + ".png",
                    en.getKey().label() + " — test accuracy " + Fmt.pct(f.testAccuracy()), en.getKey(), f.confusion(), f::className));
        }
        doc.figure("Confusion matrices on the test set: rows are the true class, columns the prediction; each cell shows "
                + "its count, shaded by its share of the row (square-root scale, so rare errors stay visible).",
                cms.toArray(Image[]::new));
        FinalEvent any = fin.values().iterator().next();
        int k = any.confusion().length;
        List<List<String>> rows = new ArrayList<>();
        for (int c = 0; c < k; c++) {
            List<String> row = new ArrayList<>();
            row.add(any.className(c));
            ClassMetrics first = null;
            for (Engine e : ENGINES) {
                ClassMetrics m = fin.containsKey(e) ? byClass(fin.get(e), c) : null;
                first = first == null ? m : first;
                row.add(m == null ? Fmt.NA : Fmt.fixed(m.precision(), 4));
                row.add(m == null ? Fmt.NA : Fmt.fixed(m.recall(), 4));
                row.add(m == null ? Fmt.NA : Fmt.fixed(m.f1(), 4));
            }
            ClassMetrics d = fin.containsKey(Engine.DAVID) ? byClass(fin.get(Engine.DAVID), c) : null;
            ClassMetrics g = fin.containsKey(Engine.DL4J) ? byClass(fin.get(Engine.DL4J), c) : null;
            row.add(d != null && g != null ? String.format(Locale.ROOT, "%+.4f", d.f1() - g.f1()) : Fmt.NA);
            row.add(first == null ? Fmt.NA : Fmt.count(first.support()));
            rows.add(row);
        }
        doc.add(new Block.Table(List.of("Class", "{david} precision", "{david} recall", "{david} F1", "{dl4j} precision",
                "{dl4j} recall", "{dl4j} F1", "ΔF1 (David − DL4J)", "Support"), rows,
                new boolean[] {false, true, true, true, true, true, true, true, true}));
        if (fin.values().stream().anyMatch(f -> f.binary() != null)) {
            List<List<String>> brows = new ArrayList<>();
            for (Map.Entry<Engine, FinalEvent> en : fin.entrySet()) {
                var b = en.getValue().binary();
                if (b != null) {
                    brows.add(List.of("{" + en.getKey().key() + "}", Fmt.fixed(b.accuracy(), 4), Fmt.fixed(b.precision(), 4),
                            Fmt.fixed(b.recall(), 4), Fmt.fixed(b.f1(), 4), Fmt.fixed(b.auc(), 4)));
                }
            }
            doc.add(new Block.Table(List.of("Engine", "Accuracy", "Precision", "Recall", "F1", "AUC"), brows,
                    new boolean[] {false, true, true, true, true, true}));
        }
    }

    private static ClassMetrics byClass(FinalEvent f, int c) {
        return f.perClass().stream().filter(m -> m.cls() == c).findFirst().orElse(null);
    }

    private void pictures(Document doc) {
        if (seeds.isEmpty()) {
            return;
        }
        long seed = seeds.get(0);
        String seedNote = seeds.size() > 1 ? " (seed " + seed + ")" : "";
        var art = run.artifacts();
        List<Image> digits = new ArrayList<>();
        for (Engine e : ENGINES) {
            art.misclassified(e, seed).ifPresent(m -> digits.add(Pictures.digits(slug + "-misclassified-" + e.key() + ".png",
                    e.label() + ": misclassified test images (true → predicted)", e, m, 36)));
        }
        if (!digits.isEmpty()) {
            doc.heading(h + 1, "Misclassified test digits" + seedNote, slug + "-misclassified");
            doc.figure("Up to 36 test images each engine got wrong; under each: the true label → the predicted label "
                    + "(in the engine's colour).", digits.toArray(Image[]::new));
        }
        Map<Engine, ConvKernels> kernels = new EnumMap<>(Engine.class);
        for (Engine e : ENGINES) {
            art.conv1(e, seed).ifPresent(k -> kernels.put(e, k));
        }
        if (!kernels.isEmpty()) {
            ConvKernels k = kernels.values().iterator().next();
            doc.heading(h + 1, "First-layer convolution kernels" + seedNote, slug + "-kernels");
            doc.figure("The " + k.filters() + " learned " + k.kh() + "×" + k.kw() + " filters of the first convolution"
                    + (k.channels() > 1 ? " (input channel 0 of " + k.channels() + ")" : "")
                    + ", one row per engine, on one symmetric colour scale (purple negative, green positive).",
                    Pictures.kernels(slug + "-conv1-kernels.png", "conv1 kernels after training", kernels));
        }
        var bd = art.boundary(Engine.DAVID, seed);
        var bg = art.boundary(Engine.DL4J, seed);
        if (bd.isPresent() || bg.isPresent()) {
            doc.heading(h + 1, "Decision boundary" + seedNote, slug + "-boundary");
            List<Image> imgs = new ArrayList<>();
            bd.ifPresent(b -> imgs.add(Pictures.boundary(slug + "-boundary-david.png", "David: P(class 1)", Engine.DAVID, b, bg.orElse(null))));
            bg.ifPresent(b -> imgs.add(Pictures.boundary(slug + "-boundary-dl4j.png", "DL4J: P(class 1)", Engine.DL4J, b, bd.orElse(null))));
            doc.figure("Predicted probability of class 1 over the input plane with the test points; the p = 0.5 line of the "
                    + "engine shown is thick, the other engine's thin, so the two boundaries can be compared.",
                    imgs.toArray(Image[]::new));
        }
    }

    private void provenance(Document doc) {
        JsonNode p = run.summary() != null ? run.summary().provenance() : run.info().provenance();
        doc.heading(h + 1, "Provenance", slug + "-provenance");
        doc.add(provenanceTable(p));
        try {
            doc.add(new Block.Code("Resolved configuration (run.json)",
                    new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(run.info().config())));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Provenance as a compact table, two key/value pairs per row; nested objects (datasets) flattened. */
    static Block.Table provenanceTable(JsonNode p) {
        List<String[]> pairs = new ArrayList<>();
        p.fields().forEachRemaining(en -> {
            JsonNode v = en.getValue();
            if (v.isObject()) {
                v.fields().forEachRemaining(sub -> pairs.add(new String[] {"`" + en.getKey() + "` " + sub.getKey(),
                        "`" + text(sub.getValue()) + "`"}));
            } else {
                pairs.add(new String[] {"`" + en.getKey() + "`", text(v)});
            }
        });
        List<List<String>> rows = new ArrayList<>();
        int half = (pairs.size() + 1) / 2;
        for (int i = 0; i < half; i++) {
            String[] l = pairs.get(i);
            String[] r = i + half < pairs.size() ? pairs.get(i + half) : new String[] {"", ""};
            rows.add(List.of(l[0], l[1], r[0], r[1]));
        }
        return new Block.Table(List.of("Key", "Value", "Key", "Value"), rows, new boolean[] {false, false, false, false});
    }

    private static String text(JsonNode v) {
        if (v.isArray()) {
            List<String> parts = new ArrayList<>();
            v.forEach(x -> parts.add(x.asText()));
            return String.join(", ", parts);
        }
        return v.isNull() ? Fmt.NA : v.asText();
    }
}
