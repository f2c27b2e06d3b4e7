package dev.dvg.data.idx;

import java.nio.file.Path;

/**
 * The payload of an IDX image file (magic 0x00000803): {@code count} images of rows×cols unsigned
 * bytes, image-major then row-major, exactly as stored.
 *
 * @param file   where it was read from
 * @param count  number of images N
 * @param rows   image height H
 * @param cols   image width W
 * @param pixels N·H·W unsigned bytes (use {@code pixels[i] & 0xFF})
 */
public record IdxImages(Path file, int count, int rows, int cols, byte[] pixels) {
    public int pixelsPerImage() {
        return rows * cols;
    }
}
