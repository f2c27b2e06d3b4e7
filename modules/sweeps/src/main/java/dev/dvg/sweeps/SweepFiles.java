package dev.dvg.sweeps;

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

/** Atomic writes (temp file in the same folder + rename) for sweep.json and {@code latest}. */
final class SweepFiles {

    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);

    private SweepFiles() {
    }

    static void writeJson(Path file, Object value) throws IOException {
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

    static void writeText(Path file, String text) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Path t = Files.createTempFile(dir, ".tmp-" + file.getFileName(), "");
        try {
            Files.writeString(t, text, StandardCharsets.UTF_8);
            move(t, file);
        } finally {
            Files.deleteIfExists(t);
        }
    }

    static void move(Path from, Path to) throws IOException {
        try {
            // createTempFile makes owner-only files; results are meant to be read by anyone
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
