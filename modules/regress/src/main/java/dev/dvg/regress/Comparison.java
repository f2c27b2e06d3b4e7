package dev.dvg.regress;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/** Compares a rerun with a baseline section: the verdict rules of the gate. */
public final class Comparison {

    /** Config leaves that differ between runs by design and are not reported as changes. */
    private static final Set<String> IGNORED_CONFIG = Set.of("seeds", "model_spec.seed");

    private Comparison() {
    }

    /** Checks {@code run} against {@code section} (same experiment and budget). */
    public static ExperimentResult compare(String experiment, Baseline.Section section, RunRecord run) {
        List<Check> checks = new ArrayList<>();
        if (!"complete".equals(run.status())) {
            return ExperimentResult.error(experiment, run.dir(), "the rerun is " + run.status() + ", not complete: "
                    + run.dir());
        }
        for (Map.Entry<String, Map<Metric, Baseline.Value>> e : new TreeMap<>(section.engines()).entrySet()) {
            String engine = e.getKey();
            SeedMetrics sm = run.find(engine, section.seed()).orElse(null);
            if (sm == null) {
                checks.add(new Check(engine, "run", null, null, null, null, Verdict.ERROR,
                        "the rerun has no final metrics for " + engine + " seed " + section.seed()
                                + " (the baseline's seed; is it still the experiment's first seed?)"));
                continue;
            }
            for (Metric m : Metric.values()) {
                Baseline.Value b = e.getValue().get(m);
                if (b == null) {
                    continue;
                }
                checks.add(check(engine, m, b, sm));
            }
        }
        if (run.minAccuracy() > 0) {
            for (String engine : run.engines()) {
                SeedMetrics sm = run.seeds().stream().filter(s -> s.engine().equals(engine)).findFirst().orElseThrow();
                Double acc = sm.values().get(Metric.TEST_ACCURACY);
                boolean meets = run.meetsMin().getOrDefault(engine, false);
                checks.add(new Check(engine, "min_accuracy", run.minAccuracy(), acc,
                        acc == null ? null : acc - run.minAccuracy(), null, meets ? Verdict.OK : Verdict.REGRESSED,
                        meets ? "" : "below the budget's floor minAccuracy " + run.minAccuracy()));
            }
        }
        Verdict worst = worst(checks);
        List<String> changes = configChanges(section.config(), run.config());
        String message = worst == Verdict.REGRESSED && !changes.isEmpty()
                ? "the resolved config differs from the baseline's: " + String.join("; ", changes) : "";
        return new ExperimentResult(experiment, worst, run.dir(), message, changes, checks, run);
    }

    private static Check check(String engine, Metric m, Baseline.Value b, SeedMetrics sm) {
        Double now = sm.values().get(m);
        if (sm.diverged() || now == null) {
            return new Check(engine, m.key(), b.value(), now, null, b.tolerance(), Verdict.REGRESSED,
                    sm.diverged() ? "diverged (NaN/Inf loss)" : "no value in the rerun");
        }
        double delta = now - b.value();
        double worse = m.worsening(b.value(), now);
        // a hair of slack: the baseline file rounds nothing, but JSON printing of doubles may
        double slack = 1e-12 * Math.max(1, Math.abs(b.value()));
        Verdict v;
        String note;
        if (worse > b.tolerance() + slack) {
            v = Verdict.REGRESSED;
            note = String.format(Locale.ROOT, "%s by %.4g, more than the tolerance %.4g (%.1f x)",
                    m.higherIsBetter() ? "lower" : "higher", Math.abs(delta), b.tolerance(),
                    b.tolerance() > 0 ? Math.abs(delta) / b.tolerance() : Double.POSITIVE_INFINITY);
        } else if (-worse > b.tolerance() + slack) {
            v = Verdict.IMPROVED;
            note = String.format(Locale.ROOT, "better by %.4g (> tolerance %.4g): consider --update", Math.abs(delta),
                    b.tolerance());
        } else {
            v = Verdict.OK;
            note = "";
        }
        return new Check(engine, m.key(), b.value(), now, delta, b.tolerance(), v, note);
    }

    /** The worst verdict: ERROR > REGRESSED > SKIPPED > IMPROVED > OK. */
    static Verdict worst(List<Check> checks) {
        Verdict w = Verdict.OK;
        for (Check c : checks) {
            if (rank(c.verdict()) > rank(w)) {
                w = c.verdict();
            }
        }
        return w;
    }

    static int rank(Verdict v) {
        return switch (v) {
            case OK -> 0;
            case IMPROVED -> 1;
            case SKIPPED -> 2;
            case REGRESSED -> 3;
            case ERROR -> 4;
        };
    }

    /** "path: old → new" for every leaf that differs (added/removed leaves included). */
    static List<String> configChanges(JsonNode base, JsonNode now) {
        Map<String, String> a = new TreeMap<>();
        Map<String, String> b = new TreeMap<>();
        flatten("", base, a);
        flatten("", now, b);
        List<String> out = new ArrayList<>();
        Set<String> keys = new java.util.TreeSet<>(a.keySet());
        keys.addAll(b.keySet());
        for (String k : keys) {
            if (IGNORED_CONFIG.contains(k)) {
                continue;
            }
            String x = a.get(k);
            String y = b.get(k);
            if (!Objects.equals(x, y)) {
                out.add(k + ": " + (x == null ? "(absent)" : x) + " → " + (y == null ? "(absent)" : y));
            }
        }
        return out;
    }

    private static void flatten(String prefix, JsonNode n, Map<String, String> out) {
        if (n == null || n.isMissingNode()) {
            return;
        }
        if (n.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                flatten(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), e.getValue(), out);
            }
        } else if (n.isArray()) {
            if (n.isEmpty() || !n.get(0).isContainerNode()) {
                out.put(prefix, n.toString());
            } else {
                for (int i = 0; i < n.size(); i++) {
                    flatten(prefix + "[" + i + "]", n.get(i), out);
                }
            }
        } else if (n.isNumber()) {
            out.put(prefix, n.numberValue() instanceof Double || n.isFloatingPointNumber()
                    ? Double.toString(n.asDouble()).replaceAll("\\.0$", "") : n.asText());
        } else {
            out.put(prefix, n.asText());
        }
    }
}
