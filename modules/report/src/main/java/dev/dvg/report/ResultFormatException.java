package dev.dvg.report;

import java.nio.file.Path;

/**
 * A result file does not follow {@code results/FORMAT.md}. The message always names the file, and
 * where they apply the line (metrics.jsonl, candidates.jsonl) and the key, and says what was expected.
 */
public final class ResultFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final Path file;

    public ResultFormatException(Path file, String message) {
        super(file + ": " + message);
        this.file = file;
    }

    public ResultFormatException(Path file, String message, Throwable cause) {
        super(file + ": " + message, cause);
        this.file = file;
    }

    /** The offending file (or folder, when a file is missing from it). */
    public Path file() {
        return file;
    }
}
