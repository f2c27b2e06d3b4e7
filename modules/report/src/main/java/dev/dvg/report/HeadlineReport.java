package dev.dvg.report;

import dev.dvg.report.chart.Pictures;
import dev.dvg.report.doc.Block;
import dev.dvg.report.doc.Document;
import dev.dvg.report.read.EngineSummary;
import dev.dvg.report.read.FinalEvent;
import dev.dvg.report.read.RunResults;
import dev.dvg.report.read.Summary;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The comparison a reader looks for first: one row per model with both engines' test accuracy (mean
 * ± sd and every seed), the accuracy and loss gaps, time to the target accuracy and the throughput
 * ratio, followed by a dot plot of test error and a throughput bar chart.
 */
final class HeadlineReport {
    private HeadlineReport() {
    }

    static void write(Document doc, List<RunResults> runs, List<String> slugs, List<String> missing) {
        doc.heading(2, "Headline: David vs DL4J", "headline");
        List<List<String>> rows = new ArrayList<>();
        List<String> models = new ArrayList<>();
        double[][][] acc = new double[2][runs.size()][];
        double[][][] eps = new double[2][runs.size()][];
        for (int i = 0; i < runs.size(); i++) {
            RunResults r = runs.get(i);
            RunReport rr = new RunReport(r, slugs.get(i), 2);
            Summary s = r.summary();
            models.add(r.info().experiment());
            for (Engine e : Engine.values()) {
                acc[e.ordinal()][i] = rr.seedAccuracies(e);
                eps[e.ordinal()][i] = r.metrics().finals().stream().filter(f -> f.engine() == e)
                        .mapToDouble(FinalEvent::examplesPerSecond).toArray();
            }
            double dAcc = rr.meanAccuracy(Engine.DAVID) - rr.meanAccuracy(Engine.DL4J);
            String lossGap = Fmt.NA;
            String ttt = Fmt.NA;
            String ratio = Fmt.NA;
            String parity = Fmt.NA;
            if (s != null) {
                EngineSummary d = s.engine(Engine.DAVID);
                EngineSummary g = s.engine(Engine.DL4J);
                double gap = d.finalTrainLoss() - g.finalTrainLoss();
                lossGap = !Fmt.ok(gap) ? Fmt.NA : gap == 0 ? "0" : String.format(Locale.ROOT, "%+.2e", gap);
                ttt = tt(d.timeToTargetSeconds()) + " / " + tt(g.timeToTargetSeconds())
                        + (Fmt.ok(rr.target()) ? "\n~target " + Fmt.pct(rr.target()) + "~" : "");
                ratio = "**" + Fmt.ratio(s.speedRatio()) + "**\n~" + Fmt.count(d.examplesPerSecond()) + " / "
                        + Fmt.count(g.examplesPerSecond()) + " ex/s~";
                parity = Fmt.sci(s.parity().maxRelLossDiff()) + (s.parity().sameInit() ? "" : "\n~different init~");
            }
            String status = r.complete() ? "" : "\n~" + r.status() + "~";
            rows.add(List.of("[" + r.info().experiment() + "](#" + slugs.get(i) + ")" + status,
                    Integer.toString(Math.max(acc[0][i].length, acc[1][i].length)),
                    rr.accuracyCell(Engine.DAVID) + rr.divergedMark(Engine.DAVID),
                    rr.accuracyCell(Engine.DL4J) + rr.divergedMark(Engine.DL4J),
                    Fmt.signedPp(dAcc),
                    lossGap, parity, ttt, ratio));
        }
        for (String m : missing) {
            rows.add(List.of(m + "\n~not run~", "0", Fmt.NA, Fmt.NA, Fmt.NA, Fmt.NA, Fmt.NA, Fmt.NA, Fmt.NA));
        }
        doc.add(new Block.Table(List.of("Model", "Seeds", "{david}\ntest acc. %", "{dl4j}\ntest acc. %", "Δ acc.\npp",
                "Δ final\ntrain loss", "Parity\n~max rel. Δloss~", "Time to target\n~David / DL4J~", "Speed\n~David / DL4J~"),
                rows, new boolean[] {false, true, true, true, true, true, true, true, true}));
        doc.para("Accuracy: mean ± sample sd over seeds, every seed listed under it. Δ values are David − DL4J. "
                + "Max rel. step-loss diff: the largest relative difference of the minibatch loss over the steps compared "
                + "(same initial weights). Throughput: training examples per second; the ratio above 1 means David is faster.");
        if (!runs.isEmpty()) {
            doc.figure("Left: test error per model (lower is better), every seed a small dot, the mean a large marker. "
                    + "Right: training throughput (higher is better), log scale.",
                    Pictures.dotPlot("headline-test-error.png", "Test error per model", "test error (%)", models, errors(acc), false),
                    Pictures.dotPlot("headline-throughput.png", "Training throughput", "examples / s (log scale)", models, eps, true));
        }
    }

    private static double[][][] errors(double[][][] acc) {
        double[][][] err = new double[acc.length][][];
        for (int e = 0; e < acc.length; e++) {
            err[e] = new double[acc[e].length][];
            for (int m = 0; m < acc[e].length; m++) {
                err[e][m] = java.util.Arrays.stream(acc[e][m]).map(a -> 100 * (1 - a)).toArray();
            }
        }
        return err;
    }

    private static String tt(double s) {
        return Fmt.ok(s) ? Fmt.seconds(s) : "not reached";
    }
}
