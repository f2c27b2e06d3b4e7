package dev.dvg.report.chart;

import dev.dvg.report.Engine;
import dev.dvg.report.doc.Image;
import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Line, scatter and bar charts drawn with XChart. Engines always use {@link Engine#color()}; David
 * is drawn solid and DL4J dashed on top, so identical curves stay visible as one interleaved line.
 */
public final class Plots {
    public static final int W = 600;
    public static final int H = 360;
    private static final BasicStroke SOLID = new BasicStroke(2.0f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
    private static final BasicStroke DASHED = new BasicStroke(2.0f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f,
            new float[] {7f, 5f}, 0f);
    private static final BasicStroke THIN = new BasicStroke(0.8f);
    private static final BasicStroke THIN_DASHED = new BasicStroke(1.4f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f,
            new float[] {3f, 3f}, 0f);

    private Plots() {
    }

    /** A series of one engine (one seed): x, y values; NaN y values are left out. */
    public record Line(Engine engine, long seed, double[] x, double[] y) {
    }

    private static XYChart xy(String title, String xTitle, String yTitle) {
        XYChart c = new XYChart(W, H);
        c.setTitle(title);
        c.setXAxisTitle(xTitle);
        c.setYAxisTitle(yTitle);
        ChartKit.style(c.getStyler());
        return c;
    }

    private static BasicStroke stroke(Engine e) {
        return e == Engine.DAVID ? SOLID : DASHED;
    }

    /**
     * Training loss per step: each seed's raw minibatch loss faint, its moving average bold; log y
     * when the loss spans more than a decade and a half.
     */
    public static Image lossPerStep(String file, String title, List<Line> lines) {
        XYChart c = xy(title, "step", "minibatch loss (incl. L2)");
        c.getStyler().setXAxisDecimalPattern("#,##0");
        c.getStyler().setXAxisTickMarkSpacingHint(90);
        double min = Double.POSITIVE_INFINITY;
        double max = 0;
        for (Line l : lines) {
            for (double v : l.y()) {
                if (v > 0 && Double.isFinite(v)) {
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
            }
        }
        boolean log = max / min > 30;
        c.getStyler().setYAxisLogarithmic(log);
        c.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        boolean[] inLegend = new boolean[2];
        int i = 0;
        for (Engine e : new Engine[] {Engine.DAVID, Engine.DL4J}) {
            for (Line l : lines) {
                if (l.engine() != e) {
                    continue;
                }
                double[][] xy = finite(l.x(), l.y(), log);
                if (xy[0].length == 0) {
                    continue;
                }
                XYSeries raw = c.addSeries("raw " + i++, xy[0], xy[1]);
                raw.setLineColor(ChartKit.alpha(e.color(), 60));
                raw.setLineStyle(THIN);
                raw.setMarker(SeriesMarkers.NONE);
                raw.setShowInLegend(false);
            }
        }
        long seeds = lines.stream().mapToLong(Line::seed).distinct().count();
        for (Engine e : new Engine[] {Engine.DAVID, Engine.DL4J}) {
            for (Line l : lines) {
                if (l.engine() != e) {
                    continue;
                }
                double[][] xy = finite(l.x(), l.y(), log);
                if (xy[0].length == 0) {
                    continue;
                }
                int window = Math.max(1, xy[0].length / 40);
                String name = !inLegend[e.ordinal()] ? e.label() + " (moving mean of " + window + (seeds > 1 ? ", " + seeds + " seeds)" : ")")
                        : e.label() + " seed " + l.seed();
                XYSeries s = c.addSeries(name, xy[0], movingMean(xy[1], window));
                s.setLineColor(e.color());
                s.setLineStyle(stroke(e));
                s.setMarker(SeriesMarkers.NONE);
                s.setShowInLegend(!inLegend[e.ordinal()]);
                inLegend[e.ordinal()] = true;
            }
        }
        emptyGuard(c);
        niceStepTicks(c);
        return ChartKit.render(c, file, title);
    }

    /** |Δloss| per step between the engines, one neutral line per seed, log y. */
    public static Image absDiffPerStep(String file, String title, List<long[]> seedsSteps, List<double[]> diffs, List<Long> seeds) {
        XYChart c = xy(title, "step", "|loss David − loss DL4J|");
        c.getStyler().setXAxisDecimalPattern("#,##0");
        c.getStyler().setXAxisTickMarkSpacingHint(90);
        c.getStyler().setYAxisLogarithmic(true);
        c.getStyler().setLegendVisible(seeds.size() > 1);
        Color[] shades = {ChartKit.NEUTRAL, new Color(0x8a97a3), new Color(0x009e73), new Color(0xcc79a7), new Color(0xe69f00)};
        for (int i = 0; i < seeds.size(); i++) {
            List<Double> xs = new ArrayList<>();
            List<Double> ys = new ArrayList<>();
            for (int j = 0; j < diffs.get(i).length; j++) {
                double d = diffs.get(i)[j];
                if (d > 0 && Double.isFinite(d)) {
                    xs.add((double) seedsSteps.get(i)[j]);
                    ys.add(d);
                }
            }
            if (xs.isEmpty()) {
                continue;
            }
            XYSeries s = c.addSeries("seed " + seeds.get(i), xs, ys);
            s.setLineColor(shades[i % shades.length]);
            s.setLineStyle(new BasicStroke(1.2f));
            s.setMarker(SeriesMarkers.NONE);
        }
        emptyGuard(c);
        niceStepTicks(c);
        return ChartKit.render(c, file, title);
    }

    /**
     * A per-epoch quantity (accuracy or loss) of both engines, train dashed-thin and test bold with
     * markers, averaged over seeds when there are several.
     */
    public static Image perEpoch(String file, String title, String yTitle, boolean percent,
                                 List<Line> train, List<Line> test, boolean logY) {
        XYChart c = xy(title, "epoch", yTitle);
        c.getStyler().setLegendPosition(percent ? Styler.LegendPosition.InsideSE : Styler.LegendPosition.InsideNE);
        c.getStyler().setYAxisLogarithmic(logY);
        c.getStyler().setXAxisDecimalPattern("0");
        c.getStyler().setYAxisDecimalPattern(percent ? "0.0#'%'" : "0.0##");
        for (Engine e : Engine.values()) {
            add(c, e, mean(train, e), percent, e.label() + " train", THIN_DASHED, false);
            add(c, e, mean(test, e), percent, e.label() + " test", e == Engine.DAVID ? SOLID : DASHED, true);
        }
        emptyGuard(c);
        return ChartKit.render(c, file, title);
    }

    private static void add(XYChart c, Engine e, double[][] xy, boolean percent, String name, BasicStroke stroke, boolean markers) {
        if (xy == null || xy[0].length == 0) {
            return;
        }
        double[] y = xy[1].clone();
        if (percent) {
            for (int i = 0; i < y.length; i++) {
                y[i] *= 100;
            }
        }
        XYSeries s = c.addSeries(name, xy[0], y);
        s.setLineColor(e.color());
        s.setLineStyle(stroke);
        s.setMarkerColor(e.color());
        s.setMarker(markers ? (e == Engine.DAVID ? SeriesMarkers.CIRCLE : SeriesMarkers.DIAMOND) : SeriesMarkers.NONE);
    }

    /** Mean over the seeds of one engine at each x present in all of them. */
    private static double[][] mean(List<Line> lines, Engine e) {
        List<Line> mine = lines.stream().filter(l -> l.engine() == e).toList();
        if (mine.isEmpty()) {
            return null;
        }
        java.util.TreeMap<Double, double[]> acc = new java.util.TreeMap<>();
        for (Line l : mine) {
            for (int i = 0; i < l.x().length; i++) {
                if (Double.isFinite(l.y()[i])) {
                    double[] a = acc.computeIfAbsent(l.x()[i], k -> new double[2]);
                    a[0] += l.y()[i];
                    a[1]++;
                }
            }
        }
        List<double[]> pts = acc.entrySet().stream().filter(en -> en.getValue()[1] == mine.size())
                .map(en -> new double[] {en.getKey(), en.getValue()[0] / en.getValue()[1]}).toList();
        double[][] out = new double[2][pts.size()];
        for (int i = 0; i < pts.size(); i++) {
            out[0][i] = pts.get(i)[0];
            out[1][i] = pts.get(i)[1];
        }
        return out;
    }

    /** One point per candidate: David's score against DL4J's, with the diagonal y = x. */
    public static Image scoreScatter(String file, String title, String scoreName, double[] david, double[] dl4j, boolean percent) {
        XYChart c = xy(title, "David " + scoreName, "DL4J " + scoreName);
        c.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        c.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE);
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        List<Double> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        double k = percent ? 100 : 1;
        for (int i = 0; i < david.length; i++) {
            if (Double.isFinite(david[i]) && Double.isFinite(dl4j[i])) {
                xs.add(k * david[i]);
                ys.add(k * dl4j[i]);
                lo = Math.min(lo, Math.min(k * david[i], k * dl4j[i]));
                hi = Math.max(hi, Math.max(k * david[i], k * dl4j[i]));
            }
        }
        if (!xs.isEmpty()) {
            double pad = Math.max((hi - lo) * 0.05, 1e-9);
            double[] d = {lo - pad, hi + pad};
            XYSeries diag = c.addSeries("equal score (y = x)", d, d);
            diag.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
            diag.setLineColor(new Color(0x9aa5b1));
            diag.setLineStyle(THIN_DASHED);
            diag.setMarker(SeriesMarkers.NONE);
            XYSeries s = c.addSeries("candidate", xs, ys);
            s.setMarker(SeriesMarkers.CIRCLE);
            s.setMarkerColor(ChartKit.alpha(ChartKit.NEUTRAL, 200));
            c.getStyler().setXAxisMin(d[0]).setXAxisMax(d[1]).setYAxisMin(d[0]).setYAxisMax(d[1]);
        }
        if (percent) {
            c.getStyler().setXAxisDecimalPattern("0.#'%'");
            c.getStyler().setYAxisDecimalPattern("0.#'%'");
        }
        emptyGuard(c);
        return ChartKit.render(c, file, title);
    }

    /**
     * Score against one hyper-parameter for both engines. Numeric values on a linear or log axis;
     * {@code categories} non-null turns x into category indices labelled with them.
     */
    public static Image scoreVsParam(String file, String title, String param, String scoreName,
                                     double[][] x, double[][] y, boolean logX, List<String> categories, boolean percent) {
        XYChart c = xy(title, param + (logX ? " (log scale)" : ""), scoreName);
        c.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        c.getStyler().setXAxisLogarithmic(logX);
        c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        c.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
        if (categories != null) {
            c.getStyler().setPlotGridVerticalLinesVisible(false);
            c.getStyler().setxAxisTickLabelsFormattingFunction(v -> {
                long r = Math.round(v);
                return Math.abs(v - r) < 1e-6 && r >= 0 && r < categories.size() ? categories.get((int) r) : "";
            });
        } else if (!logX) {
            c.getStyler().setXAxisDecimalPattern("#,##0.####");
        }
        if (percent) {
            c.getStyler().setYAxisDecimalPattern("0.#'%'");
        }
        for (Engine e : Engine.values()) {
            // no sideways offset for levels: XChart puts one labelled tick per level only when the x values
            // are evenly spaced; the engines differ by marker shape (David circle, DL4J diamond) instead
            double off = 0;
            List<Double> xs = new ArrayList<>();
            List<Double> ys = new ArrayList<>();
            for (int i = 0; i < x[e.ordinal()].length; i++) {
                if (Double.isFinite(y[e.ordinal()][i]) && Double.isFinite(x[e.ordinal()][i])) {
                    xs.add(x[e.ordinal()][i] + off);
                    ys.add(y[e.ordinal()][i] * (percent ? 100 : 1));
                }
            }
            if (!xs.isEmpty()) {
                XYSeries s = c.addSeries(e.label(), xs, ys);
                s.setMarker(e == Engine.DAVID ? SeriesMarkers.CIRCLE : SeriesMarkers.DIAMOND);
                s.setMarkerColor(ChartKit.alpha(e.color(), 210));
            }
        }
        emptyGuard(c);
        return ChartKit.render(c, file, title);
    }

    /** Seconds per candidate for both engines, grouped bars. */
    public static Image timePerCandidate(String file, String title, List<String> candidates, double[][] seconds) {
        CategoryChart c = new CategoryChart(Math.max(W, Math.min(1280, 120 + 26 * candidates.size())), H);
        c.setTitle(title);
        c.setXAxisTitle("candidate");
        c.setYAxisTitle("training time (s)");
        ChartKit.style(c.getStyler());
        c.getStyler().setPlotGridVerticalLinesVisible(false);
        c.getStyler().setAvailableSpaceFill(0.75);
        c.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        c.getStyler().setSeriesColors(new Color[] {Engine.DAVID.color(), Engine.DL4J.color()});
        c.getStyler().setXAxisLabelRotation(candidates.size() > 24 ? 90 : 0);
        for (Engine e : Engine.values()) {
            List<Double> ys = new ArrayList<>();
            for (double v : seconds[e.ordinal()]) {
                ys.add(Double.isFinite(v) ? v : 0.0);
            }
            CategorySeries s = c.addSeries(e.label(), candidates, ys);
            s.setFillColor(e.color());
        }
        return ChartKit.render(c, file, title);
    }

    /**
     * XChart labels an axis whose x values are all equally spaced (steps 1..N) at every k-th data
     * point (1, 19, 37, …) instead of at round numbers. One invisible point half-way between two
     * steps switches it to its ordinary round-number ticks.
     */
    private static void niceStepTicks(XYChart c) {
        XYSeries first = c.getSeriesMap().values().iterator().next();
        double x0 = first.getXMin();
        double y0 = first.getYMax();
        XYSeries h = c.addSeries("\u200b", new double[] {x0 + 0.5}, new double[] {y0});
        h.setMarker(SeriesMarkers.NONE);
        h.setLineColor(new Color(0, 0, 0, 0));
        h.setShowInLegend(false);
    }

    private static void emptyGuard(XYChart c) {
        if (c.getSeriesMap().isEmpty()) {
            XYSeries s = c.addSeries("no data", new double[] {0, 1}, new double[] {1, 1});
            s.setLineColor(new Color(0, 0, 0, 0));
            s.setMarker(SeriesMarkers.NONE);
            c.setTitle(c.getTitle() + " (no data)");
        }
    }

    /** Leaves out points with non-finite y (and y ≤ 0 on a log axis). */
    private static double[][] finite(double[] x, double[] y, boolean log) {
        int n = 0;
        for (double v : y) {
            if (Double.isFinite(v) && (!log || v > 0)) {
                n++;
            }
        }
        double[][] out = new double[2][n];
        int j = 0;
        for (int i = 0; i < y.length; i++) {
            if (Double.isFinite(y[i]) && (!log || y[i] > 0)) {
                out[0][j] = x[i];
                out[1][j++] = y[i];
            }
        }
        return out;
    }

    /** Trailing moving mean over {@code w} points (shorter at the start). */
    static double[] movingMean(double[] y, int w) {
        double[] out = new double[y.length];
        double sum = 0;
        for (int i = 0; i < y.length; i++) {
            sum += y[i];
            if (i >= w) {
                sum -= y[i - w];
            }
            out[i] = sum / Math.min(i + 1, w);
        }
        return out;
    }

    /** Formats a number for axis labels in a fixed locale. */
    static Function<Double, String> fmt(String pattern) {
        return v -> String.format(Locale.ROOT, pattern, v);
    }
}
