package dev.dvg.regress;

import dev.dvg.data.fetch.DataCatalog;
import dev.dvg.data.fetch.DataConfig;
import dev.dvg.runner.DataSources;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The checkout the tests run in, and the data the runner needs. */
final class Repo {

    private Repo() {
    }

    /** The folder holding experiments/ and the parent pom.xml, found upwards from the working directory. */
    static Path root() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null) {
            if (Files.isDirectory(p.resolve("experiments")) && Files.isRegularFile(p.resolve("pom.xml"))
                    && Files.isDirectory(p.resolve("modules"))) {
                return p;
            }
            p = p.getParent();
        }
        throw new IllegalStateException("no checkout (experiments/ + pom.xml) above " + Path.of("").toAbsolutePath());
    }

    /** OpenCV's digits.png under -Ddvg.shared.data, or null when the property or the file is absent. */
    static Path digits() {
        String shared = System.getProperty("dvg.shared.data");
        if (shared == null) {
            return null;
        }
        Path p = Path.of(shared, "opencv-digits", "digits.png");
        return Files.isRegularFile(p) ? p : null;
    }

    static DataSources data() {
        return new DataSources(new DataCatalog(DataConfig.fromEnvironment()), digits());
    }

    static PrintWriter progress() {
        return new PrintWriter(System.out, true, StandardCharsets.UTF_8);
    }

    static Path target(String name) {
        Path t = Path.of("target", name).toAbsolutePath();
        try {
            Files.createDirectories(t);
        } catch (java.io.IOException e) {
            throw new UncheckedIOException(e);
        }
        return t;
    }
}
