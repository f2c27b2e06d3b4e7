package dev.dvg.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dvg.report.chart.Pictures;
import dev.dvg.report.chart.Plots;
import dev.dvg.report.doc.Block;
import dev.dvg.report.doc.Document;
import dev.dvg.report.doc.Image;
import dev.dvg.report.read.Candidate;
import dev.dvg.report.read.SweepResults;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A sweep: best configuration per engine, every candidate ranked per engine, do the engines agree
 * (score scatter and rank correlation), score against each hyper-parameter (heat map for 2-D grids),
 * and time per candidate.
 */
final class SweepReport {
    private final SweepResults sweep;
    private final String slug;
    private final int h;
    private final List<String> params;
    /** candidate id → engine → line. */
    private final TreeMap<Integer, Map<Engine, Candidate>> byId = new TreeMap<>();
    private final boolean percent;
    /** Numeric hyper-parameters with at most this many values are drawn as evenly spaced levels. */
    private static final int MAX_LEVELS = 10;

    SweepReport(SweepResults sweep, String slug, int level) {
        this.sweep = sweep;
        this.slug = slug;
        this.h = level;
        LinkedHashSet<String> p = new LinkedHashSet<>();
        for (Candidate c : sweep.candidates()) {
            p.addAll(c.values().keySet());
            byId.computeIfAbsent(c.candidate(), k -> new EnumMap<>(Engine.class)).put(c.engine(), c);
        }
        this.params = List.copyOf(p);
        this.percent = sweep.scoreName().contains("accuracy");
    }

    private String score(double v) {
        return percent ? Fmt.pct(v) : Fmt.sig(v);
    }

    private Comparator<Candidate> better() {
        Comparator<Candidate> c = Comparator.comparingDouble(Candidate::score);
        return sweep.maximize() ? c.reversed() : c;
    }

    /** Ranks (1 = best) of each ok candidate for one engine. */
    private Map<Integer, Integer> ranks(Engine e) {
        List<Candidate> ok = sweep.candidates().stream().filter(c -> c.engine() == e && c.ok()).sorted(better()).toList();
        Map<Integer, Integer> r = new LinkedHashMap<>();
        for (int i = 0; i < ok.size(); i++) {
            r.put(ok.get(i).candidate(), i + 1);
        }
        return r;
    }

    void write(Document doc, boolean standalone) {
        if (!standalone) {
            doc.heading(h, "Sweep " + sweep.sweep(), slug);
        }
        long failed = sweep.candidates().stream().filter(c -> !c.ok()).count();
        doc.para("Run `" + sweep.runId() + "` · budget **" + sweep.budget() + "** · status **" + sweep.status() + "** · "
                + byId.size() + " candidates × 2 engines · score **" + sweep.scoreName() + "** ("
                + (sweep.maximize() ? "higher is better" : "lower is better") + ")"
                + (failed > 0 ? " · **" + failed + " failed or diverged**" : ""));
        if (!"complete".equals(sweep.status())) {
            doc.note("This sweep is **" + sweep.status() + "**: only the candidates finished so far are shown.");
        }
        best(doc);
        agreement(doc);
        ranking(doc);
        perParam(doc);
        time(doc);
        doc.heading(h + 1, "Provenance", slug + "-provenance");
        doc.add(RunReport.provenanceTable(sweep.provenance()));
        try {
            doc.add(new Block.Code("Sweep definition (sweep.json)",
                    new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(sweep.definition())));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private void best(Document doc) {
        doc.heading(h + 1, "Best configuration per engine", slug + "-best");
        List<String> header = new ArrayList<>(List.of("Engine", "Candidate", sweep.scoreName(), "Other engine's score there"));
        header.addAll(params);
        header.add("Time");
        List<List<String>> rows = new ArrayList<>();
        for (Engine e : Engine.values()) {
            Candidate b = sweep.candidates().stream().filter(c -> c.engine() == e && c.ok()).sorted(better()).findFirst().orElse(null);
            if (b == null) {
                continue;
            }
            Candidate o = byId.get(b.candidate()).get(e.other());
            List<String> row = new ArrayList<>(List.of("{" + e.key() + "}", "#" + b.candidate(), "**" + score(b.score()) + "**",
                    o == null || !o.ok() ? Fmt.NA : score(o.score()) + " ~({" + e.other().key() + "} rank " + ranks(e.other()).get(o.candidate()) + ")~"));
            for (String p : params) {
                row.add(value(b.values().get(p)));
            }
            row.add(Fmt.seconds(b.seconds()));
            rows.add(row);
        }
        boolean[] num = new boolean[header.size()];
        num[2] = true;
        num[3] = true;
        num[header.size() - 1] = true;
        doc.add(new Block.Table(header, rows, num));
    }

    private void agreement(Document doc) {
        List<Integer> ids = new ArrayList<>();
        for (var en : byId.entrySet()) {
            Candidate d = en.getValue().get(Engine.DAVID);
            Candidate g = en.getValue().get(Engine.DL4J);
            if (d != null && g != null && d.ok() && g.ok()) {
                ids.add(en.getKey());
            }
        }
        double[] ds = ids.stream().mapToDouble(i -> byId.get(i).get(Engine.DAVID).score()).toArray();
        double[] gs = ids.stream().mapToDouble(i -> byId.get(i).get(Engine.DL4J).score()).toArray();
        doc.heading(h + 1, "Do the engines agree?", slug + "-agreement");
        if (ids.size() >= 3) {
            doc.para(String.format(Locale.ROOT, "Spearman rank correlation of the two engines' scores over %d candidates: **%.3f** "
                    + "(1 = both engines order the hyper-parameters identically).", ids.size(), spearman(ds, gs)));
        }
        List<Image> imgs = new ArrayList<>();
        imgs.add(Plots.scoreScatter(slug + "-score-scatter.png", "Score per candidate: David vs DL4J", sweep.scoreName(), ds, gs, percent));
        doc.add(new Block.Figure(imgs, "One point per candidate; points on the dashed diagonal scored the same in both engines."));
    }

    static double spearman(double[] a, double[] b) {
        double[] ra = rank(a);
        double[] rb = rank(b);
        double ma = Fmt.mean(ra);
        double mb = Fmt.mean(rb);
        double num = 0;
        double da = 0;
        double db = 0;
        for (int i = 0; i < ra.length; i++) {
            num += (ra[i] - ma) * (rb[i] - mb);
            da += (ra[i] - ma) * (ra[i] - ma);
            db += (rb[i] - mb) * (rb[i] - mb);
        }
        return da == 0 || db == 0 ? Double.NaN : num / Math.sqrt(da * db);
    }

    /** Average ranks (ties share the mean rank). */
    private static double[] rank(double[] v) {
        Integer[] idx = new Integer[v.length];
        for (int i = 0; i < v.length; i++) {
            idx[i] = i;
        }
        java.util.Arrays.sort(idx, Comparator.comparingDouble(i -> v[i]));
        double[] r = new double[v.length];
        int i = 0;
        while (i < v.length) {
            int j = i;
            while (j + 1 < v.length && v[idx[j + 1]] == v[idx[i]]) {
                j++;
            }
            for (int k = i; k <= j; k++) {
                r[idx[k]] = (i + j) / 2.0 + 1;
            }
            i = j + 1;
        }
        return r;
    }

    private void ranking(Document doc) {
        doc.heading(h + 1, "All candidates, ranked", slug + "-ranking");
        Map<Integer, Integer> rd = ranks(Engine.DAVID);
        Map<Integer, Integer> rg = ranks(Engine.DL4J);
        List<Integer> order = new ArrayList<>(byId.keySet());
        order.sort(Comparator.comparingInt((Integer i) -> rd.getOrDefault(i, Integer.MAX_VALUE))
                .thenComparingInt(i -> rg.getOrDefault(i, Integer.MAX_VALUE)).thenComparingInt(i -> i));
        List<String> header = new ArrayList<>(List.of("Candidate"));
        header.addAll(params);
        header.addAll(List.of("{david} " + sweep.scoreName(), "{david} rank", "{dl4j} " + sweep.scoreName(), "{dl4j} rank",
                "{david} time", "{dl4j} time"));
        List<List<String>> rows = new ArrayList<>();
        for (int id : order) {
            Map<Engine, Candidate> m = byId.get(id);
            Candidate any = m.values().iterator().next();
            List<String> row = new ArrayList<>();
            row.add("#" + id);
            for (String p : params) {
                row.add(value(any.values().get(p)));
            }
            for (Engine e : Engine.values()) {
                Candidate c = m.get(e);
                Map<Integer, Integer> r = e == Engine.DAVID ? rd : rg;
                row.add(c == null ? Fmt.NA : c.ok() ? score(c.score()) : "**" + c.status() + "**"
                        + (c.error() != null ? "\n~" + abbreviate(c.error()) + "~" : ""));
                row.add(r.containsKey(id) ? Integer.toString(r.get(id)) : Fmt.NA);
            }
            for (Engine e : Engine.values()) {
                Candidate c = m.get(e);
                row.add(c == null ? Fmt.NA : Fmt.seconds(c.seconds()));
            }
            rows.add(row);
        }
        boolean[] num = new boolean[header.size()];
        for (int i = 1 + params.size(); i < num.length; i++) {
            num[i] = true;
        }
        doc.add(new Block.Table(header, rows, num));
        doc.para("Sorted by David's rank, then DL4J's. Rank 1 is the best score of that engine.");
    }

    private static String abbreviate(String s) {
        String one = s.replace('\n', ' ');
        return one.length() > 80 ? one.substring(0, 77) + "…" : one;
    }

    private static String value(Object v) {
        if (v == null) {
            return Fmt.NA;
        }
        if (v instanceof Double d) {
            return d == Math.rint(d) && Math.abs(d) < 1e9 ? String.format(Locale.ROOT, "%.0f", d) : Fmt.sig(d);
        }
        return v.toString();
    }

    private boolean numeric(String p) {
        return sweep.candidates().stream().allMatch(c -> c.values().get(p) == null || c.values().get(p) instanceof Double);
    }

    private void perParam(Document doc) {
        if (params.isEmpty()) {
            return;
        }
        doc.heading(h + 1, "Score against each hyper-parameter", slug + "-params");
        List<Image> imgs = new ArrayList<>();
        for (String p : params) {
            double[][] x = new double[2][];
            double[][] y = new double[2][];
            List<String> cats = null;
            boolean logX = false;
            List<Object> distinct = distinct(p);
            if (numeric(p) && distinct.size() > MAX_LEVELS) {
                double lo = sweep.candidates().stream().mapToDouble(c -> num(c.values().get(p))).filter(Double::isFinite).min().orElse(1);
                double hi = sweep.candidates().stream().mapToDouble(c -> num(c.values().get(p))).filter(Double::isFinite).max().orElse(1);
                logX = lo > 0 && hi / lo >= 20;
            } else {
                // a grid's few levels: one evenly spaced, labelled tick per value (in value order)
                cats = distinct.stream().map(SweepReport::value).toList();
            }
            for (Engine e : Engine.values()) {
                List<Candidate> cs = sweep.candidates().stream().filter(c -> c.engine() == e).toList();
                final List<String> fc = cats;
                x[e.ordinal()] = cs.stream().mapToDouble(c -> fc == null ? num(c.values().get(p)) : fc.indexOf(value(c.values().get(p)))).toArray();
                y[e.ordinal()] = cs.stream().mapToDouble(c -> c.ok() ? c.score() : Double.NaN).toArray();
            }
            imgs.add(Plots.scoreVsParam(slug + "-score-vs-" + Fmt.slug(p) + ".png", sweep.scoreName() + " vs " + p, p,
                    sweep.scoreName(), x, y, logX, cats, percent));
        }
        doc.add(new Block.Figure(imgs, "Each candidate's score against one hyper-parameter, both engines (other hyper-parameters vary too)."));
        if (params.size() == 2) {
            grid(doc);
        }
    }

    private static double num(Object v) {
        return v instanceof Double d ? d : Double.NaN;
    }

    /** Heat maps when the candidates form a full 2-D grid. */
    private void grid(Document doc) {
        String pc = params.get(0);
        String pr = params.get(1);
        List<Object> cols = distinct(pc);
        List<Object> rowsV = distinct(pr);
        if (cols.size() < 2 || rowsV.size() < 2 || cols.size() * rowsV.size() > 400) {
            return;
        }
        Map<Engine, double[][]> grids = new EnumMap<>(Engine.class);
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (Engine e : Engine.values()) {
            double[][] g = new double[rowsV.size()][cols.size()];
            for (double[] r : g) {
                java.util.Arrays.fill(r, Double.NaN);
            }
            for (Candidate c : sweep.candidates()) {
                if (c.engine() == e && c.ok()) {
                    int i = rowsV.indexOf(c.values().get(pr));
                    int j = cols.indexOf(c.values().get(pc));
                    if (i >= 0 && j >= 0) {
                        g[i][j] = c.score();
                        lo = Math.min(lo, c.score());
                        hi = Math.max(hi, c.score());
                    }
                }
            }
            grids.put(e, g);
        }
        List<String> cl = cols.stream().map(SweepReport::value).toList();
        List<String> rl = rowsV.stream().map(SweepReport::value).toList();
        List<Image> imgs = new ArrayList<>();
        for (Engine e : Engine.values()) {
            imgs.add(Pictures.grid(slug + "-grid-" + e.key() + ".png", e.label() + ": " + sweep.scoreName() + (percent ? " (%)" : ""),
                    e, pr, pc, rl, cl, grids.get(e), lo, hi, sweep.maximize(), percent));
        }
        doc.add(new Block.Figure(imgs, "The grid of " + pc + " × " + pr + " for each engine on one shared colour scale (brighter is "
                + "better); the engine's best cell is outlined; grey cells failed or were not run."));
    }

    private List<Object> distinct(String p) {
        List<Object> v = new ArrayList<>(new LinkedHashSet<>(sweep.candidates().stream().map(c -> c.values().get(p))
                .filter(java.util.Objects::nonNull).toList()));
        if (v.stream().allMatch(o -> o instanceof Double)) {
            v.sort(Comparator.comparingDouble(o -> (Double) o));
        } else {
            v.sort(Comparator.comparing(Object::toString));
        }
        return v;
    }

    private void time(Document doc) {
        List<String> ids = byId.keySet().stream().map(i -> "#" + i).toList();
        double[][] secs = new double[2][byId.size()];
        int j = 0;
        for (var en : byId.entrySet()) {
            for (Engine e : Engine.values()) {
                Candidate c = en.getValue().get(e);
                secs[e.ordinal()][j] = c == null ? Double.NaN : c.seconds();
            }
            j++;
        }
        doc.heading(h + 1, "Time per candidate", slug + "-time");
        double td = java.util.Arrays.stream(secs[0]).filter(Double::isFinite).sum();
        double tg = java.util.Arrays.stream(secs[1]).filter(Double::isFinite).sum();
        doc.para("Total training time: {david} **" + Fmt.seconds(td) + "**, {dl4j} **" + Fmt.seconds(tg) + "** (David / DL4J time "
                + Fmt.ratio(td / tg) + ").");
        doc.figure("Training time of each candidate in each engine.",
                Plots.timePerCandidate(slug + "-time-per-candidate.png", "Training time per candidate", ids, secs));
    }
}
