package dev.dvg.report.read;

import java.nio.file.Path;

/**
 * What {@link ResultsReader#read(Path)} found in a folder: one run, a suite of runs
 * (david-vs-goliath), one sweep, or a collection of any of these (e.g. the whole results/ root).
 */
public sealed interface Results permits RunResults, SuiteResults, SweepResults, ResultsCollection {
    /** The folder this was read from. */
    Path dir();

    /** A short name for headings: experiment, suite or sweep name, or the folder name. */
    String name();
}
