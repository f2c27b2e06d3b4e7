package dev.dvg.regress;

/**
 * A regression check could not be carried out (bad baseline file, run folder without the files
 * results/FORMAT.md promises, inconsistent seeds). The message names the file and, for a JSON file,
 * the key.
 */
public final class RegressException extends RuntimeException {
    public RegressException(String message) {
        super(message);
    }

    public RegressException(String message, Throwable cause) {
        super(message, cause);
    }
}
