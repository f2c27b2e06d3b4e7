package dev.dvg.cli;

import dev.dvg.runner.Budget;
import dev.dvg.runner.ExperimentDef;
import dev.dvg.runner.ExperimentLoader;
import dev.dvg.runner.ExperimentRunner;
import dev.dvg.runner.Pretrained;
import dev.dvg.models.ReferenceModels;
import dev.dvg.runner.RunOptions;
import dev.dvg.runner.SuiteRun;
import dev.dvg.report.ReportResult;
import dev.dvg.report.Reports;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code dvg run <experiment>}: train David and Goliath on identical data and write results
 * (results/FORMAT.md). A suite (david-vs-goliath) runs each of its experiments into one folder.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run an experiment of experiments/: train both engines on identical data and write",
            "results/<experiment>/<run-id>/ (run.json, metrics.jsonl, summary.json, artifacts/).",
            "A suite such as david-vs-goliath runs every experiment it includes."})
final class RunCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "EXPERIMENT", description = "experiment id (a file experiments/<id>.yaml), e.g. david-vs-goliath")
    String experiment;

    @Option(names = "--budget", paramLabel = "quick|default|full", defaultValue = "default",
            description = "training budget (default: ${DEFAULT-VALUE})")
    String budget;

    @Option(names = "--seeds", paramLabel = "N", defaultValue = "1",
            description = "run the first N seeds of each experiment (default: ${DEFAULT-VALUE})")
    int seeds;

    @Mixin
    RunInputs inputs;

    @Option(names = "--threads-david", paramLabel = "N", defaultValue = "0", description = "David's threads (0: the experiment's setting)")
    int davidThreads;

    @Option(names = "--threads-dl4j", paramLabel = "N", defaultValue = "0", description = "DL4J's threads (0: the experiment's setting)")
    int dl4jThreads;

    @Option(names = "--no-report", description = "skip writing report.md/report.html after the run")
    boolean noReport;

    @Option(names = "--weights", paramLabel = "FILE",
            description = {"digits20-mlp25 (alone or in a suite): the ML course's pretrained ex4weights.mat; both engines",
                "score it (training-set accuracy, cost at lambda 0 and 1) before training from random init"})
    Path weights;

    private Path suiteDir;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter outW = spec.commandLine().getOut();
        Path root = Dvg.root();
        Budget b = RunInputs.budget(budget);
        ExperimentLoader loader = new ExperimentLoader(inputs.experiments());
        ExperimentDef top = loader.load(experiment);
        List<ExperimentDef> defs = loader.expand(experiment);
        if (weights != null && defs.stream().noneMatch(RunCommand::takesWeights)) {
            throw new Failures.UserError(ExitCodes.USAGE, "--weights: only model " + ReferenceModels.DIGITS20_MLP25
                    + " takes pretrained weights (the course's ex4weights.mat); " + experiment
                    + (top.isSuite() ? " is a suite without it" : " trains model " + top.model()));
        }
        Path resultsRoot = inputs.resultsRoot();
        RunOptions opt = new RunOptions(b, seeds, resultsRoot, root, inputs.sources(), davidThreads, dl4jThreads, err,
                weights);

        ExperimentRunner runner = new ExperimentRunner();
        SuiteRun suite = top.isSuite()
                ? SuiteRun.start(resultsRoot, top, b, defs.stream().map(ExperimentDef::id).toList()) : null;
        if (suite != null) {
            runner.inSuite(suite);
        }
        List<ExperimentRunner.RunResult> results = new ArrayList<>();
        boolean failed = false;
        StopHook stop = StopHook.install(runner::requestStop, 60, "dvg-stop");
        try {
            for (ExperimentDef def : defs) {
                if (runner.stopRequested()) {
                    break;
                }
                try {
                    // in a suite, the weights go to the experiments of digits20-mlp25 only
                    results.add(runner.run(def, takesWeights(def) ? opt : opt.withoutWeights()));
                } catch (Pretrained.Mismatch e) {
                    err.println("dvg run " + def.id() + ": " + e.getMessage());
                    failed = true;
                } catch (IllegalArgumentException e) {
                    if (!top.isSuite()) {
                        throw e;
                    }
                    err.println("dvg run " + def.id() + ": skipped: " + e.getMessage());
                    failed = true;
                }
            }
        } finally {
            if (suite != null) {
                boolean complete = !failed && results.size() == defs.size()
                        && results.stream().allMatch(r -> "complete".equals(r.status()));
                suiteDir = suite.finish(complete ? "complete" : runner.stopRequested() ? "incomplete" : "failed");
            }
            stop.close();
        }
        printHeadline(outW, results, suiteDir);
        Path reportOf = suiteDir != null ? suiteDir : results.size() == 1 ? results.get(0).dir() : null;
        if (reportOf != null && !noReport) {
            ReportResult rep = Reports.write(reportOf, reportOf);
            outW.println("report: " + rep.markdown() + " and " + rep.html());
        }
        outW.flush();
        boolean incomplete = results.stream().anyMatch(r -> !"complete".equals(r.status()));
        return failed || incomplete ? ExitCodes.FAILED : ExitCodes.OK;
    }

    private static boolean takesWeights(ExperimentDef def) {
        return !def.isSuite() && ReferenceModels.DIGITS20_MLP25.equals(def.model());
    }

    private static void printHeadline(PrintWriter out, List<ExperimentRunner.RunResult> results, Path suiteDir) {
        out.printf(Locale.ROOT, "%-18s %-10s %10s %10s %10s %12s %s%n", "experiment", "status", "david acc", "dl4j acc",
                "speed x", "parity rel", "results");
        for (ExperimentRunner.RunResult r : results) {
            Map<?, ?> engines = (Map<?, ?>) r.summary().get("engines");
            Map<?, ?> parity = (Map<?, ?>) r.summary().get("parity");
            out.printf(Locale.ROOT, "%-18s %-10s %10s %10s %10s %12s %s%n", r.experiment(), r.status(),
                    num(engines.get("david"), "test_accuracy", "%.4f"), num(engines.get("dl4j"), "test_accuracy", "%.4f"),
                    fmt(r.summary().get("speed_ratio"), "%.2f"), fmt(parity.get("max_rel_loss_diff"), "%.1e"),
                    suiteDir != null ? suiteDir.resolve(r.experiment()) : r.dir());
        }
        for (ExperimentRunner.RunResult r : results) {
            if (r.summary().get("pretrained") instanceof Map<?, ?> p) {
                for (String line : Pretrained.describe(p)) {
                    out.println(r.experiment() + " " + line);
                }
            }
        }
        out.flush();
    }

    private static String num(Object engine, String key, String f) {
        return engine instanceof Map<?, ?> m ? fmt(m.get(key), f) : "-";
    }

    private static String fmt(Object v, String f) {
        return v instanceof Number n ? String.format(Locale.ROOT, f, n.doubleValue()) : "-";
    }
}
