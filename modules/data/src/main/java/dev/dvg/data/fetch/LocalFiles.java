package dev.dvg.data.fetch;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the files of a data set in a local directory. */
final class LocalFiles {
    private LocalFiles() {
    }

    /**
     * The file for {@code role} in {@code dir}: {@code <name>}, {@code <name>.gz}, or the common
     * variant with a dot before "idx" ({@code train-images.idx3-ubyte[.gz]}); null if none exists.
     */
    static Path find(Path dir, FileRole role) {
        String name = role.fileName();
        String dotted = name.replace("-idx", ".idx");
        for (String candidate : new String[] {name, name + ".gz", dotted, dotted + ".gz"}) {
            Path p = dir.resolve(candidate);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        return null;
    }
}
