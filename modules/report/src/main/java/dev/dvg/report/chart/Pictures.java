package dev.dvg.report.chart;

import dev.dvg.report.Engine;
import dev.dvg.report.doc.Image;
import dev.dvg.report.read.Boundary;
import dev.dvg.report.read.ConvKernels;
import dev.dvg.report.read.Misclassified;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * Pictures drawn directly with Java2D where a chart library does not fit: confusion matrices, digit
 * grids, convolution kernels, decision boundaries and 2-D score grids.
 */
public final class Pictures {

    private Pictures() {
    }

    private static void centered(Graphics2D g, String s, double cx, double cy) {
        FontMetrics fm = g.getFontMetrics();
        g.drawString(s, (float) (cx - fm.stringWidth(s) / 2.0), (float) (cy + (fm.getAscent() - fm.getDescent()) / 2.0));
    }

    private static void rotated(Graphics2D g, String s, double cx, double cy) {
        var t = g.getTransform();
        g.translate(cx, cy);
        g.rotate(-Math.PI / 2);
        centered(g, s, 0, 0);
        g.setTransform(t);
    }

    /**
     * A confusion matrix: rows true class, columns predicted; every cell shows its count, the fill is
     * the row fraction on a square-root scale in the engine's colour (so that errors of a few tenths
     * of a percent are still visible next to a 99 % diagonal).
     */
    public static Image confusion(String file, String title, Engine engine, long[][] m, IntFunction<String> className) {
        int k = m.length;
        int cell = k <= 2 ? 90 : k <= 10 ? 40 : 26;
        int left = k <= 2 ? 96 : 62;
        int top = 44;
        int w = left + k * cell + 16;
        int h = top + k * cell + 48;
        return ChartKit.draw(file, title, w, h, (g, size) -> {
            g.setColor(ChartKit.INK);
            g.setFont(ChartKit.TITLE);
            centered(g, title, w / 2.0, 18);
            long max = 1;
            for (long[] r : m) {
                for (long v : r) {
                    max = Math.max(max, v);
                }
            }
            g.setFont(k <= 10 ? ChartKit.TICKS : ChartKit.SMALL);
            Color base = engine.color();
            for (int r = 0; r < k; r++) {
                long rowSum = 0;
                for (long v : m[r]) {
                    rowSum += v;
                }
                for (int c = 0; c < k; c++) {
                    double frac = rowSum == 0 ? 0 : (double) m[r][c] / rowSum;
                    double t = Math.sqrt(frac);
                    Color fill = m[r][c] == 0 ? new Color(0xf7f8f9) : ChartKit.ramp(0.08 + 0.92 * t, Color.WHITE, base, base.darker().darker());
                    int x = left + c * cell;
                    int y = top + r * cell;
                    g.setColor(fill);
                    g.fillRect(x, y, cell, cell);
                    if (m[r][c] != 0 || k <= 10) {
                        g.setColor(m[r][c] == 0 ? new Color(0xb8c0c8) : ChartKit.textOn(fill));
                        centered(g, Long.toString(m[r][c]), x + cell / 2.0, y + cell / 2.0);
                    }
                }
            }
            g.setColor(new Color(0xcfd5db));
            g.setStroke(new BasicStroke(0.6f));
            for (int i = 0; i <= k; i++) {
                g.draw(new Line2D.Double(left, top + i * cell, left + k * cell, top + i * cell));
                g.draw(new Line2D.Double(left + i * cell, top, left + i * cell, top + k * cell));
            }
            g.setColor(ChartKit.INK);
            g.setFont(ChartKit.TICKS);
            for (int i = 0; i < k; i++) {
                centered(g, className.apply(i), left + i * cell + cell / 2.0, top + k * cell + 12);
                String name = className.apply(i);
                g.drawString(name, left - 6 - g.getFontMetrics().stringWidth(name), (float) (top + i * cell + cell / 2.0 + 4));
            }
            g.setFont(ChartKit.AXIS_TITLE);
            g.setColor(ChartKit.MUTED);
            centered(g, "predicted class", left + k * cell / 2.0, top + k * cell + 32);
            rotated(g, "true class", 12, top + k * cell / 2.0);
        });
    }

    /** Misclassified digits: each image (ink dark on white) with "true → predicted" under it. */
    public static Image digits(String file, String title, Engine engine, Misclassified mis, int maxShown) {
        List<Misclassified.Example> ex = mis.examples().subList(0, Math.min(maxShown, mis.examples().size()));
        int px = mis.height() <= 32 ? 2 : 1;
        int cw = Math.max(mis.width() * px, 56);
        int ch = mis.height() * px;
        int gap = 10;
        int label = 16;
        int cols = Math.min(12, Math.max(1, ex.size()));
        int rows = (ex.size() + cols - 1) / cols;
        int top = 30;
        int w = Math.max(cols * (cw + gap) + gap, 360);
        int h = top + Math.max(1, rows) * (ch + label + gap) + 6;
        return ChartKit.draw(file, title, w, h, (g, size) -> {
            g.setColor(ChartKit.INK);
            g.setFont(ChartKit.TITLE);
            g.drawString(title, gap, 19);
            if (ex.isEmpty()) {
                g.setFont(ChartKit.TICKS);
                g.drawString("no misclassified examples recorded", gap, top + 20);
            }
            g.setFont(ChartKit.TICKS);
            for (int i = 0; i < ex.size(); i++) {
                Misclassified.Example e = ex.get(i);
                int x = gap + (i % cols) * (cw + gap) + (cw - mis.width() * px) / 2;
                int y = top + (i / cols) * (ch + label + gap);
                BufferedImage img = new BufferedImage(mis.width(), mis.height(), BufferedImage.TYPE_INT_RGB);
                for (int yy = 0; yy < mis.height(); yy++) {
                    for (int xx = 0; xx < mis.width(); xx++) {
                        float v = Math.max(0f, Math.min(1f, e.pixels()[yy * mis.width() + xx]));
                        int gray = Math.round(255 * (1 - v));
                        img.setRGB(xx, yy, (gray << 16) | (gray << 8) | gray);
                    }
                }
                g.drawImage(img, x, y, mis.width() * px, mis.height() * px, null);
                g.setColor(new Color(0xd0d6dc));
                g.drawRect(x, y, mis.width() * px, mis.height() * px);
                double cx = gap + (i % cols) * (cw + gap) + cw / 2.0;
                String t = Integer.toString(e.label());
                String p = Integer.toString(e.predicted());
                FontMetrics fm = g.getFontMetrics();
                String arrow = " → ";
                float total = fm.stringWidth(t + arrow + p);
                float sx = (float) (cx - total / 2);
                float sy = y + ch + 13;
                g.setColor(ChartKit.INK);
                g.drawString(t + arrow, sx, sy);
                g.setColor(engine.color());
                g.setFont(ChartKit.TICKS.deriveFont(java.awt.Font.BOLD));
                g.drawString(p, sx + fm.stringWidth(t + arrow), sy);
                g.setFont(ChartKit.TICKS);
            }
        });
    }

    /**
     * The first convolution's kernels, one row per engine, on a shared symmetric diverging scale
     * (purple negative, green positive), channel 0 of each filter.
     */
    public static Image kernels(String file, String title, Map<Engine, ConvKernels> byEngine) {
        int f = byEngine.values().stream().mapToInt(ConvKernels::filters).max().orElse(0);
        ConvKernels any = byEngine.values().iterator().next();
        int cell = Math.max(6, Math.min(14, 70 / Math.max(any.kh(), any.kw())));
        int kw = any.kw() * cell;
        int kh = any.kh() * cell;
        int gap = 10;
        int left = 70;
        int top = 32;
        int bar = 150;
        int w = left + f * (kw + gap) + 30 + 60;
        int h = top + byEngine.size() * (kh + gap + 14) + 10;
        double maxAbs = 1e-12;
        for (ConvKernels k : byEngine.values()) {
            for (float v : k.weights()) {
                maxAbs = Math.max(maxAbs, Math.abs(v));
            }
        }
        final double scale = maxAbs;
        return ChartKit.draw(file, title, Math.max(w, 420), Math.max(h, bar + 50), (g, size) -> {
            g.setColor(ChartKit.INK);
            g.setFont(ChartKit.TITLE);
            g.drawString(title, 10, 19);
            int row = 0;
            for (Engine e : Engine.values()) {
                ConvKernels k = byEngine.get(e);
                if (k == null) {
                    continue;
                }
                int y0 = top + row * (kh + gap + 14) + 12;
                g.setFont(ChartKit.LEGEND.deriveFont(java.awt.Font.BOLD));
                g.setColor(e.color());
                g.drawString(e.label(), 10, y0 + kh / 2 + 4);
                for (int fi = 0; fi < k.filters(); fi++) {
                    int x0 = left + fi * (kw + gap);
                    for (int yy = 0; yy < k.kh(); yy++) {
                        for (int xx = 0; xx < k.kw(); xx++) {
                            g.setColor(ChartKit.diverging(k.weight(fi, 0, yy, xx) / scale));
                            g.fillRect(x0 + xx * cell, y0 + yy * cell, cell, cell);
                        }
                    }
                    g.setColor(new Color(0xb0b8c0));
                    g.drawRect(x0, y0, kw, kh);
                    if (row == 0) {
                        g.setFont(ChartKit.SMALL);
                        g.setColor(ChartKit.MUTED);
                        centered(g, "#" + fi, x0 + kw / 2.0, y0 - 7);
                    }
                }
                row++;
            }
            int bx = left + f * (kw + gap) + 24;
            int by = top + 6;
            int bh = Math.max(60, size[1] - by - 24);
            for (int i = 0; i < bh; i++) {
                g.setColor(ChartKit.diverging(1 - 2.0 * i / (bh - 1)));
                g.fillRect(bx, by + i, 12, 1);
            }
            g.setColor(new Color(0xb0b8c0));
            g.drawRect(bx, by, 12, bh);
            g.setFont(ChartKit.SMALL);
            g.setColor(ChartKit.INK);
            g.drawString(String.format(Locale.ROOT, "%+.2f", scale), bx + 16, by + 8);
            g.drawString("0", bx + 16, by + bh / 2 + 4);
            g.drawString(String.format(Locale.ROOT, "%+.2f", -scale), bx + 16, by + bh);
        });
    }

    /**
     * A decision boundary: P(class 1) as a diverging fill, the engine's 0.5 contour solid in its
     * colour, the other engine's contour dashed in its colour, and the points by class.
     */
    public static Image boundary(String file, String title, Engine engine, Boundary b, Boundary other) {
        int w = 480;
        int h = 400;
        int left = 46;
        int top = 30;
        int right = 14;
        int bottom = 40;
        int pw = w - left - right;
        int ph = h - top - bottom;
        return ChartKit.draw(file, title, w, h, (g, size) -> {
            g.setColor(ChartKit.INK);
            g.setFont(ChartKit.TITLE);
            centered(g, title, w / 2.0, 16);
            BufferedImage img = new BufferedImage(b.nx(), b.ny(), BufferedImage.TYPE_INT_RGB);
            for (int iy = 0; iy < b.ny(); iy++) {
                for (int ix = 0; ix < b.nx(); ix++) {
                    Color c = ChartKit.diverging(0.55 * (2 * b.probability(ix, iy) - 1));
                    img.setRGB(ix, b.ny() - 1 - iy, c.getRGB());
                }
            }
            g.setRenderingHint(java.awt.RenderingHints.KEY_INTERPOLATION, java.awt.RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(img, left, top, pw, ph, null);
            java.util.function.DoubleUnaryOperator sx = x -> left + (x - b.xMin()) / (b.xMax() - b.xMin()) * pw;
            java.util.function.DoubleUnaryOperator sy = y -> top + ph - (y - b.yMin()) / (b.yMax() - b.yMin()) * ph;
            var clip = g.getClip();
            g.setClip(new Rectangle2D.Double(left, top, pw, ph));
            Color[] classColor = {new Color(0x762a83), new Color(0x1b7837)};
            for (Boundary.Point p : b.points()) {
                double x = sx.applyAsDouble(p.x());
                double y = sy.applyAsDouble(p.y());
                g.setColor(classColor[Math.min(1, p.label())]);
                g.fill(new java.awt.geom.Ellipse2D.Double(x - 2.6, y - 2.6, 5.2, 5.2));
                g.setColor(Color.WHITE);
                g.setStroke(new BasicStroke(0.6f));
                g.draw(new java.awt.geom.Ellipse2D.Double(x - 2.6, y - 2.6, 5.2, 5.2));
            }
            if (other != null) {
                g.setColor(engine.other().color());
                // thin rather than dashed: marching-squares segments are too short to carry a dash pattern
                g.setStroke(new BasicStroke(1.3f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
                contour(g, other, sx, sy);
            }
            g.setColor(engine.color());
            g.setStroke(new BasicStroke(3f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            contour(g, b, sx, sy);
            g.setClip(clip);
            g.setColor(new Color(0x9aa5b1));
            g.setStroke(new BasicStroke(1f));
            g.drawRect(left, top, pw, ph);
            g.setFont(ChartKit.TICKS);
            g.setColor(ChartKit.INK);
            for (double t : ticks(b.xMin(), b.xMax())) {
                double x = sx.applyAsDouble(t);
                g.draw(new Line2D.Double(x, top + ph, x, top + ph + 4));
                centered(g, num(t), x, top + ph + 13);
            }
            for (double t : ticks(b.yMin(), b.yMax())) {
                double y = sy.applyAsDouble(t);
                g.draw(new Line2D.Double(left - 4, y, left, y));
                String s = num(t);
                g.drawString(s, left - 6 - g.getFontMetrics().stringWidth(s), (float) y + 4);
            }
            g.setFont(ChartKit.SMALL);
            g.setColor(ChartKit.MUTED);
            String legend = "fill: P(class 1) · points: class 0 purple, class 1 green · p = 0.5: " + engine.label() + " thick"
                    + (other != null ? ", " + engine.other().label() + " thin" : "");
            centered(g, legend, w / 2.0, h - 10);
        });
    }

    /** Marching squares for the 0.5 level: one segment per crossed cell. */
    private static void contour(Graphics2D g, Boundary b, java.util.function.DoubleUnaryOperator sx,
                                java.util.function.DoubleUnaryOperator sy) {
        double dx = (b.xMax() - b.xMin()) / (b.nx() - 1);
        double dy = (b.yMax() - b.yMin()) / (b.ny() - 1);
        for (int iy = 0; iy < b.ny() - 1; iy++) {
            for (int ix = 0; ix < b.nx() - 1; ix++) {
                double[] v = {b.probability(ix, iy) - 0.5, b.probability(ix + 1, iy) - 0.5,
                        b.probability(ix + 1, iy + 1) - 0.5, b.probability(ix, iy + 1) - 0.5};
                double[][] corner = {{0, 0}, {1, 0}, {1, 1}, {0, 1}};
                double[][] pts = new double[4][];
                int n = 0;
                for (int e = 0; e < 4; e++) {
                    double a = v[e];
                    double c = v[(e + 1) % 4];
                    if ((a < 0) != (c < 0)) {
                        double t = a / (a - c);
                        double[] p0 = corner[e];
                        double[] p1 = corner[(e + 1) % 4];
                        pts[n++] = new double[] {p0[0] + t * (p1[0] - p0[0]), p0[1] + t * (p1[1] - p0[1])};
                    }
                }
                for (int s = 0; s + 1 < n; s += 2) {
                    double x0 = b.xMin() + (ix + pts[s][0]) * dx;
                    double y0 = b.yMin() + (iy + pts[s][1]) * dy;
                    double x1 = b.xMin() + (ix + pts[s + 1][0]) * dx;
                    double y1 = b.yMin() + (iy + pts[s + 1][1]) * dy;
                    g.draw(new Line2D.Double(sx.applyAsDouble(x0), sy.applyAsDouble(y0), sx.applyAsDouble(x1), sy.applyAsDouble(y1)));
                }
            }
        }
    }

    /**
     * A 2-D grid of scores (sweep heat map): rows {@code rowLabels} (bottom to top), columns
     * {@code colLabels}; viridis on [lo, hi] shared by both engines; the best cell outlined.
     */
    public static Image grid(String file, String title, Engine engine, String rowParam, String colParam,
                             List<String> rowLabels, List<String> colLabels, double[][] score, double lo, double hi,
                             boolean maximize, boolean percent) {
        int cell = Math.max(34, Math.min(64, 420 / Math.max(rowLabels.size(), colLabels.size())));
        int left = 90;
        int top = 34;
        int w = left + colLabels.size() * cell + 20;
        int h = top + rowLabels.size() * cell + 56;
        int bi = -1;
        int bj = -1;
        for (int i = 0; i < score.length; i++) {
            for (int j = 0; j < score[i].length; j++) {
                if (Double.isFinite(score[i][j]) && (bi < 0 || (maximize ? score[i][j] > score[bi][bj] : score[i][j] < score[bi][bj]))) {
                    bi = i;
                    bj = j;
                }
            }
        }
        final int fbi = bi;
        final int fbj = bj;
        return ChartKit.draw(file, title, Math.max(w, 300), h, (g, size) -> {
            g.setColor(engine.color());
            g.setFont(ChartKit.TITLE);
            g.drawString(title, 10, 19);
            g.setFont(ChartKit.SMALL);
            int nr = rowLabels.size();
            for (int i = 0; i < nr; i++) {
                for (int j = 0; j < colLabels.size(); j++) {
                    double v = score[i][j];
                    int x = left + j * cell;
                    int y = top + (nr - 1 - i) * cell;
                    double t = hi > lo ? (v - lo) / (hi - lo) : 0.5;
                    if (!maximize) {
                        t = 1 - t;
                    }
                    Color fill = Double.isFinite(v) ? ChartKit.viridis(t) : new Color(0xe6e9ec);
                    g.setColor(fill);
                    g.fillRect(x, y, cell, cell);
                    g.setColor(Double.isFinite(v) ? ChartKit.textOn(fill) : ChartKit.MUTED);
                    centered(g, Double.isFinite(v) ? (percent ? String.format(Locale.ROOT, "%.1f", 100 * v) : num3(v)) : "—",
                            x + cell / 2.0, y + cell / 2.0);
                }
            }
            if (fbi >= 0) {
                g.setColor(engine.color());
                g.setStroke(new BasicStroke(3f));
                g.drawRect(left + fbj * cell + 1, top + (nr - 1 - fbi) * cell + 1, cell - 2, cell - 2);
            }
            g.setFont(ChartKit.TICKS);
            g.setColor(ChartKit.INK);
            for (int j = 0; j < colLabels.size(); j++) {
                centered(g, colLabels.get(j), left + j * cell + cell / 2.0, top + nr * cell + 12);
            }
            for (int i = 0; i < nr; i++) {
                String s = rowLabels.get(i);
                g.drawString(s, left - 6 - g.getFontMetrics().stringWidth(s), (float) (top + (nr - 1 - i) * cell + cell / 2.0 + 4));
            }
            g.setFont(ChartKit.AXIS_TITLE);
            g.setColor(ChartKit.MUTED);
            centered(g, colParam, left + colLabels.size() * cell / 2.0, top + nr * cell + 32);
            rotated(g, rowParam, 12, top + nr * cell / 2.0);
        });
    }

    /**
     * A Cleveland dot plot, one row per model: every seed a small dot, the mean a large marker
     * (David ◆ above the row's line, DL4J ■ below), on a linear axis from 0 or a log axis.
     */
    public static Image dotPlot(String file, String title, String xTitle, List<String> models, double[][][] values, boolean log) {
        int rowH = 40;
        int top = 34;
        int w = 600;
        double lo = Double.POSITIVE_INFINITY;
        double hi = 0;
        for (double[][] perModel : values) {
            for (double[] vs : perModel) {
                for (double v : vs) {
                    if (Double.isFinite(v) && v > 0) {
                        lo = Math.min(lo, v);
                        hi = Math.max(hi, v);
                    }
                }
            }
        }
        if (!(hi > 0)) {
            lo = 1;
            hi = 10;
        }
        final double x0 = log ? Math.pow(10, Math.floor(Math.log10(lo))) : 0;
        final double x1 = log ? Math.pow(10, Math.ceil(Math.log10(hi * 1.0001))) : niceCeil(hi * 1.08);
        int h = top + models.size() * rowH + 62;
        return ChartKit.draw(file, title, w, h, (g, size) -> {
            g.setFont(ChartKit.TICKS);
            int left = 20 + models.stream().mapToInt(m -> g.getFontMetrics().stringWidth(m)).max().orElse(40);
            int right = 24;
            int pw = w - left - right;
            java.util.function.DoubleUnaryOperator sx = v -> left + (log ? (Math.log10(v) - Math.log10(x0)) / (Math.log10(x1) - Math.log10(x0))
                    : (v - x0) / (x1 - x0)) * pw;
            g.setColor(ChartKit.INK);
            g.setFont(ChartKit.TITLE);
            centered(g, title, w / 2.0, 16);
            int bottom = top + models.size() * rowH;
            g.setFont(ChartKit.TICKS);
            double[] ticks = log ? logTicks(x0, x1) : ticks(x0, x1);
            for (double t : ticks) {
                double x = sx.applyAsDouble(t);
                g.setColor(ChartKit.GRID);
                g.setStroke(new BasicStroke(1f));
                g.draw(new Line2D.Double(x, top, x, bottom));
                g.setColor(ChartKit.INK);
                centered(g, log ? String.format(Locale.ROOT, "%,.0f", t) : num(t), x, bottom + 12);
            }
            for (int m = 0; m < models.size(); m++) {
                double cy = top + m * rowH + rowH / 2.0;
                g.setColor(ChartKit.INK);
                g.setFont(ChartKit.TICKS);
                String name = models.get(m);
                g.drawString(name, left - 10 - g.getFontMetrics().stringWidth(name), (float) cy + 4);
                g.setColor(new Color(0xeef1f4));
                g.draw(new Line2D.Double(left, cy, left + pw, cy));
                for (Engine e : Engine.values()) {
                    double y = cy + (e == Engine.DAVID ? -7 : 7);
                    double sum = 0;
                    int n = 0;
                    for (double v : values[e.ordinal()][m]) {
                        if (Double.isFinite(v) && v > 0) {
                            double x = sx.applyAsDouble(v);
                            g.setColor(ChartKit.alpha(e.color(), 140));
                            g.fill(new java.awt.geom.Ellipse2D.Double(x - 3, y - 3, 6, 6));
                            sum += v;
                            n++;
                        }
                    }
                    if (n > 0) {
                        marker(g, e, sx.applyAsDouble(sum / n), y, 6);
                    }
                }
            }
            g.setColor(new Color(0x9aa5b1));
            g.draw(new Line2D.Double(left, bottom, left + pw, bottom));
            g.setFont(ChartKit.AXIS_TITLE);
            g.setColor(ChartKit.MUTED);
            centered(g, xTitle, left + pw / 2.0, bottom + 30);
            double lx = left + pw / 2.0 - 170;
            double ly = bottom + 50;
            g.setFont(ChartKit.LEGEND);
            for (Engine e : Engine.values()) {
                marker(g, e, lx, ly, 6);
                g.setColor(ChartKit.INK);
                g.drawString(e.label() + " mean", (float) lx + 10, (float) ly + 4);
                lx += 110;
            }
            g.setColor(ChartKit.MUTED);
            g.fill(new java.awt.geom.Ellipse2D.Double(lx - 3, ly - 3, 6, 6));
            g.drawString("each seed", (float) lx + 9, (float) ly + 4);
        });
    }

    private static void marker(Graphics2D g, Engine e, double x, double y, double r) {
        java.awt.geom.Path2D.Double p = new java.awt.geom.Path2D.Double();
        if (e == Engine.DAVID) {
            p.moveTo(x, y - r * 1.2);
            p.lineTo(x + r, y);
            p.lineTo(x, y + r * 1.2);
            p.lineTo(x - r, y);
        } else {
            p.moveTo(x - r * 0.85, y - r * 0.85);
            p.lineTo(x + r * 0.85, y - r * 0.85);
            p.lineTo(x + r * 0.85, y + r * 0.85);
            p.lineTo(x - r * 0.85, y + r * 0.85);
        }
        p.closePath();
        g.setColor(e.color());
        g.fill(p);
        g.setColor(Color.WHITE);
        g.setStroke(new BasicStroke(1f));
        g.draw(p);
    }

    private static double niceCeil(double v) {
        double step = Math.pow(10, Math.floor(Math.log10(v)));
        for (double m : new double[] {1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10}) {
            if (m * step >= v) {
                return m * step;
            }
        }
        return 10 * step;
    }

    private static double[] logTicks(double lo, double hi) {
        List<Double> t = new java.util.ArrayList<>();
        int decades = (int) Math.round(Math.log10(hi / lo));
        double[] mult = decades <= 2 ? new double[] {1, 2, 5} : new double[] {1};
        for (double d = lo; d <= hi * 1.0001; d *= 10) {
            for (double m : mult) {
                if (d * m <= hi * 1.0001) {
                    t.add(d * m);
                }
            }
        }
        return t.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static double[] ticks(double lo, double hi) {
        double span = hi - lo;
        double step = Math.pow(10, Math.floor(Math.log10(span / 5)));
        for (double m : new double[] {1, 2, 5, 10}) {
            if (span / (step * m) <= 6) {
                step *= m;
                break;
            }
        }
        double first = Math.ceil(lo / step) * step;
        int n = (int) Math.floor((hi - first) / step + 1e-9) + 1;
        double[] t = new double[Math.max(0, n)];
        for (int i = 0; i < t.length; i++) {
            t[i] = first + i * step;
        }
        return t;
    }

    private static String num(double v) {
        if (Math.abs(v) < 1e-12) {
            return "0";
        }
        String s = String.format(Locale.ROOT, "%.2f", v);
        s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
        return s;
    }

    static String num3(double v) {
        return String.format(Locale.ROOT, Math.abs(v) >= 100 ? "%.0f" : Math.abs(v) >= 1 ? "%.2f" : "%.3f", v);
    }
}
