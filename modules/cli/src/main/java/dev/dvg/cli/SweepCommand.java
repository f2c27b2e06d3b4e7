package dev.dvg.cli;

import dev.dvg.data.fetch.DataCatalog;
import dev.dvg.data.fetch.DataConfig;
import dev.dvg.report.ReportResult;
import dev.dvg.report.Reports;
import dev.dvg.runner.Budget;
import dev.dvg.runner.DataSources;
import dev.dvg.runner.ExperimentDef;
import dev.dvg.runner.ExperimentLoader;
import dev.dvg.sweeps.SweepDef;
import dev.dvg.sweeps.SweepLoader;
import dev.dvg.sweeps.SweepOptions;
import dev.dvg.sweeps.SweepResult;
import dev.dvg.sweeps.SweepRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code dvg sweep <name>}: an Arbiter hyper-parameter search over experiments/sweeps/&lt;name&gt;.yaml,
 * both engines trained on every candidate; results in results/sweeps/&lt;name&gt;/&lt;run-id&gt;/ and a
 * report (report.md, report.html) beside them.
 */
@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = {"Run the Arbiter hyper-parameter sweep experiments/sweeps/<name>.yaml:",
            "every candidate is trained by both engines on identical data. Writes",
            "results/sweeps/<name>/<run-id>/ (sweep.json, candidates.jsonl, each",
            "candidate's run folder, report.md/html). Rerunning a sweep resumes the",
            "newest unfinished run of the same definition, skipping finished",
            "candidates, unless --fresh; --resume RUN_ID picks the run."})
final class SweepCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME", description = "sweep id (a file experiments/sweeps/<id>.yaml), e.g. mlp256-lr-hidden")
    String name;

    @Option(names = "--budget", paramLabel = "quick|default|full", defaultValue = "default",
            description = "sweep budget (default: ${DEFAULT-VALUE})")
    String budget;

    @Option(names = "--parallel", paramLabel = "N", defaultValue = "1",
            description = "candidates trained at once; David gets cores/N threads, DL4J 1 (default: ${DEFAULT-VALUE})")
    int parallel;

    @Option(names = "--resume", paramLabel = "RUN_ID", description = "resume this run of the sweep")
    String resume;

    @Option(names = "--fresh", description = "start a new run even if an unfinished one exists")
    boolean fresh;

    @Option(names = "--no-report", description = "do not write report.md/report.html into the run folder")
    boolean noReport;

    @Option(names = "--out", paramLabel = "DIR", description = "results root (default: results/ in the checkout)")
    Path out;

    @Option(names = "--experiments", paramLabel = "DIR",
            description = "experiment files; sweeps are read from DIR/sweeps (default: experiments/ in the checkout)")
    Path experimentsDir;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "folder with MNIST IDX files (default: $DVG_DATA, then the cache)")
    Path dataDir;

    @Option(names = "--digits", paramLabel = "FILE",
            description = "20x20 digits for digits20 sweeps: OpenCV's digits.png or ex4data1.mat (default: $DVG_DIGITS)")
    Path digits;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter outW = spec.commandLine().getOut();
        Path root = Dvg.root();
        Budget b;
        try {
            b = Budget.fromId(budget);
        } catch (IllegalArgumentException e) {
            throw new Failures.UserError(ExitCodes.USAGE, "--budget: " + e.getMessage());
        }
        Path experiments = experimentsDir != null ? experimentsDir : root.resolve("experiments");
        ExperimentLoader loader = new ExperimentLoader(experiments);
        SweepDef def = new SweepLoader(experiments.resolve("sweeps"), loader).load(name);
        ExperimentDef exp = loader.load(def.experiment());
        Path resultsRoot = out != null ? out : root.resolve("results");
        String digitsEnv = System.getenv("DVG_DIGITS");
        Path digitsFile = digits != null ? digits : digitsEnv == null || digitsEnv.isBlank() ? null : Path.of(digitsEnv);
        DataSources sources = new DataSources(new DataCatalog(DataConfig.fromEnvironment(dataDir)), digitsFile);
        SweepOptions opt = new SweepOptions(b, parallel, resultsRoot, root, sources, resume, fresh, err);

        SweepRunner runner = new SweepRunner();
        CountDownLatch done = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            runner.requestStop();
            try {
                done.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "dvg-sweep-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        SweepResult r;
        try {
            r = runner.run(def, exp, opt);
        } finally {
            done.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is exiting: the hook is running and waits for us
            }
        }
        outW.printf(Locale.ROOT, "sweep %s: %s, %d candidate(s) trained, %d already on disk, %d with a failed engine%n",
                r.sweep(), r.status(), r.trained(), r.skipped(), r.failed());
        for (String engine : new String[]{"david", "dl4j"}) {
            Object best = r.best() == null ? null : r.best().get(engine);
            if (best instanceof Map<?, ?> m) {
                outW.printf(Locale.ROOT, "  best %-5s c%s %s: %s %.4f%n", engine, m.get("candidate"), m.get("values"),
                        def.score().metric().summaryKey(), ((Number) m.get("score")).doubleValue());
            } else {
                outW.printf(Locale.ROOT, "  best %-5s none (no candidate finished ok)%n", engine);
            }
        }
        outW.println("results: " + r.dir());
        if (!noReport) {
            try {
                ReportResult rep = Reports.write(r.dir(), r.dir());
                outW.println("report: " + rep.markdown() + " " + rep.html());
            } catch (RuntimeException e) {
                // the results are on disk either way: `dvg report <dir>` can retry
                err.println("dvg sweep: results written, but the report failed: " + e.getMessage());
            }
        }
        outW.flush();
        return "complete".equals(r.status()) ? ExitCodes.OK : ExitCodes.FAILED;
    }
}
