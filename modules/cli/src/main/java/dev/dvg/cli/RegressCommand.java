package dev.dvg.cli;

import dev.dvg.data.fetch.DataCatalog;
import dev.dvg.data.fetch.DataConfig;
import dev.dvg.regress.BaselineStore;
import dev.dvg.regress.Dl4jVersionTable;
import dev.dvg.regress.Regress;
import dev.dvg.regress.RegressException;
import dev.dvg.regress.Report;
import dev.dvg.regress.ReportWriter;
import dev.dvg.regress.RunRecord;
import dev.dvg.runner.Budget;
import dev.dvg.runner.DataSources;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code dvg regress}: the accuracy regression gate. Reruns experiments for their baseline seed and
 * compares test accuracy, final train loss and test loss with results/baselines/&lt;experiment&gt;.json
 * (tolerances from the seed spread); {@code --update} rewrites the baselines from ≥ 3 seeds.
 */
@Command(name = "regress", mixinStandardHelpOptions = true,
        description = {"Rerun experiments and compare them with their baselines (results/baselines/<experiment>.json):",
            "a table per experiment and engine (baseline, now, delta, tolerance, verdict), plus regress.json and",
            "regress.md in the output folder. Exit code 0: all hold; 1: a regression; 2: an error.",
            "--update --reason \"...\" rewrites the baselines from runs over --seeds (>= 3) seeds.",
            "Across DL4J versions: scripts/compare-dl4j.sh, which ends with --dl4j-table."})
final class RegressCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..*", paramLabel = "EXPERIMENT",
            description = "experiments (suites expand; default: every experiment in experiments/)")
    List<String> experiments = new ArrayList<>();

    @Option(names = "--budget", paramLabel = "quick|default|full", defaultValue = "quick",
            description = "budget to rerun and compare (default: ${DEFAULT-VALUE})")
    String budget;

    @Option(names = "--out", paramLabel = "DIR",
            description = "folder for the reruns, regress.json and regress.md (default: results/regress/<UTC time>)")
    Path out;

    @Option(names = "--baselines", paramLabel = "DIR", description = "baselines folder (default: results/baselines in the checkout)")
    Path baselines;

    @Option(names = "--experiments", paramLabel = "DIR", description = "experiment files (default: experiments/ in the checkout)")
    Path experimentsDir;

    @Option(names = "--update", description = "rewrite the baselines (needs --reason) instead of comparing")
    boolean update;

    @Option(names = "--reason", paramLabel = "TEXT", description = "why the baselines change (recorded with the date)")
    String reason;

    @Option(names = "--seeds", paramLabel = "N", defaultValue = "3",
            description = "with --update: seeds per experiment whose spread sets the tolerances (>= 3; default: ${DEFAULT-VALUE})")
    int seeds;

    @Option(names = "--from", paramLabel = "DIR", arity = "1..*",
            description = "use existing run folders (or folders holding them, e.g. a suite run) instead of rerunning")
    List<Path> from = new ArrayList<>();

    @Option(names = "--dl4j-table", paramLabel = "REGRESS_JSON", arity = "1..*",
            description = "combine the regress.json of one run per DL4J version into <out>/dl4j-versions.md")
    List<Path> dl4jTable = new ArrayList<>();

    @Option(names = "--dl4j-failed", paramLabel = "VERSION=REASON",
            description = "with --dl4j-table: a version that could not build or run, and why")
    List<String> dl4jFailed = new ArrayList<>();

    @Option(names = "--data-dir", paramLabel = "DIR", description = "folder with MNIST IDX files (default: $DVG_DATA, then the cache)")
    Path dataDir;

    @Option(names = "--digits", paramLabel = "FILE",
            description = "20x20 digits for digits20-mlp25 (default: $DVG_DIGITS, then the cache / opencv-doc; skipped, visibly, when none has them)")
    Path digits;

    @Option(names = "--threads-david", paramLabel = "N", defaultValue = "0", description = "David's threads (0: the experiment's setting)")
    int davidThreads;

    @Option(names = "--threads-dl4j", paramLabel = "N", defaultValue = "0", description = "DL4J's threads (0: the experiment's setting)")
    int dl4jThreads;

    @Override
    public Integer call() throws Exception {
        PrintWriter outW = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path root = Dvg.root();
        String stamp = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(Instant.now());
        Path outDir = out != null ? out : root.resolve("results").resolve("regress").resolve(stamp);

        if (!dl4jTable.isEmpty()) {
            List<Dl4jVersionTable.Failure> failures = new ArrayList<>();
            for (String f : dl4jFailed) {
                int eq = f.indexOf('=');
                if (eq <= 0) {
                    throw new Failures.UserError(ExitCodes.USAGE, "--dl4j-failed: expected VERSION=REASON, got '" + f + "'");
                }
                failures.add(new Dl4jVersionTable.Failure(f.substring(0, eq), f.substring(eq + 1)));
            }
            try {
                outW.print(Dl4jVersionTable.write(dl4jTable, failures, outDir));
            } catch (RegressException e) {
                throw new Failures.UserError(ExitCodes.USAGE, e.getMessage(), e);
            }
            outW.println("wrote " + outDir.resolve("dl4j-versions.md"));
            outW.flush();
            return ExitCodes.OK;
        }

        Budget b;
        try {
            b = Budget.fromId(budget);
        } catch (IllegalArgumentException e) {
            throw new Failures.UserError(ExitCodes.USAGE, "--budget: " + e.getMessage());
        }
        if (update && (reason == null || reason.isBlank())) {
            throw new Failures.UserError(ExitCodes.USAGE, "--update needs --reason \"...\": baselines record why they changed");
        }
        if (!update && reason != null) {
            throw new Failures.UserError(ExitCodes.USAGE, "--reason goes with --update");
        }
        if (!from.isEmpty() && !experiments.isEmpty()) {
            throw new Failures.UserError(ExitCodes.USAGE, "give either EXPERIMENT names (rerun) or --from run folders, not both");
        }
        Path digitsFile = digits != null ? digits : envPath("DVG_DIGITS");
        DataSources sources = new DataSources(new DataCatalog(DataConfig.fromEnvironment(dataDir)), digitsFile);
        Regress.Options opt = new Regress.Options(
                experimentsDir != null ? experimentsDir : root.resolve("experiments"),
                new BaselineStore(baselines != null ? baselines : root.resolve("results").resolve("baselines")),
                outDir, root, sources, b, davidThreads, dl4jThreads, true, err);
        Regress regress = new Regress(opt);

        CountDownLatch done = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            regress.requestStop();
            try {
                done.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "dvg-regress-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        Report report;
        try {
            List<Path> runDirs = new ArrayList<>();
            for (Path f : from) {
                List<Path> found = RunRecord.findRuns(f);
                if (found.isEmpty()) {
                    throw new Failures.UserError(ExitCodes.USAGE, "--from " + f + ": no run folder (with summary.json) there");
                }
                runDirs.addAll(found);
            }
            if (update) {
                report = runDirs.isEmpty() ? regress.update(experiments, seeds, reason) : regress.updateFromRuns(runDirs, reason);
            } else {
                report = runDirs.isEmpty() ? regress.check(experiments) : regress.compareRuns(runDirs);
            }
        } catch (RegressException e) {
            throw new Failures.UserError(ExitCodes.USAGE, e.getMessage(), e);
        } finally {
            done.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is already exiting: the hook is running and waits for us
            }
        }
        ReportWriter.console(report, outW);
        outW.println();
        outW.println("regress: " + report.outcome().toUpperCase(java.util.Locale.ROOT) + "; wrote "
                + outDir.resolve("regress.json") + " and regress.md");
        outW.flush();
        report.results().stream().filter(r -> !r.message().isEmpty())
                .forEach(r -> err.println("dvg regress " + r.experiment() + ": " + r.verdict().label() + ": " + r.message()));
        err.flush();
        if (report.anyError()) {
            return ExitCodes.USAGE;
        }
        return report.anyRegressed() ? ExitCodes.FAILED : ExitCodes.OK;
    }

    private static Path envPath(String name) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? null : Path.of(v);
    }
}
