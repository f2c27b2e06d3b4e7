package dev.dvg.cli;

import dev.dvg.engine.eval.ClassificationReport;
import dev.dvg.runner.KagglePrediction;
import dev.dvg.runner.SavedModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code dvg predict}: a saved model (models/ of a run folder) classifies a Kaggle "Digit Recognizer"
 * CSV and writes a submission; with a train.csv (labels) it also prints accuracy and confusions.
 */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = {"Classify a Kaggle Digit Recognizer CSV with a model saved by dvg run (models/ of a run",
            "folder: David's .dvgm or DL4J's .zip), applying the model's own input transform, and write",
            "the submission ImageId,Label (1-based). A CSV with a label column (train.csv) is also scored."})
final class PredictCommand implements Callable<Integer> {

    /** Confusions (true → predicted) listed after the accuracy. */
    static final int TOP_CONFUSIONS = 5;

    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "FILE",
            description = "saved model, e.g. results/mnist-lenet/latest-run/models/david-seed42.dvgm")
    Path model;

    @Option(names = "--csv", required = true, paramLabel = "FILE",
            description = "Kaggle CSV: test.csv (pixel0..pixel783) or train.csv (label,pixel0..pixel783)")
    Path csv;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "submission to write (atomically)")
    Path out;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "1",
            description = "David's threads (default: ${DEFAULT-VALUE})")
    int threads;

    @Override
    public Integer call() throws IOException {
        if (threads < 1) {
            throw new Failures.UserError(ExitCodes.USAGE, "--threads must be >= 1, got " + threads);
        }
        PrintWriter w = spec.commandLine().getOut();
        long t0 = System.nanoTime();
        KagglePrediction.Result r;
        String what;
        try (SavedModel m = SavedModel.load(model, threads)) {
            what = m.spec().id() + " (" + m.metadata().engine() + ", seed " + m.spec().seed() + ", run "
                    + m.metadata().runId() + ")";
            r = KagglePrediction.run(m, csv, out);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        w.printf(Locale.ROOT, "%s: %d predictions by %s in %.1f s%n", out, r.rows(), what, seconds);
        if (r.labelled()) {
            printScores(w, r.report());
        }
        w.flush();
        return ExitCodes.OK;
    }

    private static void printScores(PrintWriter w, ClassificationReport cr) {
        long[][] c = cr.confusion();
        long correct = 0;
        for (int k = 0; k < c.length; k++) {
            correct += c[k][k];
        }
        w.printf(Locale.ROOT, "accuracy %.4f (%d of %d labelled rows)%n", cr.accuracy(), correct, cr.total());
        StringBuilder recall = new StringBuilder("recall per digit:");
        for (int k = 0; k < cr.classes(); k++) {
            recall.append(String.format(Locale.ROOT, " %d:%.3f", k, cr.recall(k)));
        }
        w.println(recall);
        List<long[]> errors = new ArrayList<>();
        for (int t = 0; t < c.length; t++) {
            for (int p = 0; p < c.length; p++) {
                if (t != p && c[t][p] > 0) {
                    errors.add(new long[] {c[t][p], t, p});
                }
            }
        }
        errors.sort(Comparator.comparingLong((long[] e) -> -e[0]).thenComparingLong(e -> e[1]));
        StringBuilder top = new StringBuilder("most frequent confusions (true->predicted: count):");
        if (errors.isEmpty()) {
            top.append(" none");
        }
        for (int i = 0; i < Math.min(TOP_CONFUSIONS, errors.size()); i++) {
            long[] e = errors.get(i);
            top.append(String.format(Locale.ROOT, " %d->%d: %d", e[1], e[2], e[0]));
        }
        w.println(top);
    }
}
