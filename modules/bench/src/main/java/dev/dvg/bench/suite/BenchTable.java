package dev.dvg.bench.suite;

import dev.dvg.bench.kernels.ScalingProbe;
import dev.dvg.bench.suite.BenchResult.Measurement;
import dev.dvg.bench.suite.BenchResult.MemoryRow;
import dev.dvg.bench.suite.BenchResult.Ratio;
import dev.dvg.bench.suite.BenchResult.Target;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;

/** The plain-text tables {@code dvg bench} prints (also the body of bench.md, in code blocks). */
public final class BenchTable {

    private BenchTable() {
    }

    /** Every section that has rows, separated by blank lines. */
    public static String format(BenchResult r) {
        List<String> parts = new ArrayList<>();
        parts.add(train(r));
        parts.add(ratios(r));
        parts.add(inference(r));
        parts.add(kernels(r));
        parts.add(scaling(r));
        parts.add(memory(r));
        parts.add(targets(r));
        parts.removeIf(String::isEmpty);
        return String.join("\n\n", parts);
    }

    /** Training steps: one row per model, batch and threads. */
    public static String train(BenchResult r) {
        return perEngine(r, "train", "training step (examples/s)");
    }

    public static String inference(BenchResult r) {
        return perEngine(r, "inference", "inference (examples/s)");
    }

    static String perEngine(BenchResult r, String kind, String title) {
        List<String> lines = new ArrayList<>();
        for (Measurement d : r.measurements()) {
            if (!d.kind().equals(kind) || d.engine().equals("dl4j")) {
                continue;
            }
            Optional<Measurement> j = Targets.find(r.measurements().stream()
                    .filter(m -> m.batch() != null && m.batch().equals(d.batch())).toList(), kind, d.subject(), "dl4j",
                    d.threads());
            lines.add(row(d.subject(), d.batch(), d.threads(), d, j.orElse(null)));
        }
        for (Measurement j : r.measurements()) {
            boolean hasDavid = r.measurements().stream().anyMatch(m -> m.kind().equals(kind) && m.engine().equals("david")
                    && m.subject().equals(j.subject()) && m.batch().equals(j.batch()) && m.threads() == j.threads());
            if (j.kind().equals(kind) && j.engine().equals("dl4j") && !hasDavid) {
                lines.add(row(j.subject(), j.batch(), j.threads(), null, j));
            }
        }
        if (lines.isEmpty()) {
            return "";
        }
        String head = String.format(Locale.ROOT, "%-18s %6s %3s %14s %14s %8s   (%s)", "model", "batch", "thr",
                "David", "DL4J", "ratio", title);
        return head + "\n" + String.join("\n", lines);
    }

    static String row(String model, String batch, int threads, Measurement d, Measurement j) {
        return String.format(Locale.ROOT, "%-18s %6s %3d %14s %14s %8s", model, batch, threads,
                d == null ? "-" : num(d.value(), d.valueError()), j == null ? "-" : num(j.value(), j.valueError()),
                d == null || j == null || j.value() <= 0 ? "-" : String.format(Locale.ROOT, "%.2f", d.value() / j.value()));
    }

    /** Each engine at its best thread count. */
    public static String ratios(BenchResult r) {
        if (r.trainRatios().isEmpty()) {
            return "";
        }
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "%-18s %6s %14s %4s %14s %4s %8s   (training, best thread count)",
                "model", "batch", "David ex/s", "thr", "DL4J ex/s", "thr", "ratio"));
        for (Ratio x : r.trainRatios()) {
            lines.add(String.format(Locale.ROOT, "%-18s %6s %14s %4s %14s %4s %8s", x.model(), x.batch(),
                    x.davidExamplesPerS() == null ? "-" : num(x.davidExamplesPerS(), null),
                    x.davidThreads() == null ? "-" : x.davidThreads(),
                    x.dl4jExamplesPerS() == null ? "-" : num(x.dl4jExamplesPerS(), null),
                    x.dl4jThreads() == null ? "-" : x.dl4jThreads(),
                    x.ratio() == null ? "-" : String.format(Locale.ROOT, "%.2f", x.ratio())));
        }
        return String.join("\n", lines);
    }

    /** GEMM and conv GFLOP/s with % of the measured peak, and the peak itself. */
    public static String kernels(BenchResult r) {
        List<String> lines = new ArrayList<>();
        for (Measurement m : r.measurements()) {
            if (m.kind().equals("peak")) {
                lines.add(String.format(Locale.ROOT, "%-22s %3d %16s %16s", "fma peak", m.threads(),
                        num(m.value(), m.valueError()), ""));
            }
        }
        TreeSet<String> keys = new TreeSet<>();
        for (Measurement m : r.measurements()) {
            if (m.kind().equals("gemm") || m.kind().equals("conv")) {
                keys.add(m.kind() + " " + m.subject() + "\u0000" + m.threads());
            }
        }
        for (String key : keys) {
            String[] k = key.split("\u0000");
            int t = Integer.parseInt(k[1]);
            String kind = k[0].substring(0, 4);
            String subject = k[0].substring(5);
            Optional<Measurement> d = Targets.find(r.measurements(), kind, subject, "david", t);
            Optional<Measurement> o = Targets.find(r.measurements(), kind, subject, kind.equals("gemm") ? "nd4j" : "dl4j", t);
            lines.add(String.format(Locale.ROOT, "%-22s %3d %16s %16s %8s", k[0], t, d.map(BenchTable::withPct).orElse("-"),
                    o.map(BenchTable::withPct).orElse("-"), d.isPresent() && o.isPresent() && o.get().value() > 0
                            ? String.format(Locale.ROOT, "%.2f", d.get().value() / o.get().value()) : "-"));
        }
        if (lines.isEmpty()) {
            return "";
        }
        return String.format(Locale.ROOT, "%-22s %3s %16s %16s %8s   (GFLOP/s, %% of measured peak)", "kernel", "thr",
                "David", "ND4J/DL4J", "ratio") + "\n" + String.join("\n", lines);
    }

    /**
     * 2-thread scaling in paired rounds (one JVM) per subject, next to the quotient of the JMH figures
     * of the 1- and 2-thread child JVMs when both were measured.
     */
    public static String scaling(BenchResult r) {
        if (r.scaling().isEmpty()) {
            return "";
        }
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "%-22s %6s %9s %9s %7s %11s %7s   (2 threads / 1 thread: median of paired "
                + "rounds in one JVM; JMH: separate JVMs)", "subject", "rounds", "1t GF/s", "2t GF/s", "ratio", "range",
                "JMH"));
        for (ScalingProbe.Row x : r.scaling()) {
            String kind = x.subject().equals("fma") ? "peak" : "gemm";
            String engine = x.subject().equals("fma") ? "java" : "david";
            Optional<Measurement> one = Targets.find(r.measurements(), kind, x.subject(), engine, 1);
            Optional<Measurement> two = Targets.find(r.measurements(), kind, x.subject(), engine, 2);
            String jmh = one.isPresent() && two.isPresent() && one.get().value() > 0
                    ? String.format(Locale.ROOT, "%.2f", two.get().value() / one.get().value()) : "-";
            lines.add(String.format(Locale.ROOT, "%-22s %6d %9s %9s %7.2f %11s %7s", x.subject(), x.rounds(),
                    sig(x.oneGflops()), sig(x.twoGflops()), x.ratio(),
                    String.format(Locale.ROOT, "%.2f–%.2f", x.ratioMin(), x.ratioMax()), jmh));
        }
        return String.join("\n", lines);
    }

    static String withPct(Measurement m) {
        return m.pctOfPeak() == null ? num(m.value(), null)
                : String.format(Locale.ROOT, "%s (%2.0f%%)", num(m.value(), null), m.pctOfPeak());
    }

    public static String memory(BenchResult r) {
        if (r.memory().isEmpty()) {
            return "";
        }
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "%-18s %6s %-6s %10s %10s %10s %12s   (memory, MB, one JVM each)",
                "model", "batch", "engine", "live heap", "peak heap", "peak RSS", "off-heap"));
        for (MemoryRow m : r.memory()) {
            lines.add(String.format(Locale.ROOT, "%-18s %6s %-6s %10s %10s %10s %12s", m.model(), m.batch(), m.engine(),
                    mb(m.liveHeapMb()), mb(m.peakHeapMb()), mb(m.peakRssMb()), mb(m.offheapPhysicalMb())));
        }
        return String.join("\n", lines);
    }

    public static String targets(BenchResult r) {
        if (r.targets().isEmpty()) {
            return "";
        }
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "%-24s %10s %4s %9s  %-12s %s", "target", "value", "op", "threshold",
                "status", "detail"));
        for (Target t : r.targets()) {
            lines.add(String.format(Locale.ROOT, "%-24s %10s %4s %9s  %-12s %s", t.id(),
                    t.value() == null ? "-" : String.format(Locale.ROOT, "%.2f", t.value()), t.op(),
                    String.format(Locale.ROOT, "%.4g", t.threshold()), t.status(), t.detail()));
        }
        return String.join("\n", lines);
    }

    static String mb(Double v) {
        return v == null || v < 0 ? "-" : String.format(Locale.ROOT, "%.0f", v);
    }

    /** A value with ±error, 3 significant digits. */
    static String num(double v, Double err) {
        String s = sig(v);
        return err == null ? s : s + "±" + sig(err);
    }

    static String sig(double v) {
        double a = Math.abs(v);
        if (a >= 100) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        if (a >= 10) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        return String.format(Locale.ROOT, "%.2f", v);
    }
}
