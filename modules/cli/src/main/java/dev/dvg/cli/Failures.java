package dev.dvg.cli;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Turns exceptions escaping a command into one clear line on stderr and an exit code. Expected
 * failures (bad input, missing data) print their message only; anything else is a bug and is
 * logged with its stack trace.
 */
final class Failures implements CommandLine.IExecutionExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(Failures.class);

    /** A failure with a message meant for the user and a chosen exit code. */
    static final class UserError extends RuntimeException {
        private final int exitCode;

        UserError(int exitCode, String message, Throwable cause) {
            super(message, cause);
            this.exitCode = exitCode;
        }

        UserError(int exitCode, String message) {
            this(exitCode, message, null);
        }

        int exitCode() {
            return exitCode;
        }
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine cl, CommandLine.ParseResult parsed) {
        String cmd = cl.getCommandSpec().qualifiedName();
        if (ex instanceof UserError ue) {
            cl.getErr().println(cmd + ": " + ue.getMessage());
            cl.getErr().flush();
            return ue.exitCode();
        }
        if (ex instanceof dev.dvg.report.ResultFormatException) {
            cl.getErr().println(cmd + ": " + ex.getMessage());
            cl.getErr().flush();
            return ExitCodes.USAGE;
        }
        if (ex instanceof IllegalArgumentException || ex instanceof IOException
                || ex instanceof UncheckedIOException) {
            cl.getErr().println(cmd + ": " + ex.getMessage());
            cl.getErr().flush();
            return ExitCodes.USAGE;
        }
        log.error("{} failed unexpectedly", cmd, ex);
        cl.getErr().println(cmd + ": internal error: " + ex);
        cl.getErr().flush();
        return ExitCodes.INTERNAL;
    }
}
