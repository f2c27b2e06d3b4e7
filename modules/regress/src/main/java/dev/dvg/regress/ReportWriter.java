package dev.dvg.regress;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Locale;

/** Writes a {@link Report} as regress.json (machine-readable), regress.md and a console table. */
public final class ReportWriter {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ReportWriter() {
    }

    /** Writes {@code <outDir>/regress.json} and {@code <outDir>/regress.md} atomically; returns the JSON path. */
    public static Path write(Report r) throws IOException {
        Path json = r.outDir().resolve("regress.json");
        BaselineStore.writeAtomically(json, JSON.writeValueAsString(toJson(r)) + "\n");
        BaselineStore.writeAtomically(r.outDir().resolve("regress.md"), markdown(r));
        return json;
    }

    static ObjectNode toJson(Report r) {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", 1);
        root.put("mode", r.mode());
        root.put("budget", r.budget());
        root.put("outcome", r.outcome());
        root.put("started", r.started());
        root.put("finished", r.finished());
        root.put("baselines", r.baselines().toString());
        root.put("out_dir", r.outDir().toString());
        root.put("dl4j_version", r.dl4jVersion());
        root.put("git_commit", r.gitCommit());
        ArrayNode exps = root.putArray("experiments");
        for (ExperimentResult e : r.results()) {
            ObjectNode en = exps.addObject();
            en.put("experiment", e.experiment());
            en.put("verdict", e.verdict().label());
            en.put("run_dir", e.runDir() == null ? null : e.runDir().toString());
            en.put("message", e.message());
            ArrayNode cc = en.putArray("config_changes");
            e.configChanges().forEach(cc::add);
            ArrayNode rows = en.putArray("checks");
            for (Check c : e.checks()) {
                ObjectNode cn = rows.addObject();
                cn.put("engine", c.engine());
                cn.put("check", c.check());
                cn.put("baseline", c.baseline());
                cn.put("now", c.now());
                cn.put("delta", c.delta());
                cn.put("tolerance", c.tolerance());
                cn.put("verdict", c.verdict().label());
                cn.put("note", c.note());
            }
        }
        return root;
    }

    /** The Markdown summary: outcome, then a table per experiment. */
    public static String markdown(Report r) {
        StringWriter sw = new StringWriter();
        PrintWriter out = new PrintWriter(sw);
        out.printf(Locale.ROOT, "# Accuracy regression gate: %s%n%n", r.outcome().toUpperCase(Locale.ROOT));
        out.printf(Locale.ROOT, "- budget: `%s`, mode: %s, %s … %s%n", r.budget(), r.mode(), r.started(), r.finished());
        out.printf(Locale.ROOT, "- DL4J %s, git %s%n", nz(r.dl4jVersion()), nz(r.gitCommit()));
        out.printf(Locale.ROOT, "- baselines: `%s`%n%n", r.baselines());
        out.println("Tolerance = max(3·sd over the baseline's seeds, a float32 floor); \"worse\" means lower accuracy or "
                + "higher loss. Exit code 0 = all hold, 1 = a regression, 2 = an error.");
        out.println();
        for (ExperimentResult e : r.results()) {
            out.printf(Locale.ROOT, "## %s — %s%n%n", e.experiment(), e.verdict().label());
            if (!e.message().isEmpty()) {
                out.println(e.message());
                out.println();
            }
            if (!e.checks().isEmpty()) {
                out.println("| engine | metric | baseline | now | delta | tolerance | verdict | note |");
                out.println("|---|---|---:|---:|---:|---:|---|---|");
                for (Check c : e.checks()) {
                    out.printf(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s | %s |%n", c.engine(), c.check(),
                            num(c.baseline()), num(c.now()), signed(c.delta()), num(c.tolerance()),
                            c.verdict() == Verdict.REGRESSED ? "**REGRESSED**" : c.verdict().label(), c.note());
                }
                out.println();
            }
            if (!e.configChanges().isEmpty()) {
                out.println("Config changes since the baseline:");
                out.println();
                e.configChanges().forEach(c -> out.println("- `" + c + "`"));
                out.println();
            }
            if (e.runDir() != null) {
                out.println("Run: `" + e.runDir() + "`");
                out.println();
            }
        }
        out.flush();
        return sw.toString();
    }

    /** A plain-text table for the terminal. */
    public static void console(Report r, PrintWriter out) {
        out.printf(Locale.ROOT, "%-18s %-6s %-16s %10s %10s %11s %10s  %s%n", "experiment", "engine", "metric",
                "baseline", "now", "delta", "tolerance", "verdict");
        for (ExperimentResult e : r.results()) {
            if (e.checks().isEmpty()) {
                out.printf(Locale.ROOT, "%-18s %-6s %-16s %10s %10s %11s %10s  %s%n", e.experiment(), "-", "-", "-", "-",
                        "-", "-", e.verdict().label().toUpperCase(Locale.ROOT) + ": " + e.message());
                continue;
            }
            for (Check c : e.checks()) {
                out.printf(Locale.ROOT, "%-18s %-6s %-16s %10s %10s %11s %10s  %s%s%n", e.experiment(), c.engine(),
                        c.check(), num(c.baseline()), num(c.now()), signed(c.delta()), num(c.tolerance()),
                        c.verdict() == Verdict.OK ? "ok" : c.verdict().label().toUpperCase(Locale.ROOT),
                        c.note().isEmpty() ? "" : "  (" + c.note() + ")");
            }
            for (String change : e.configChanges()) {
                out.printf(Locale.ROOT, "%-18s   config changed: %s%n", e.experiment(), change);
            }
        }
        out.flush();
    }

    private static String nz(String s) {
        return s == null ? "-" : s;
    }

    static String num(Double v) {
        if (v == null) {
            return "-";
        }
        double a = Math.abs(v);
        return a != 0 && (a < 1e-3 || a >= 1e5) ? String.format(Locale.ROOT, "%.3e", v) : String.format(Locale.ROOT, "%.5f", v);
    }

    static String signed(Double v) {
        if (v == null) {
            return "-";
        }
        double a = Math.abs(v);
        return a != 0 && (a < 1e-3 || a >= 1e5) ? String.format(Locale.ROOT, "%+.3e", v) : String.format(Locale.ROOT, "%+.5f", v);
    }
}
