package dev.dvg.runner;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * How long an experiment trains: {@code quick} (CI and smoke tests, seconds per model),
 * {@code default} (the whole david-vs-goliath suite in about ten minutes on 2 cores) and
 * {@code full} (the seed recipes' own schedules).
 */
public enum Budget {
    QUICK("quick"),
    DEFAULT("default"),
    FULL("full");

    private final String id;

    Budget(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    /** Parses a budget name; the error lists the allowed names. */
    public static Budget fromId(String id) {
        for (Budget b : values()) {
            if (b.id.equals(id)) {
                return b;
            }
        }
        throw new IllegalArgumentException("unknown budget '" + id + "'; allowed: "
                + Arrays.stream(values()).map(Budget::id).collect(Collectors.joining(", ")));
    }
}
