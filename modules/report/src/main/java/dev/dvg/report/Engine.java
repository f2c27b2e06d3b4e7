package dev.dvg.report;

import java.awt.Color;
import java.util.Locale;

/**
 * The two engines as they appear in result files ({@code "david"}, {@code "dl4j"}) and in reports.
 * The colours are the one place each engine's colour is defined: every chart, legend and table
 * marker uses them (Okabe-Ito vermillion and blue, safe for colour-blind readers).
 */
public enum Engine {
    DAVID("david", "David", new Color(0xD55E00)),
    DL4J("dl4j", "DL4J", new Color(0x0072B2));

    private final String key;
    private final String label;
    private final Color color;

    Engine(String key, String label, Color color) {
        this.key = key;
        this.label = label;
        this.color = color;
    }

    /** The key used in result files. */
    public String key() {
        return key;
    }

    /** The name shown to readers. */
    public String label() {
        return label;
    }

    public Color color() {
        return color;
    }

    /** CSS form of {@link #color()}, e.g. {@code #d55e00}. */
    public String cssColor() {
        return String.format(Locale.ROOT, "#%06x", color.getRGB() & 0xFFFFFF);
    }

    public Engine other() {
        return this == DAVID ? DL4J : DAVID;
    }

    /** Parses a result-file key; {@code null} when it is neither engine. */
    public static Engine fromKey(String key) {
        for (Engine e : values()) {
            if (e.key.equals(key)) {
                return e;
            }
        }
        return null;
    }
}
