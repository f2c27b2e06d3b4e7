package dev.dvg.runner;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

/**
 * One run's folder, written so that {@code results/<experiment>/} never holds a half-written run:
 * everything goes to {@code .tmp-<run-id>/} first and {@link #finish} renames it to
 * {@code <run-id>/} in one atomic move, after which {@code latest} (a text file holding the run id)
 * is replaced atomically too. A run interrupted by Ctrl-C/SIGTERM is finished by the caller's
 * shutdown hook with status {@code incomplete}; one killed outright leaves only a {@code .tmp-*}
 * folder, which readers ignore. Format: results/FORMAT.md.
 */
public final class RunFolder implements AutoCloseable {

    /** Name of the file in {@code results/<experiment>/} that holds the newest complete run id. */
    public static final String LATEST = "latest";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private static final ObjectMapper JSONL = new ObjectMapper()
            .registerModule(FiniteJson.module())
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);

    private final Path experimentDir;
    private final String runId;
    private final Path finalDir;
    private final boolean trackLatest;
    private final Path tmp;
    private final BufferedWriter metrics;
    private boolean finished;

    private RunFolder(Path experimentDir, String runId, String folderName, boolean trackLatest) throws IOException {
        this.experimentDir = experimentDir;
        this.runId = runId;
        this.finalDir = experimentDir.resolve(folderName);
        this.trackLatest = trackLatest;
        this.tmp = experimentDir.resolve(".tmp-" + folderName);
        Files.createDirectories(tmp.resolve("artifacts"));
        this.metrics = Files.newBufferedWriter(tmp.resolve("metrics.jsonl"), StandardCharsets.UTF_8);
    }

    /** Starts a run folder under {@code resultsRoot/<experiment>/} with a fresh run id. */
    public static RunFolder create(Path resultsRoot, String experiment, Instant start) throws IOException {
        String runId = newRunId(start);
        return new RunFolder(resultsRoot.resolve(experiment), runId, runId, true);
    }

    /**
     * A member of a suite run: written as {@code suiteDir/<experiment>/} (no run-id level and no
     * {@code latest}: the suite folder has those), still through a temporary folder and a rename.
     */
    public static RunFolder createMember(Path suiteDir, String experiment, String runId) throws IOException {
        return new RunFolder(suiteDir, runId, experiment, false);
    }

    /** A run id: UTC time plus a random 16-bit suffix, e.g. {@code 20261122-031500-a1b2}. */
    public static String newRunId(Instant start) {
        return STAMP.format(start) + "-" + String.format("%04x", ThreadLocalRandom.current().nextInt(1 << 16));
    }

    public String runId() {
        return runId;
    }

    /** The folder being written (the temporary one until {@link #finish}). */
    public Path workingDir() {
        return tmp;
    }

    /** Where the run will be once finished. */
    public Path finalDir() {
        return finalDir;
    }

    /** Appends one event (a map with fixed keys, see FORMAT.md) to metrics.jsonl. */
    public synchronized void event(Map<String, ?> event) {
        try {
            JSONL.writeValue(metrics, event);
            metrics.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + tmp.resolve("metrics.jsonl"), e);
        }
    }

    /** Flushes metrics.jsonl (call at evaluation points so a crash loses little). */
    public synchronized void flush() {
        try {
            metrics.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot flush " + tmp.resolve("metrics.jsonl"), e);
        }
    }

    /** Writes {@code name} (relative to the run folder) as JSON, atomically. */
    public void writeJson(String name, Object value) throws IOException {
        writeJsonAtomically(tmp.resolve(name), value);
    }

    /** Writes {@code file} as JSON through a temp file in the same folder and an atomic rename. */
    public static void writeJsonAtomically(Path file, Object value) throws IOException {
        ResultFiles.writeJson(file, value);
    }

    /**
     * Closes metrics.jsonl and renames the folder into place; for a complete run also points
     * {@code latest} at it. Idempotent.
     */
    public synchronized Path finish(boolean complete) throws IOException {
        if (finished) {
            return finalDir();
        }
        finished = true;
        metrics.close();
        Files.move(tmp, finalDir(), StandardCopyOption.ATOMIC_MOVE);
        if (complete && trackLatest) {
            pointLatest(experimentDir, runId);
        }
        return finalDir();
    }

    /** Replaces {@code dir/latest} with {@code runId} atomically. */
    public static void pointLatest(Path dir, String runId) throws IOException {
        ResultFiles.writeText(dir.resolve(LATEST), runId + "\n");
    }

    /** Removes the temporary folder of a run that produced nothing worth keeping. */
    public synchronized void discard() throws IOException {
        if (finished) {
            return;
        }
        finished = true;
        metrics.close();
        try (Stream<Path> s = Files.walk(tmp)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    @Override
    public void close() throws IOException {
        if (!finished) {
            finish(false);
        }
    }
}
