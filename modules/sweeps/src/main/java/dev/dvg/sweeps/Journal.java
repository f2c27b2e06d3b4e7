package dev.dvg.sweeps;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * candidates.jsonl: the source of truth of a sweep. Both engines' lines of a candidate are appended
 * together and flushed at once; a candidate counts as finished only when both lines are on disk.
 * Opening an existing journal drops what a crash may have left (a torn last line, a candidate with
 * one engine's line) by rewriting the file atomically before appending.
 */
final class Journal implements AutoCloseable {

    static final String FILE = "candidates.jsonl";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final Map<Integer, List<ObjectNode>> finished = new LinkedHashMap<>();
    private final List<ObjectNode> all = new ArrayList<>();
    private final BufferedWriter out;
    private final int dropped;

    private Journal(Path file) throws IOException {
        this.file = file;
        Map<Integer, List<ObjectNode>> byCandidate = new LinkedHashMap<>();
        int bad = 0;
        if (Files.exists(file)) {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                ObjectNode n = parse(line);
                if (n == null || !n.has("candidate") || !n.has("engine")) {
                    bad++;
                    continue;
                }
                byCandidate.computeIfAbsent(n.get("candidate").asInt(), k -> new ArrayList<>()).add(n);
            }
        }
        List<String> keep = new ArrayList<>();
        for (Map.Entry<Integer, List<ObjectNode>> e : byCandidate.entrySet()) {
            List<ObjectNode> lines = e.getValue();
            boolean complete = lines.size() == 2 && lines.stream().map(l -> l.get("engine").asText()).distinct().count() == 2;
            if (complete) {
                finished.put(e.getKey(), lines);
                all.addAll(lines);
                for (ObjectNode l : lines) {
                    keep.add(JSON.writeValueAsString(l));
                }
            } else {
                bad += lines.size();
            }
        }
        this.dropped = bad;
        if (bad > 0) {
            Path tmp = Files.createTempFile(file.getParent(), ".tmp-" + FILE, "");
            Files.write(tmp, keep, StandardCharsets.UTF_8);
            SweepFiles.move(tmp, file);
        }
        this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    /** Opens (creating or repairing) the journal of a sweep run folder. */
    static Journal open(Path runDir) throws IOException {
        return new Journal(runDir.resolve(FILE));
    }

    private static ObjectNode parse(String line) {
        if (line.isBlank()) {
            return null;
        }
        try {
            JsonNode n = JSON.readTree(line);
            return n instanceof ObjectNode o ? o : null;
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    /** Lines dropped when the journal was opened (torn or one-engine candidates). */
    int dropped() {
        return dropped;
    }

    /** The two lines of a finished candidate, or null. */
    synchronized List<ObjectNode> finished(int candidate) {
        return finished.get(candidate);
    }

    synchronized int finishedCount() {
        return finished.size();
    }

    /** Every line of every finished candidate, in file order. */
    synchronized List<ObjectNode> lines() {
        return List.copyOf(all);
    }

    /** Appends one candidate's lines (both engines) and flushes them to disk together. */
    synchronized void append(int candidate, List<ObjectNode> lines) {
        try {
            StringBuilder sb = new StringBuilder();
            for (ObjectNode l : lines) {
                sb.append(JSON.writeValueAsString(l)).append('\n');
            }
            out.write(sb.toString());
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to " + file, e);
        }
        finished.put(candidate, lines);
        all.addAll(lines);
    }

    @Override
    public synchronized void close() throws IOException {
        out.close();
    }
}
