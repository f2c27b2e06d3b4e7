package dev.dvg.runner;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * How every result file is written (runs, suites, sweeps, baselines' neighbours): a temp file in
 * the same folder, then an atomic rename — a reader never sees half a file — with the permissions a
 * shared results folder needs (temp files are created owner-only), and JSON without NaN/Infinity
 * (written as {@code null}, results/FORMAT.md).
 */
public final class ResultFiles {

    /** Indented JSON, non-finite numbers as null. */
    public static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(FiniteJson.module())
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);

    private ResultFiles() {
    }

    /** Writes {@code value} as JSON to {@code file} atomically. */
    public static void writeJson(Path file, Object value) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path t = Files.createTempFile(dir, ".tmp-" + file.getFileName(), "");
        try {
            JSON.writeValue(t.toFile(), value);
            move(t, file);
        } finally {
            Files.deleteIfExists(t);
        }
    }

    /** Writes {@code text} (UTF-8) to {@code file} atomically. */
    public static void writeText(Path file, String text) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path t = Files.createTempFile(dir, ".tmp-" + file.getFileName(), "");
        try {
            Files.writeString(t, text, StandardCharsets.UTF_8);
            move(t, file);
        } finally {
            Files.deleteIfExists(t);
        }
    }

    /** Makes {@code from} world-readable and renames it onto {@code to}, atomically where supported. */
    public static void move(Path from, Path to) throws IOException {
        try {
            Files.setPosixFilePermissions(from, PosixFilePermissions.fromString("rw-r--r--"));
        } catch (UnsupportedOperationException notPosix) {
            // e.g. Windows: the default permissions stay
        }
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
