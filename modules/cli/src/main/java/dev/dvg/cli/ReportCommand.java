package dev.dvg.cli;

import dev.dvg.report.ReportResult;
import dev.dvg.report.Reports;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code dvg report <results-dir>}: rebuild report.md and report.html from result files only —
 * no training. Works on a run, a suite run, a sweep run, a folder with {@code latest}, or results/.
 */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Write report.md and a self-contained report.html from result files (no retraining):",
            "a run folder, a suite run (david-vs-goliath), a sweep run, or a folder holding several."})
final class ReportCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RESULTS_DIR", description = "results folder to report on")
    Path dir;

    @Option(names = "--out", paramLabel = "DIR", description = "where to write the report (default: RESULTS_DIR)")
    Path out;

    @Override
    public Integer call() {
        if (!Files.isDirectory(dir)) {
            throw new Failures.UserError(ExitCodes.USAGE, dir + ": no such folder");
        }
        ReportResult r = Reports.write(dir, out != null ? out : dir);
        PrintWriter w = spec.commandLine().getOut();
        w.println(r.kind() + " report \"" + r.title() + "\": " + r.markdown() + ", " + r.html() + " ("
                + r.images().size() + " charts)");
        w.flush();
        return ExitCodes.OK;
    }
}
