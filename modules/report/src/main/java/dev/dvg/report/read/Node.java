package dev.dvg.report.read;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dvg.report.Engine;
import dev.dvg.report.ResultFormatException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A JSON value with the place it came from (file, line for JSONL, key path), so that every
 * accessor can fail with a message naming the file, the line and the key, and what was expected.
 * Accessors are strict: a missing key, a wrong type or a value outside its allowed set throws
 * {@link ResultFormatException}. Optional values use the {@code opt*} accessors.
 */
final class Node {
    private final JsonNode json;
    private final Path file;
    private final int line;
    private final String path;

    private Node(JsonNode json, Path file, int line, String path) {
        this.json = json;
        this.file = file;
        this.line = line;
        this.path = path;
    }

    /** The root object of a JSON file ({@code line} 0) or of one JSONL line (1-based). */
    static Node root(JsonNode json, Path file, int line, String what) {
        Node n = new Node(json, file, line, "");
        if (!json.isObject()) {
            throw n.error(what + " must be a JSON object, got " + kind(json));
        }
        return n;
    }

    JsonNode json() {
        return json;
    }

    Path file() {
        return file;
    }

    int line() {
        return line;
    }

    ResultFormatException error(String message) {
        return new ResultFormatException(file, (line > 0 ? "line " + line + ": " : "") + message);
    }

    private String keyPath(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    private ResultFormatException keyError(String key, String expected, JsonNode got) {
        return error("key '" + keyPath(key) + "': expected " + expected + ", got " + kind(got));
    }

    boolean has(String key) {
        JsonNode v = json.get(key);
        return v != null && !v.isNull();
    }

    private JsonNode required(String key) {
        JsonNode v = json.get(key);
        if (v == null) {
            throw error("missing key '" + keyPath(key) + "'");
        }
        return v;
    }

    Node obj(String key) {
        JsonNode v = required(key);
        if (!v.isObject()) {
            throw keyError(key, "an object", v);
        }
        return new Node(v, file, line, keyPath(key));
    }

    Node optObj(String key) {
        return has(key) ? obj(key) : null;
    }

    String str(String key) {
        JsonNode v = required(key);
        if (!v.isTextual()) {
            throw keyError(key, "a string", v);
        }
        return v.asText();
    }

    String optStr(String key) {
        return has(key) ? str(key) : null;
    }

    /** A string that must be one of {@code allowed}. */
    String oneOf(String key, String... allowed) {
        String s = str(key);
        for (String a : allowed) {
            if (a.equals(s)) {
                return s;
            }
        }
        throw error("key '" + keyPath(key) + "': expected one of " + String.join("|", allowed) + ", got \"" + s + "\"");
    }

    Engine engine(String key) {
        return Engine.fromKey(oneOf(key, "david", "dl4j"));
    }

    boolean bool(String key) {
        JsonNode v = required(key);
        if (!v.isBoolean()) {
            throw keyError(key, "true or false", v);
        }
        return v.asBoolean();
    }

    double num(String key) {
        JsonNode v = required(key);
        if (!v.isNumber()) {
            throw keyError(key, "a number", v);
        }
        return v.asDouble();
    }

    /** A number that may be {@code null} (diverged or not reached): NaN then. The key must exist. */
    double numOrNull(String key) {
        JsonNode v = required(key);
        if (v.isNull()) {
            return Double.NaN;
        }
        if (!v.isNumber()) {
            throw keyError(key, "a number or null", v);
        }
        return v.asDouble();
    }

    /** An optional number: NaN when absent or null. */
    double optNum(String key) {
        return has(key) ? num(key) : Double.NaN;
    }

    long integer(String key) {
        JsonNode v = required(key);
        if (!v.isIntegralNumber() && !(v.isNumber() && v.asDouble() == Math.rint(v.asDouble()))) {
            throw keyError(key, "an integer", v);
        }
        return v.asLong();
    }

    int nonNegInt(String key) {
        long v = integer(key);
        if (v < 0 || v > Integer.MAX_VALUE) {
            throw error("key '" + keyPath(key) + "': expected a non-negative integer, got " + v);
        }
        return (int) v;
    }

    List<Node> objects(String key) {
        JsonNode v = required(key);
        if (!v.isArray()) {
            throw keyError(key, "an array", v);
        }
        List<Node> out = new ArrayList<>(v.size());
        for (int i = 0; i < v.size(); i++) {
            JsonNode e = v.get(i);
            String p = keyPath(key) + "[" + i + "]";
            if (!e.isObject()) {
                throw error("key '" + p + "': expected an object, got " + kind(e));
            }
            out.add(new Node(e, file, line, p));
        }
        return out;
    }

    double[] numbers(String key) {
        JsonNode v = required(key);
        if (!v.isArray()) {
            throw keyError(key, "an array of numbers", v);
        }
        double[] out = new double[v.size()];
        for (int i = 0; i < out.length; i++) {
            JsonNode e = v.get(i);
            if (!e.isNumber()) {
                throw error("key '" + keyPath(key) + "[" + i + "]': expected a number, got " + kind(e));
            }
            out[i] = e.asDouble();
        }
        return out;
    }

    long[] integers(String key) {
        double[] d = numbers(key);
        long[] out = new long[d.length];
        for (int i = 0; i < d.length; i++) {
            if (d[i] != Math.rint(d[i])) {
                throw error("key '" + keyPath(key) + "[" + i + "]': expected an integer, got " + d[i]);
            }
            out[i] = (long) d[i];
        }
        return out;
    }

    List<String> strings(String key) {
        JsonNode v = required(key);
        if (!v.isArray()) {
            throw keyError(key, "an array of strings", v);
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) {
            if (!v.get(i).isTextual()) {
                throw error("key '" + keyPath(key) + "[" + i + "]': expected a string, got " + kind(v.get(i)));
            }
            out.add(v.get(i).asText());
        }
        return out;
    }

    /** A K×K matrix of non-negative integers. */
    long[][] squareCounts(String key) {
        JsonNode v = required(key);
        if (!v.isArray() || v.size() == 0) {
            throw keyError(key, "a non-empty K×K array of integers", v);
        }
        int k = v.size();
        long[][] out = new long[k][k];
        for (int r = 0; r < k; r++) {
            JsonNode row = v.get(r);
            if (!row.isArray() || row.size() != k) {
                throw error("key '" + keyPath(key) + "[" + r + "]': expected an array of " + k + " integers (K×K, K=" + k
                        + "), got " + (row.isArray() ? row.size() + " values" : kind(row)));
            }
            for (int c = 0; c < k; c++) {
                JsonNode e = row.get(c);
                if (!e.isIntegralNumber() || e.asLong() < 0) {
                    throw error("key '" + keyPath(key) + "[" + r + "][" + c + "]': expected a non-negative integer, got " + e);
                }
                out[r][c] = e.asLong();
            }
        }
        return out;
    }

    static String kind(JsonNode v) {
        if (v == null || v.isMissingNode()) {
            return "nothing";
        }
        if (v.isNull()) {
            return "null";
        }
        if (v.isObject()) {
            return "an object";
        }
        if (v.isArray()) {
            return "an array";
        }
        if (v.isTextual()) {
            return "the string \"" + v.asText() + "\"";
        }
        if (v.isBoolean()) {
            return v.asText();
        }
        return v.toString();
    }
}
