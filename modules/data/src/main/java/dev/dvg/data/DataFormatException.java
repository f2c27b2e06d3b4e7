package dev.dvg.data;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A data file exists but its content is not what it must be: wrong magic number, impossible
 * dimensions, a size that disagrees with its header, a label out of range, a checksum mismatch.
 * The message always names the file (or source) and what was expected.
 */
public class DataFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;

    public DataFormatException(Path file, String problem) {
        super(file + ": " + problem);
        this.file = file;
    }

    public DataFormatException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
        this.file = file;
    }

    /** The offending file, or {@code null} when the data did not come from a file. */
    public Path file() {
        return file;
    }
}
