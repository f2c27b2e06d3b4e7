package dev.dvg.runner;

import dev.dvg.data.fetch.DataCatalog;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where the runner finds data: the catalog for the MNIST family (which fetches when needed) and a
 * file for the 20×20 digits (OpenCV's digits.png or the course's ex4data1.mat; null when the user
 * supplied none — only digits20 needs it).
 */
public record DataSources(DataCatalog catalog, Path digits) {
    public DataSources {
        Objects.requireNonNull(catalog, "catalog");
    }
}
