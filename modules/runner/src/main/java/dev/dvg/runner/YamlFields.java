package dev.dvg.runner;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.file.Path;
import java.util.Iterator;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Strict reading of the fields of a YAML definition (experiments, sweeps): every error names the
 * file, the dotted field path ({@code at} is the prefix, e.g. {@code "budgets.quick."}) and what
 * was expected. A {@code null} default means the field is required.
 */
public final class YamlFields {

    private YamlFields() {
    }

    /** {@code node} must be a mapping whose keys are all in {@code allowed}. */
    public static void checkKeys(JsonNode node, Set<String> allowed, String at, Path file) {
        if (!node.isObject()) {
            throw new IllegalArgumentException(file + ": " + (at.isEmpty() ? "top level" : at) + ": expected a mapping");
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!allowed.contains(k)) {
                throw new IllegalArgumentException(file + ": " + at + k + ": unknown field; allowed: "
                        + allowed.stream().sorted().collect(Collectors.joining(", ")));
            }
        }
    }

    public static String text(JsonNode node, String field, String at, Path file, String dflt) {
        JsonNode n = node.get(field);
        if (n == null || n.isNull()) {
            if (dflt == null) {
                throw new IllegalArgumentException(file + ": " + at + field + ": missing");
            }
            return dflt;
        }
        if (!n.isTextual()) {
            throw new IllegalArgumentException(file + ": " + at + field + ": expected text, got " + n);
        }
        return n.asText();
    }

    public static boolean bool(JsonNode node, String field, String at, Path file, boolean dflt) {
        JsonNode n = node.get(field);
        if (n == null) {
            return dflt;
        }
        if (!n.isBoolean()) {
            throw new IllegalArgumentException(file + ": " + at + field + ": expected true or false, got " + n);
        }
        return n.asBoolean();
    }

    /** An integer in [min, max] (the range is named in the error unless it is all ints). */
    public static int integer(JsonNode node, String field, String at, Path file, Integer dflt, int min, int max) {
        JsonNode n = node.get(field);
        if (n == null && dflt != null) {
            return dflt;
        }
        if (n == null || !n.isIntegralNumber() || !n.canConvertToInt() || n.asInt() < min || n.asInt() > max) {
            throw new IllegalArgumentException(file + ": " + at + field + ": expected an integer"
                    + (min > Integer.MIN_VALUE ? " in [" + min + ", " + max + "]" : "") + ", got " + n);
        }
        return n.asInt();
    }

    /** A number in [min, max] (the range is named in the error unless it is unbounded). */
    public static double number(JsonNode node, String field, String at, Path file, Double dflt, double min, double max) {
        JsonNode n = node.get(field);
        if (n == null && dflt != null) {
            return dflt;
        }
        if (n == null || !n.isNumber() || n.asDouble() < min || n.asDouble() > max) {
            throw new IllegalArgumentException(file + ": " + at + field + ": expected a number"
                    + (min > -Double.MAX_VALUE ? " in [" + min + ", " + max + "]" : "") + ", got " + n);
        }
        return n.asDouble();
    }
}
