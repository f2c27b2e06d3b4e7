package dev.dvg.cli;

import dev.dvg.bench.suite.BenchResult;
import dev.dvg.bench.suite.BenchSuite;
import dev.dvg.bench.suite.BenchTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * {@code dvg bench}: the JMH suite of modules/bench (training steps, inference, kernels, FMA peak,
 * memory), David next to DL4J, one child JVM per thread count; prints the tables and writes
 * results/bench/&lt;run-id&gt;/ (bench.json, bench.md, bench.html).
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Benchmark David against DL4J with JMH: training steps and inference of every reference",
            "model, GEMM/conv kernels against the machine's measured FMA peak, and peak memory.",
            "Writes bench.json, bench.md and bench.html to OUT/<run-id>/. Full run: about 33 minutes;",
            "--quick: about 5 (batch 128 only, short iterations, one JVM per thread count).",
            "Exit 1 when a benchmark failed to run (targets not met are reported, not failures)."})
final class BenchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--quick", description = "the short suite (about 5 minutes; see modules/bench package-info)")
    boolean quick;

    @Option(names = "--out", paramLabel = "DIR", description = "results root (default: results/bench)")
    Path out;

    @Option(names = "--include", paramLabel = "REGEX",
            description = "run only jobs whose name matches, e.g. 'train mnist-lenet|gemm|peak' (names: bench.md)")
    String include;

    @Option(names = "--threads", paramLabel = "N[,N...]", split = ",", defaultValue = "1,2",
            description = "thread counts, one child JVM each with OMP_NUM_THREADS=N (default: ${DEFAULT-VALUE})")
    List<Integer> threads;

    @Option(names = "--profiler", paramLabel = "NAME[:OPTIONS]",
            description = {"add a JMH profiler to every benchmark, as JMH's -prof takes it (repeatable):",
                "e.g. stack (hottest methods, printed in child-t<N>.log), jfr:dir=/tmp/jfr, perfasm"})
    List<String> profilers = List.of();

    @Override
    public Integer call() throws Exception {
        Pattern p = null;
        if (include != null) {
            try {
                p = Pattern.compile(include);
            } catch (PatternSyntaxException e) {
                throw new Failures.UserError(ExitCodes.USAGE, "--include: not a regular expression: " + e.getMessage());
            }
        }
        if (threads.stream().anyMatch(t -> t < 1)) {
            throw new Failures.UserError(ExitCodes.USAGE, "--threads: counts must be >= 1, got " + threads);
        }
        Path root = Dvg.root();
        Path dir = out != null ? out : root.resolve("results").resolve("bench");
        PrintWriter w = spec.commandLine().getOut();
        BenchSuite.Outcome o;
        try {
            o = BenchSuite.run(new BenchSuite.Config(quick, dir, p, threads, root, profilers), w);
        } catch (IllegalArgumentException e) {
            throw new Failures.UserError(ExitCodes.USAGE, e.getMessage());
        }
        BenchResult r = o.result();
        w.println();
        w.println(BenchTable.format(r));
        w.println();
        w.println("bench: " + o.dir().resolve("bench.json") + ", bench.md, bench.html");
        if (!r.failures().isEmpty()) {
            w.println("bench: " + r.failures().size() + " failure(s):");
            r.failures().forEach(f -> w.println("  " + f));
        }
        w.flush();
        return r.failures().isEmpty() ? ExitCodes.OK : ExitCodes.FAILED;
    }
}
