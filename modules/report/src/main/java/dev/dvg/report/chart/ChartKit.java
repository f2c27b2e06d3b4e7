package dev.dvg.report.chart;

import dev.dvg.report.doc.Image;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BiConsumer;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;

/**
 * The shared look of every chart (fonts, grid, legend) and the rasteriser: charts and pictures are
 * drawn headless at {@link Image#SCALE}× into a PNG.
 */
public final class ChartKit {
    static {
        System.setProperty("java.awt.headless", "true");
    }

    static final String FONT = "DejaVu Sans";
    static final Font TITLE = new Font(FONT, Font.BOLD, 14);
    static final Font AXIS_TITLE = new Font(FONT, Font.PLAIN, 12);
    static final Font TICKS = new Font(FONT, Font.PLAIN, 11);
    static final Font LEGEND = new Font(FONT, Font.PLAIN, 12);
    static final Font SMALL = new Font(FONT, Font.PLAIN, 10);
    static final Color INK = new Color(0x1d2125);
    static final Color MUTED = new Color(0x5f6b76);
    static final Color GRID = new Color(0xe3e7eb);
    /** Neutral series colour (for values that belong to neither engine, e.g. |Δloss|). */
    static final Color NEUTRAL = new Color(0x3b4650);

    private ChartKit() {
    }

    /** Applies the house style to an XChart axes chart. */
    static void style(AxesChartStyler s) {
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setPlotBorderVisible(false);
        s.setPlotGridLinesColor(GRID);
        s.setPlotGridLinesStroke(new BasicStroke(1f));
        s.setChartTitleFont(TITLE);
        s.setChartTitleBoxVisible(false);
        s.setChartFontColor(INK);
        s.setAxisTitleFont(AXIS_TITLE);
        s.setAxisTickLabelsFont(TICKS);
        s.setAxisTickLabelsColor(INK);
        s.setAxisTickMarksColor(MUTED);
        s.setLegendFont(LEGEND);
        s.setLegendBorderColor(new Color(0xcfd5db));
        s.setLegendBackgroundColor(new Color(255, 255, 255, 225));
        s.setLegendPosition(Styler.LegendPosition.InsideNE);
        s.setChartPadding(10);
        s.setPlotMargin(4);
        s.setAxisTitlePadding(6);
        s.setAntiAlias(true);
        s.setMarkerSize(6);
        s.setToolTipsEnabled(false);
    }

    static Color alpha(Color c, int a) {
        return new Color(c.getRed(), c.getGreen(), c.getBlue(), a);
    }

    /** Renders an XChart chart of {@code w}×{@code h} CSS pixels. */
    static Image render(Chart<?, ?> chart, String file, String alt) {
        int w = chart.getWidth();
        int h = chart.getHeight();
        return draw(file, alt, w, h, (g, size) -> chart.paint(g, w, h));
    }

    /**
     * Draws a picture with Java2D on a white canvas of {@code w}×{@code h} CSS pixels, in the
     * background: charts are independent, so a report's charts render on all cores.
     */
    static Image draw(String file, String alt, int w, int h, BiConsumer<Graphics2D, int[]> painter) {
        return new Image(file, alt, CompletableFuture.supplyAsync(() -> paint(w, h, painter), POOL), w, h);
    }

    private static final ExecutorService POOL = Executors.newFixedThreadPool(
            Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors())), r -> {
                Thread t = new Thread(r, "dvg-report-chart");
                t.setDaemon(true);
                return t;
            });

    private static byte[] paint(int w, int h, BiConsumer<Graphics2D, int[]> painter) {
        BufferedImage img = new BufferedImage(w * Image.SCALE, h * Image.SCALE, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, img.getWidth(), img.getHeight());
            g.scale(Image.SCALE, Image.SCALE);
            painter.accept(g, new int[] {w, h});
        } finally {
            g.dispose();
        }
        return png(img);
    }

    /**
     * PNG-encodes with a low deflate level: charts are mostly flat colour, so size barely changes while
     * encoding is several times faster than ImageIO's default.
     */
    static byte[] png(BufferedImage img) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
        try (ImageOutputStream ios = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(ios);
            ImageWriteParam p = writer.getDefaultWriteParam();
            if (p.canWriteCompressed()) {
                p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                p.setCompressionQuality(0.7f);
            }
            writer.write(null, new IIOImage(img, null, null), p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    /** Linear interpolation through colour stops at equal spacing, t in 0..1. */
    static Color ramp(double t, Color... stops) {
        if (Double.isNaN(t)) {
            return new Color(0xdddddd);
        }
        t = Math.max(0, Math.min(1, t));
        double x = t * (stops.length - 1);
        int i = Math.min((int) x, stops.length - 2);
        double f = x - i;
        Color a = stops[i];
        Color b = stops[i + 1];
        return new Color((int) Math.round(a.getRed() + f * (b.getRed() - a.getRed())),
                (int) Math.round(a.getGreen() + f * (b.getGreen() - a.getGreen())),
                (int) Math.round(a.getBlue() + f * (b.getBlue() - a.getBlue())));
    }

    /** Viridis (sequential, perceptually uniform), t in 0..1. */
    static Color viridis(double t) {
        return ramp(t, new Color(0x440154), new Color(0x482878), new Color(0x3e4989), new Color(0x31688e),
                new Color(0x26828e), new Color(0x1f9e89), new Color(0x35b779), new Color(0x6ece58),
                new Color(0xb5de2b), new Color(0xfde725));
    }

    /** Purple–white–green diverging map (distinct from both engine colours), t in -1..1. */
    static Color diverging(double t) {
        return ramp((t + 1) / 2, new Color(0x40004b), new Color(0x9970ab), new Color(0xe7d4e8), new Color(0xf7f7f7),
                new Color(0xd9f0d3), new Color(0x5aae61), new Color(0x00441b));
    }

    /** Light text on dark fills, dark text on light ones. */
    static Color textOn(Color fill) {
        double l = 0.2126 * fill.getRed() + 0.7152 * fill.getGreen() + 0.0722 * fill.getBlue();
        return l < 140 ? Color.WHITE : INK;
    }
}
