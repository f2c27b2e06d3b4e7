package dev.dvg.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.util.concurrent.Callable;

/**
 * {@code dvg run <experiment>}: train David and Goliath on identical data and report. The runner
 * is the next piece of work (issue: experiment runner); until it lands this says so plainly.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run an experiment: train both engines on identical data and write results.",
            "Not built yet: the experiment runner is the next milestone."})
final class RunCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "EXPERIMENT", description = "experiment id, e.g. david-vs-goliath")
    String experiment;

    @Override
    public Integer call() {
        spec.commandLine().getErr().println(
                "dvg run " + experiment + ": not yet — the experiment runner is not built yet.\n"
                        + "What works today: './dvg data fetch mnist', './dvg data info' and "
                        + "'./dvg parity <model-id>' (step-by-step David vs DL4J check).");
        return ExitCodes.NOT_YET;
    }
}
