package dev.dvg.data.idx;

import java.nio.file.Path;

/**
 * The payload of an IDX label file (magic 0x00000801), already checked to lie in 0..numClasses-1.
 *
 * @param file   where it was read from
 * @param labels one label per example
 */
public record IdxLabels(Path file, int[] labels) {
    public int count() {
        return labels.length;
    }
}
