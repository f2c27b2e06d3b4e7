package dev.dvg.report;

import dev.dvg.report.doc.Document;
import dev.dvg.report.read.Results;
import dev.dvg.report.read.ResultsCollection;
import dev.dvg.report.read.ResultsReader;
import dev.dvg.report.read.RunResults;
import dev.dvg.report.read.SuiteResults;
import java.nio.file.Path;

/**
 * The entry point the CLI calls ({@code dvg report <results-dir> [--out DIR]}).
 *
 * <pre>{@code
 * ReportResult r = Reports.write(Path.of("results/david-vs-goliath"), Path.of("results/david-vs-goliath"));
 * r.markdown(); r.html(); r.images();
 * }</pre>
 *
 * {@code resultsDir} may be a run folder, an experiment folder with a {@code latest} file, a suite run
 * (suite.json), a sweep run (sweep.json) or any folder holding several of these (e.g. results/); see
 * {@link ResultsReader} for the rules. Reads only result files; throws
 * {@link ResultFormatException} (naming file, line and key) on malformed results and writes nothing then.
 */
public final class Reports {
    static {
        System.setProperty("java.awt.headless", "true");
    }

    private Reports() {
    }

    /** Reads {@code resultsDir} and writes report.md, report.html and img/ into {@code outDir}. */
    public static ReportResult write(Path resultsDir, Path outDir) {
        Results results = new ResultsReader().read(resultsDir);
        Document doc = new ReportBuilder().build(results);
        return new ReportWriter().write(doc, outDir, kind(results));
    }

    /** Builds the report document without writing it (for tests and other renderers). */
    public static Document document(Path resultsDir) {
        return new ReportBuilder().build(new ResultsReader().read(resultsDir));
    }

    static String kind(Results r) {
        if (r instanceof RunResults) {
            return "run";
        }
        if (r instanceof SuiteResults) {
            return "suite";
        }
        return r instanceof ResultsCollection ? "collection" : "sweep";
    }
}
