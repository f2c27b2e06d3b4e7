package dev.dvg.report.doc;

import java.util.Objects;

/**
 * A rendered chart: PNG bytes drawn at {@link #SCALE}× the display size so it stays sharp on
 * high-density screens; {@code width}×{@code height} are CSS pixels.
 */
public record Image(String fileName, String alt, byte[] png, int width, int height) {
    /** Device pixels per CSS pixel of every chart. */
    public static final int SCALE = 2;

    public Image {
        Objects.requireNonNull(fileName, "fileName");
        if (!fileName.matches("[a-z0-9][a-z0-9._-]*\\.png")) {
            throw new IllegalArgumentException("image file name must be lower-case [a-z0-9._-] ending .png: " + fileName);
        }
    }
}
