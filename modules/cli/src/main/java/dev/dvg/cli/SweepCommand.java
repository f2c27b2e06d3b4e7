package dev.dvg.cli;

import dev.dvg.report.ReportResult;
import dev.dvg.report.Reports;
import dev.dvg.runner.Budget;
import dev.dvg.runner.ExperimentDef;
import dev.dvg.runner.ExperimentLoader;
import dev.dvg.sweeps.SweepDef;
import dev.dvg.sweeps.SweepLoader;
import dev.dvg.sweeps.SweepOptions;
import dev.dvg.sweeps.SweepResult;
import dev.dvg.sweeps.SweepRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

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

    @Mixin
    RunInputs inputs;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter outW = spec.commandLine().getOut();
        Path root = Dvg.root();
        Budget b = RunInputs.budget(budget);
        Path experiments = inputs.experiments();
        ExperimentLoader loader = new ExperimentLoader(experiments);
        SweepDef def = new SweepLoader(experiments.resolve("sweeps"), loader).load(name);
        ExperimentDef exp = loader.load(def.experiment());
        SweepOptions opt = new SweepOptions(b, parallel, inputs.resultsRoot(), root, inputs.sources(), resume, fresh, err);

        SweepRunner runner = new SweepRunner();
        SweepResult r;
        try (StopHook stop = StopHook.install(runner::requestStop, 60, "dvg-sweep-stop")) {
            r = runner.run(def, exp, opt);
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
