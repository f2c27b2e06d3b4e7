package dev.dvg.bench.suite;

import java.util.List;
import java.util.Locale;

/**
 * A horizontal grouped bar chart as a small inline SVG (a few KB, no fonts or images to embed): one
 * group per label, one bar per series, an optional note at the end of each group (e.g. the ratio).
 * modules/report's charts are XChart PNGs of lines and dots; bars of many rows are smaller as SVG.
 */
public final class SvgBars {

    static final String[] COLORS = {"#1f6fb2", "#d9822b", "#6b7b8c"};
    static final int LABEL_W = 190;
    static final int PLOT_W = 420;
    static final int NOTE_W = 90;
    static final int BAR_H = 9;

    private SvgBars() {
    }

    /**
     * @param values [label][series]; NaN or ≤ 0 draws no bar
     * @param log    log axis (values spanning decades), else linear from 0
     */
    public static String chart(String title, String unit, List<String> labels, List<String> series, double[][] values,
                               List<String> notes, boolean log) {
        double hi = 0;
        double lo = Double.POSITIVE_INFINITY;
        for (double[] row : values) {
            for (double v : row) {
                if (Double.isFinite(v) && v > 0) {
                    hi = Math.max(hi, v);
                    lo = Math.min(lo, v);
                }
            }
        }
        if (hi <= 0) {
            hi = 1;
            lo = 1;
        }
        double axLo = log ? Math.pow(10, Math.floor(Math.log10(lo))) : 0;
        double axHi = log ? Math.pow(10, Math.ceil(Math.log10(hi))) : hi * 1.05;
        if (log && axHi <= axLo) {
            axHi = axLo * 10;
        }
        int groupH = series.size() * BAR_H + 8;
        int top = 40;
        int h = top + labels.size() * groupH + 30;
        int w = LABEL_W + PLOT_W + NOTE_W;
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"11\" role=\"img\" aria-label=\"%s\">%n",
                w, h, w, h, esc(title)));
        s.append(String.format(Locale.ROOT, "<text x=\"4\" y=\"14\" font-size=\"13\" font-weight=\"bold\">%s</text>%n",
                esc(title)));
        for (int i = 0; i < series.size(); i++) {
            int x = LABEL_W + i * 110;
            s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"22\" width=\"10\" height=\"10\" fill=\"%s\"/>"
                    + "<text x=\"%d\" y=\"31\">%s</text>%n", x, COLORS[i % COLORS.length], x + 14, esc(series.get(i))));
        }
        double[] ticks = log ? logTicks(axLo, axHi) : linTicks(axHi);
        for (double t : ticks) {
            double x = LABEL_W + scale(t, axLo, axHi, log) * PLOT_W;
            s.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#e3e7eb\"/>"
                    + "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" fill=\"#5f6b76\">%s</text>%n",
                    x, top - 4, x, h - 24, x, h - 12, esc(tick(t))));
        }
        s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" fill=\"#5f6b76\">%s</text>%n",
                LABEL_W + PLOT_W / 2, h - 1, esc(unit + (log ? " (log scale)" : ""))));
        for (int g = 0; g < labels.size(); g++) {
            int y0 = top + g * groupH;
            s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>%n",
                    LABEL_W - 6, y0 + groupH / 2 + 3, esc(labels.get(g))));
            for (int i = 0; i < series.size(); i++) {
                double v = values[g][i];
                if (!(Double.isFinite(v) && v > 0)) {
                    continue;
                }
                double bw = Math.max(1, scale(v, axLo, axHi, log) * PLOT_W);
                s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\">"
                        + "<title>%s %s: %s</title></rect>%n", LABEL_W, y0 + 2 + i * BAR_H, bw, BAR_H - 1,
                        COLORS[i % COLORS.length], esc(labels.get(g)), esc(series.get(i)), esc(tick(v))));
            }
            if (notes != null && notes.get(g) != null) {
                s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">%s</text>%n", LABEL_W + PLOT_W + 6,
                        y0 + groupH / 2 + 3, esc(notes.get(g))));
            }
        }
        s.append("</svg>\n");
        return s.toString();
    }

    static double scale(double v, double lo, double hi, boolean log) {
        double f = log ? (Math.log10(Math.max(v, lo)) - Math.log10(lo)) / (Math.log10(hi) - Math.log10(lo)) : v / hi;
        return Math.max(0, Math.min(1, f));
    }

    static double[] logTicks(double lo, double hi) {
        int n = (int) Math.round(Math.log10(hi / lo)) + 1;
        double[] t = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = lo * Math.pow(10, i);
        }
        return t;
    }

    static double[] linTicks(double hi) {
        double step = Math.pow(10, Math.floor(Math.log10(hi / 4)));
        if (hi / step > 8) {
            step *= hi / step > 16 ? 5 : 2;
        }
        int n = (int) Math.floor(hi / step) + 1;
        double[] t = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = i * step;
        }
        return t;
    }

    static String tick(double v) {
        if (v >= 1e6) {
            return String.format(Locale.ROOT, "%.3gM", v / 1e6);
        }
        if (v >= 1e3) {
            return String.format(Locale.ROOT, "%.3gk", v / 1e3);
        }
        return String.format(Locale.ROOT, "%.3g", v);
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
