package dev.dvg.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * The {@code dvg} command. {@link #main} is thin: it calls {@link #run} with the process's streams
 * and exits with its code; tests call {@link #run} with writers they capture.
 */
@Command(name = "dvg",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "DvG (David vs Goliath): the same neural networks built twice, by a hand-written Java",
            "engine (David) and by Deeplearning4j (Goliath), trained on identical data and compared."},
        subcommands = {
            DataCommand.class,
            RunCommand.class,
            ParityCommand.class,
            ReportCommand.class,
            RegressCommand.class,
            SweepCommand.class,
            PredictCommand.class,
            BenchCommand.class,
            CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:success",
            "1:the command found a failure it reports (e.g. parity mismatch)",
            "2:bad usage or invalid input",
            "3:data could not be obtained or verified",
            "70:internal error"})
public final class Dvg implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Runs {@code dvg args} writing to {@code out}/{@code err}; returns the exit code. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new Dvg());
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler(new Failures());
        cl.setParameterExceptionHandler((ex, a) -> {
            err.println("dvg: " + ex.getMessage());
            CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
            err.println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
            err.flush();
            return ExitCodes.USAGE;
        });
        int code = cl.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    /** The checkout the launcher runs from ({@code -Ddvg.root}, else the working directory). */
    static java.nio.file.Path root() {
        String r = System.getProperty("dvg.root");
        return java.nio.file.Path.of(r != null ? r : ".").toAbsolutePath().normalize();
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        System.exit(run(args, out, err));
    }
}
