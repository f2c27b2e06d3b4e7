package dev.dvg.sweeps;

import java.io.Serializable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * One candidate's hyper-parameters: parameter id → value (Double, Integer or String), in the sweep
 * file's order. Arbiter hands candidates between threads and may serialise them, so this is
 * {@link Serializable}.
 */
public final class SweepPoint implements Serializable {

    private static final long serialVersionUID = 1L;

    private final LinkedHashMap<String, Serializable> values;

    public SweepPoint(Map<String, ? extends Serializable> values) {
        this.values = new LinkedHashMap<>(values);
    }

    /** Values by parameter id, in the sweep file's order (unmodifiable). */
    public Map<String, Serializable> values() {
        return Collections.unmodifiableMap(values);
    }

    public Serializable get(Param p) {
        return values.get(p.id());
    }

    public boolean has(Param p) {
        return values.containsKey(p.id());
    }

    /** "learning_rate=0.001 hidden=64". */
    public String label() {
        return values.entrySet().stream().map(e -> e.getKey() + "=" + format(e.getValue()))
                .collect(Collectors.joining(" "));
    }

    private static String format(Object v) {
        if (v instanceof Double d) {
            return String.format(java.util.Locale.ROOT, "%.4g", d);
        }
        return String.valueOf(v);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SweepPoint p && values.equals(p.values);
    }

    @Override
    public int hashCode() {
        return Objects.hash(values);
    }

    @Override
    public String toString() {
        return "SweepPoint" + values;
    }
}
