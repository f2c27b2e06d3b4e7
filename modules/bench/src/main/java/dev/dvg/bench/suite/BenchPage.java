package dev.dvg.bench.suite;

import dev.dvg.bench.suite.BenchResult.Measurement;
import dev.dvg.bench.suite.BenchResult.MemoryRow;
import dev.dvg.bench.suite.BenchResult.Ratio;
import dev.dvg.bench.suite.BenchResult.Target;
import dev.dvg.runner.ResultFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * bench.md and a self-contained bench.html (inline SVG bar charts, no scripts or images): training
 * examples/s per model and batch for each engine at its best thread count with the ratio, kernel
 * GFLOP/s with % of the measured peak, peak memory, and the targets. The SVGs are also written as
 * files next to bench.md, which links them.
 */
public final class BenchPage {

    private BenchPage() {
    }

    /** Chart file name → SVG. */
    public static Map<String, String> charts(BenchResult r) {
        Map<String, String> out = new LinkedHashMap<>();
        if (!r.trainRatios().isEmpty()) {
            List<String> labels = new ArrayList<>();
            List<String> notes = new ArrayList<>();
            double[][] v = new double[r.trainRatios().size()][];
            int i = 0;
            for (Ratio x : r.trainRatios()) {
                labels.add(x.model() + " " + x.batch());
                notes.add(x.ratio() == null ? "" : String.format(Locale.ROOT, "×%.1f", x.ratio()));
                v[i++] = new double[] {nz(x.davidExamplesPerS()), nz(x.dl4jExamplesPerS())};
            }
            out.put("bench-train.svg", SvgBars.chart("Training step: examples/s (each engine at its best thread count; "
                    + "note: David/DL4J)", "examples/s", labels, List.of("David", "DL4J"), v, notes, true));
        }
        infer(r).ifPresent(s -> out.put("bench-inference.svg", s));
        kernels(r).ifPresent(s -> out.put("bench-kernels.svg", s));
        if (!r.memory().isEmpty()) {
            List<String> labels = new ArrayList<>();
            List<double[]> v = new ArrayList<>();
            for (MemoryRow m : r.memory()) {
                if (m.engine().equals("david")) {
                    Optional<MemoryRow> d = r.memory().stream().filter(x -> x.engine().equals("dl4j")
                            && x.model().equals(m.model()) && x.batch().equals(m.batch())).findFirst();
                    labels.add(m.model() + " " + m.batch());
                    v.add(new double[] {nz(m.peakRssMb()), d.map(x -> nz(x.peakRssMb())).orElse(Double.NaN)});
                }
            }
            out.put("bench-memory.svg", SvgBars.chart("Peak RSS while training (MB, one JVM per model and engine)",
                    "MB", labels, List.of("David", "DL4J"), v.toArray(double[][]::new), null, false));
        }
        return out;
    }

    static Optional<String> infer(BenchResult r) {
        List<String> labels = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        List<double[]> v = new ArrayList<>();
        TreeSet<String> rows = new TreeSet<>();
        for (Measurement m : r.measurements()) {
            if (m.kind().equals("inference")) {
                rows.add(m.subject() + "\u0000" + m.batch());
            }
        }
        for (String row : rows) {
            String[] k = row.split("\u0000");
            double d = bestValue(r, "inference", k[0], k[1], "david");
            double j = bestValue(r, "inference", k[0], k[1], "dl4j");
            labels.add(k[0] + " " + k[1]);
            notes.add(d > 0 && j > 0 ? String.format(Locale.ROOT, "×%.1f", d / j) : "");
            v.add(new double[] {d, j});
        }
        return labels.isEmpty() ? Optional.empty() : Optional.of(SvgBars.chart("Inference: examples/s (best thread "
                + "count; note: David/DL4J)", "examples/s", labels, List.of("David", "DL4J"), v.toArray(double[][]::new),
                notes, true));
    }

    static double bestValue(BenchResult r, String kind, String subject, String batch, String engine) {
        return r.measurements().stream().filter(m -> m.kind().equals(kind) && m.subject().equals(subject)
                && batch.equals(m.batch()) && m.engine().equals(engine)).mapToDouble(Measurement::value).max()
                .orElse(Double.NaN);
    }

    static Optional<String> kernels(BenchResult r) {
        List<String> labels = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        List<double[]> v = new ArrayList<>();
        for (Measurement d : r.measurements()) {
            if ((d.kind().equals("gemm") || d.kind().equals("conv")) && d.engine().equals("david")) {
                Optional<Measurement> o = Targets.find(r.measurements(), d.kind(), d.subject(),
                        d.kind().equals("gemm") ? "nd4j" : "dl4j", d.threads());
                Optional<Measurement> p = Targets.find(r.measurements(), "peak", "fma", "java", d.threads());
                labels.add(d.kind() + " " + d.subject() + " t" + d.threads());
                notes.add(d.pctOfPeak() == null ? "" : String.format(Locale.ROOT, "%.0f%% pk", d.pctOfPeak()));
                v.add(new double[] {d.value(), o.map(Measurement::value).orElse(Double.NaN),
                        p.map(Measurement::value).orElse(Double.NaN)});
            }
        }
        return labels.isEmpty() ? Optional.empty() : Optional.of(SvgBars.chart("Kernels: GFLOP/s (note: David as % of "
                + "the measured FMA peak)", "GFLOP/s", labels, List.of("David", "ND4J/DL4J", "FMA peak"),
                v.toArray(double[][]::new), notes, false));
    }

    static double nz(Double v) {
        return v == null ? Double.NaN : v;
    }

    public static String markdown(BenchResult r, Map<String, String> charts) {
        StringBuilder s = new StringBuilder();
        s.append("# dvg bench ").append(r.runId()).append(r.quick() ? " (quick)" : "").append("\n\n");
        s.append(intro(r)).append("\n\n## Targets\n\n| target | value | threshold | status | detail |\n|---|---|---|---|---|\n");
        for (Target t : r.targets()) {
            s.append(String.format(Locale.ROOT, "| %s — %s | %s | %s %.4g | **%s** | %s |%n", t.id(), t.what(),
                    t.value() == null ? "—" : String.format(Locale.ROOT, "%.3g", t.value()), t.op(), t.threshold(),
                    t.status(), t.detail()));
        }
        for (String name : charts.keySet()) {
            s.append("\n![").append(name).append("](").append(name).append(")\n");
        }
        s.append("\n## Tables\n\n```\n").append(BenchTable.format(r)).append("\n```\n");
        if (!r.failures().isEmpty()) {
            s.append("\n## Failures\n\n");
            r.failures().forEach(f -> s.append("- ").append(f).append('\n'));
        }
        return s.toString();
    }

    public static String html(BenchResult r, Map<String, String> charts) {
        StringBuilder s = new StringBuilder();
        s.append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>dvg bench ")
                .append(SvgBars.esc(r.runId())).append("</title><style>body{font-family:sans-serif;max-width:760px;"
                + "margin:1em auto;color:#1d2125}table{border-collapse:collapse;font-size:13px}td,th{border:1px solid "
                + "#ccc;padding:2px 6px;text-align:left}pre{font-size:11px;overflow-x:auto}.met{color:#1a7f37}"
                + ".not{color:#b42318}</style></head><body>\n");
        s.append("<h1>dvg bench ").append(SvgBars.esc(r.runId())).append(r.quick() ? " (quick)" : "").append("</h1>\n<p>")
                .append(SvgBars.esc(intro(r))).append("</p>\n<h2>Targets</h2>\n<table><tr><th>target</th><th>value</th>"
                + "<th>threshold</th><th>status</th><th>detail</th></tr>\n");
        for (Target t : r.targets()) {
            s.append(String.format(Locale.ROOT, "<tr><td>%s</td><td>%s</td><td>%s %.4g</td><td class=\"%s\">%s</td>"
                    + "<td>%s</td></tr>%n", SvgBars.esc(t.what()), t.value() == null ? "—"
                    : String.format(Locale.ROOT, "%.3g", t.value()), SvgBars.esc(t.op()), t.threshold(),
                    t.status().equals(Targets.MET) ? "met" : "not", t.status(), SvgBars.esc(t.detail())));
        }
        s.append("</table>\n");
        for (String svg : charts.values()) {
            s.append("<figure>").append(svg).append("</figure>\n");
        }
        s.append("<h2>Tables</h2>\n<pre>").append(SvgBars.esc(BenchTable.format(r))).append("</pre>\n");
        if (!r.failures().isEmpty()) {
            s.append("<h2>Failures</h2><ul>");
            r.failures().forEach(f -> s.append("<li>").append(SvgBars.esc(f)).append("</li>"));
            s.append("</ul>");
        }
        s.append("<p>Every number with its JMH error, the settings and the provenance: bench.json.</p></body></html>\n");
        return s.toString();
    }

    static String intro(BenchResult r) {
        Object cpu = r.provenance().get("cpu_model");
        return "Machine: " + cpu + ", " + r.provenance().get("cores") + " cores, JDK " + r.provenance().get("jdk")
                + ", git " + r.provenance().get("git_commit") + ". Training on each model's own training set in batches of N, inference on its first N examples; each engine's ratio at its "
                + "best measured thread count." + (r.quick() ? " Quick run: a subset with short iterations." : "");
    }

    /** Writes bench.md, bench.html and the SVGs into {@code dir} (atomically, each). */
    public static void write(BenchResult r, Path dir) throws IOException {
        Map<String, String> charts = charts(r);
        for (Map.Entry<String, String> c : charts.entrySet()) {
            ResultFiles.writeText(dir.resolve(c.getKey()), c.getValue());
        }
        ResultFiles.writeText(dir.resolve("bench.md"), markdown(r, charts));
        ResultFiles.writeText(dir.resolve("bench.html"), html(r, charts));
    }
}
