package dev.dvg.report.read;

import java.nio.file.Path;
import java.util.List;

/** A folder holding several results (e.g. results/ with one folder per experiment). */
public record ResultsCollection(Path dir, List<Results> children) implements Results {
    public ResultsCollection {
        children = List.copyOf(children);
    }

    @Override
    public String name() {
        Path f = dir.getFileName();
        return f == null ? dir.toString() : f.toString();
    }
}
