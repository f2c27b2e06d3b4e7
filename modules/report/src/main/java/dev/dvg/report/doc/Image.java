package dev.dvg.report.doc;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * A rendered chart: PNG bytes drawn at {@link #SCALE}× the display size so it stays sharp on
 * high-density screens; {@code width}×{@code height} are CSS pixels. The bytes may still be being
 * rendered in the background (charts of a report render in parallel); {@link #png()} waits for them.
 */
public record Image(String fileName, String alt, CompletableFuture<byte[]> pngFuture, int width, int height) {
    /** Device pixels per CSS pixel of every chart. */
    public static final int SCALE = 2;

    public Image {
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(pngFuture, "pngFuture");
        if (!fileName.matches("[a-z0-9][a-z0-9._-]*\\.png")) {
            throw new IllegalArgumentException("image file name must be lower-case [a-z0-9._-] ending .png: " + fileName);
        }
    }

    /** An image whose bytes are already there. */
    public Image(String fileName, String alt, byte[] png, int width, int height) {
        this(fileName, alt, CompletableFuture.completedFuture(png), width, height);
    }

    /** The PNG bytes, waiting for the rendering if needed; a rendering failure is rethrown. */
    public byte[] png() {
        try {
            return pngFuture.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }
}
