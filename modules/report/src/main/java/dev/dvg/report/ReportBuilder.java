package dev.dvg.report;

import dev.dvg.report.doc.Document;
import dev.dvg.report.read.Results;
import dev.dvg.report.read.ResultsCollection;
import dev.dvg.report.read.RunResults;
import dev.dvg.report.read.SuiteResults;
import dev.dvg.report.read.SweepResults;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Turns what the reader found into a {@link Document}: one run, a suite, a sweep or a collection. */
final class ReportBuilder {
    private final Set<String> slugs = new HashSet<>();

    private String slug(String name) {
        String base = Fmt.slug(name);
        String s = base;
        for (int i = 2; !slugs.add(s) || s.equals("headline"); i++) {
            s = base + "-" + i;
        }
        return s;
    }

    Document build(Results results) {
        if (results instanceof RunResults run) {
            Document doc = new Document("DvG report: " + run.info().experiment());
            new RunReport(run, slug(run.info().experiment()), 2).write(doc, true);
            return doc;
        }
        if (results instanceof SweepResults sweep) {
            Document doc = new Document("DvG sweep: " + sweep.sweep());
            new SweepReport(sweep, slug(sweep.sweep()), 2).write(doc, true);
            return doc;
        }
        if (results instanceof SuiteResults suite) {
            Document doc = new Document("David vs Goliath: " + suite.suite());
            doc.para("Suite run `" + suite.runId() + "` · budget **" + suite.budget() + "** · status **" + suite.status() + "** · "
                    + suite.runs().size() + " of " + suite.experiments().size() + " experiments"
                    + provenanceLine(suite.provenance()));
            if (!"complete".equals(suite.status())) {
                doc.note("This suite run is **" + suite.status() + "**"
                        + (suite.missing().isEmpty() ? "." : "; not run: " + String.join(", ", suite.missing()) + "."));
            }
            runsAndSweeps(doc, suite.runs(), List.of(), suite.missing());
            doc.heading(2, "Suite provenance", "suite-provenance");
            doc.add(RunReport.provenanceTable(suite.provenance()));
            return doc;
        }
        ResultsCollection c = (ResultsCollection) results;
        List<RunResults> runs = new ArrayList<>();
        List<SweepResults> sweeps = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        flatten(c, runs, sweeps, missing);
        // a run-id folder of runs (a suite written without suite.json) is named with its parent: david-vs-goliath/<run-id>
        String name = c.name().matches("\\d{8}-.*") && c.dir().getParent() != null && c.dir().getParent().getFileName() != null
                ? c.dir().getParent().getFileName() + "/" + c.name() : c.name();
        Document doc = new Document("DvG results: " + name);
        doc.para(runs.size() + " experiment run" + (runs.size() == 1 ? "" : "s") + " and " + sweeps.size() + " sweep"
                + (sweeps.size() == 1 ? "" : "s") + " found under `" + c.dir().getFileName() + "`.");
        runsAndSweeps(doc, runs, sweeps, missing);
        return doc;
    }

    private void runsAndSweeps(Document doc, List<RunResults> runs, List<SweepResults> sweeps, List<String> missing) {
        List<String> runSlugs = runs.stream().map(r -> slug(r.info().experiment())).toList();
        if (!runs.isEmpty() || !missing.isEmpty()) {
            HeadlineReport.write(doc, runs, runSlugs, missing);
        }
        for (int i = 0; i < runs.size(); i++) {
            new RunReport(runs.get(i), runSlugs.get(i), 2).write(doc, false);
        }
        for (SweepResults s : sweeps) {
            new SweepReport(s, slug("sweep-" + s.sweep()), 2).write(doc, false);
        }
    }

    private static void flatten(Results r, List<RunResults> runs, List<SweepResults> sweeps, List<String> missing) {
        if (r instanceof RunResults run) {
            runs.add(run);
        } else if (r instanceof SuiteResults s) {
            runs.addAll(s.runs());
            missing.addAll(s.missing());
        } else if (r instanceof SweepResults s) {
            sweeps.add(s);
        } else {
            for (Results c : ((ResultsCollection) r).children()) {
                flatten(c, runs, sweeps, missing);
            }
        }
    }

    private static String provenanceLine(com.fasterxml.jackson.databind.JsonNode p) {
        StringBuilder b = new StringBuilder();
        if (p.hasNonNull("git_commit")) {
            b.append(" · commit `").append(p.get("git_commit").asText(), 0, Math.min(10, p.get("git_commit").asText().length()))
                    .append('`');
        }
        if (p.hasNonNull("cores")) {
            b.append(" · ").append(p.get("cores").asText()).append(" cores");
        }
        if (p.hasNonNull("jdk")) {
            b.append(" · JDK ").append(p.get("jdk").asText());
        }
        if (p.hasNonNull("dl4j_version")) {
            b.append(" · DL4J ").append(p.get("dl4j_version").asText());
        }
        return b.toString();
    }
}
