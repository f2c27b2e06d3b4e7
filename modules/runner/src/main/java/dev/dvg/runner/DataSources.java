package dev.dvg.runner;

import dev.dvg.data.fetch.DataCatalog;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where the runner finds data: the catalog (which fetches the MNIST family and the 20×20 digits when
 * needed) and, optionally, a file the user named for the 20×20 digits (OpenCV's digits.png or the
 * course's ex4data1.mat) that wins over the catalog's; null to let the catalog resolve it.
 */
public record DataSources(DataCatalog catalog, Path digits) {
    public DataSources {
        Objects.requireNonNull(catalog, "catalog");
    }
}
