package dev.dvg.cli;

import dev.dvg.data.fetch.DataCatalog;
import dev.dvg.data.fetch.DataConfig;
import dev.dvg.dl4j.parity.Parity;
import dev.dvg.dl4j.parity.ParityBatch;
import dev.dvg.dl4j.parity.ParityData;
import dev.dvg.engine.spec.OptimizerSpec;
import dev.dvg.kernels.Exec;
import dev.dvg.models.ModelSpec;
import dev.dvg.models.ReferenceModels;
import dev.dvg.models.SpecJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code dvg parity <model>}: a user's first check that David is right. Same spec, same initial
 * weights, same batches: prints forward and gradient differences on the first batch, then the loss
 * of both engines step by step, and fails (exit 1) when the per-step losses drift apart by more than
 * {@link #LOSS_REL}.
 */
@Command(name = "parity", mixinStandardHelpOptions = true,
        description = {"Train David and DL4J side by side from the same weights on the same batches and print",
            "the per-step loss of both and the largest difference (exit 1 above the tolerance)."})
final class ParityCommand implements Callable<Integer> {

    /** Per-step relative loss difference allowed in float32 (the parity tests' target). */
    static final double LOSS_REL = 1e-4;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL", description = "reference model id: ${COMPLETION-CANDIDATES}",
            completionCandidates = ModelIds.class)
    String model;

    @Option(names = "--steps", paramLabel = "K", defaultValue = "50", description = "training steps compared (default: ${DEFAULT-VALUE})")
    int steps;

    @Option(names = "--optimizer", paramLabel = "JSON",
            description = "optimiser both engines use, as JSON, e.g. '{\"type\":\"adam\",\"learningRate\":0.001,"
                    + "\"beta1\":0.9,\"beta2\":0.999,\"epsilon\":1e-8}' (default: the model's own when DL4J has it exactly, else SGD lr 0.01)")
    String optimizerJson;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "64", description = "examples per batch for minibatch models (default: ${DEFAULT-VALUE})")
    int batch;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "1", description = "David's threads (default: ${DEFAULT-VALUE})")
    int threads;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "folder with MNIST IDX files (default: $DVG_DATA, then the cache)")
    Path dataDir;

    @Option(names = "--digits", paramLabel = "FILE", description = "OpenCV's digits.png for digits20-mlp25 (default: $DVG_DIGITS)")
    Path digits;

    /** The reference model ids, for the help text. */
    static final class ModelIds implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return ReferenceModels.ids().iterator();
        }
    }

    @Override
    public Integer call() throws Exception {
        if (!ReferenceModels.ids().contains(model)) {
            throw new Failures.UserError(ExitCodes.USAGE, "unknown model '" + model + "'; expected one of: "
                    + String.join(", ", ReferenceModels.ids()));
        }
        if (steps < 0 || batch < 1 || threads < 1) {
            throw new Failures.UserError(ExitCodes.USAGE, "--steps must be >= 0, --batch and --threads >= 1");
        }
        ModelSpec m = ReferenceModels.get(model);
        OptimizerSpec opt = optimizerJson != null ? SpecJson.optimizerFromJson(optimizerJson, "--optimizer") : shared(m.optimizer());
        Path digitsFile = digits != null ? digits : (System.getenv("DVG_DIGITS") == null ? null : Path.of(System.getenv("DVG_DIGITS")));
        List<ParityBatch> batches = ParityData.batches(m, batch, Math.max(1, steps),
                new DataCatalog(DataConfig.fromEnvironment(dataDir)), digitsFile);
        Parity.Result r;
        try (Exec exec = Exec.create(threads)) {
            r = Parity.run(m, opt, batches, steps, exec);
        }
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try (PrintStream ps = new PrintStream(buf, true, StandardCharsets.UTF_8)) {
            Parity.print(r, ps);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.print(buf.toString(StandardCharsets.UTF_8));
        boolean ok = r.losses().isEmpty() || r.maxRelLossDiff() <= LOSS_REL;
        out.printf(Locale.ROOT, "verdict: %s (per-step relative loss difference %.3e, tolerance %.0e)%n",
                ok ? "PARITY" : "MISMATCH", r.losses().isEmpty() ? 0.0 : r.maxRelLossDiff(), LOSS_REL);
        out.flush();
        return ok ? ExitCodes.OK : ExitCodes.FAILED;
    }

    /** The model's optimiser when DL4J has exactly the same one; else SGD, which both share. */
    private static OptimizerSpec shared(OptimizerSpec o) {
        if (o instanceof OptimizerSpec.Sgd || o instanceof OptimizerSpec.Nesterov || o instanceof OptimizerSpec.RmsProp
                || o instanceof OptimizerSpec.Adam) {
            return o;
        }
        return new OptimizerSpec.Sgd(0.01);
    }
}
