package dev.dvg.cli;

/** The exit codes of every {@code dvg} command, documented in the README. */
public final class ExitCodes {

    /** The command did what was asked. */
    public static final int OK = 0;
    /** The command ran and found a failure it exists to report (e.g. a parity mismatch). */
    public static final int FAILED = 1;
    /** Bad usage or input: unknown option, bad value, unreadable or invalid file. */
    public static final int USAGE = 2;
    /** Data could not be obtained or verified. */
    public static final int DATA = 3;
    /** Unexpected internal error (a bug: the message and stack trace are logged). */
    public static final int INTERNAL = 70;

    private ExitCodes() {
    }
}
