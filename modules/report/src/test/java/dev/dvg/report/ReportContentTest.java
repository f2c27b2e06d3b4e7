package dev.dvg.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Writes reports from fixtures and checks their numbers and files. */
class ReportContentTest {
    @TempDir
    static Path tmp;
    static List<Fixtures.Expected> suite;
    static Path suiteDir;
    static ReportResult suiteReport;

    @BeforeAll
    static void writeSuite() {
        suiteDir = tmp.resolve("results/david-vs-goliath/20261122-031500-d4e5");
        suite = Fixtures.suite(suiteDir, 300);
        // kept under target/ so a person can open it (see the module README)
        suiteReport = Reports.write(suiteDir, Path.of("target/fixture-report"));
    }

    @Test
    void headlineTableShowsEveryModelWithTheFixtureNumbers() throws IOException {
        String md = Files.readString(suiteReport.markdown());
        int headline = md.indexOf("Headline: David vs DL4J");
        assertTrue(headline >= 0, "headline section present");
        assertTrue(headline < md.indexOf("## is-zero-logistic"), "headline comes before the per-model sections");
        String table = md.substring(headline, md.indexOf("\n\n", md.indexOf("| Model", headline)));
        for (Fixtures.Expected e : suite) {
            String row = table.lines().filter(l -> l.startsWith("| [" + e.experiment() + "]")).findFirst()
                    .orElseThrow(() -> new AssertionError("no headline row for " + e.experiment() + " in\n" + table));
            for (String engine : List.of("david", "dl4j")) {
                String mean = String.format(Locale.ROOT, "%.2f", 100 * e.meanAccuracy().get(engine));
                assertTrue(row.contains(mean), e.experiment() + " " + engine + " mean " + mean + " in " + row);
                if (e.seedAccuracy().get(engine).length > 1) {
                    for (double a : e.seedAccuracy().get(engine)) {
                        String s = String.format(Locale.ROOT, "%.2f", 100 * a);
                        assertTrue(row.contains(s), "every seed listed: " + s + " in " + row);
                    }
                }
            }
            String ratio = String.format(Locale.ROOT, e.speedRatio() >= 10 ? "%.1f×" : "%.2f×", e.speedRatio());
            assertTrue(row.contains(ratio), "throughput ratio " + ratio + " in " + row);
            assertTrue(row.contains(String.format(Locale.ROOT, "%.2e", e.maxRelLossDiff())), "parity diff in " + row);
            String dAcc = String.format(Locale.ROOT, "%+.2f", 100 * (e.meanAccuracy().get("david") - e.meanAccuracy().get("dl4j")));
            assertTrue(row.contains(dAcc), "accuracy gap " + dAcc + " in " + row);
        }
    }

    @Test
    void everyChartIsAValidPngReferencedByTheMarkdownAndEmbeddedInTheHtml() throws IOException {
        String md = Files.readString(suiteReport.markdown());
        String html = Files.readString(suiteReport.html());
        List<String> referenced = new ArrayList<>();
        Matcher m = Pattern.compile("<img src=\"img/([^\"]+)\"").matcher(md);
        while (m.find()) {
            referenced.add(m.group(1));
        }
        assertEquals(suiteReport.images().size(), referenced.size(), "one markdown reference per image");
        // 2 headline + per run: loss, acc, loss/epoch, diff, 2 confusions (+2 digits for mnist, +kernels, +2 boundaries)
        assertEquals(2 + 4 * 6 + 2 + 3 + 2, referenced.size(), "charts: " + referenced);
        for (String f : referenced) {
            Path p = suiteReport.imageDir().resolve(f);
            assertTrue(Files.isRegularFile(p), "image written: " + p);
            byte[] b = Files.readAllBytes(p);
            assertEquals((byte) 0x89, b[0]);
            assertEquals('P', b[1]);
            BufferedImage img = ImageIO.read(p.toFile());
            assertTrue(img != null && img.getWidth() > 200 && img.getHeight() > 100, "decodable PNG: " + f);
            assertTrue(html.contains("data-file=\"" + f + "\""), "embedded in HTML: " + f);
        }
        assertEquals(referenced.size(), Pattern.compile("src=\"data:image/png;base64,").matcher(html).results().count());
        assertFalse(html.matches("(?s).*(src|href)=\"(https?:)?//.*"), "no network references");
        assertFalse(html.contains("<script"), "no scripts");
        try (Stream<Path> s = Files.list(suiteReport.markdown().getParent())) {
            assertTrue(s.noneMatch(p -> p.getFileName().toString().startsWith(".report-")), "no temp folders left");
        }
    }

    @Test
    void runSectionsHaveSpeedParityPerClassAndProvenance() throws IOException {
        String md = Files.readString(suiteReport.markdown());
        for (String s : List.of("### Speed and memory", "### Training curves and parity", "### Errors by class", "### Provenance",
                "### Misclassified test digits", "### First-layer convolution kernels", "### Decision boundary",
                "| **David / DL4J** |", "`blas`", "OpenBLAS 0.3.19", "6bbc9ace898e44ae57da46a324031adb")) {
            assertTrue(md.contains(s), "report contains " + s);
        }
        // is-zero: binary table and class names
        assertTrue(md.contains("| not 0 |"), "class names used");
        assertTrue(md.contains("| AUC |"), "binary metrics table");
    }

    @Test
    void singleRunFolderAndExperimentFolderWithLatest(@TempDir Path dir) throws IOException {
        Path exp = dir.resolve("results/mnist-lenet");
        Fixtures.Expected e = Fixtures.run(exp.resolve("20261122-031500-aaaa"), "mnist-lenet", Fixtures.Kind.CNN, List.of(7L), 120, 3);
        Files.writeString(exp.resolve("latest"), "20261122-031500-aaaa\n");
        ReportResult r = Reports.write(exp, dir.resolve("out"));
        assertEquals("run", r.kind());
        String md = Files.readString(r.markdown());
        assertTrue(md.startsWith("# DvG report: mnist-lenet"));
        assertTrue(md.contains(String.format(Locale.ROOT, "%.2f", 100 * e.meanAccuracy().get("david"))));
        assertTrue(r.images().stream().anyMatch(p -> p.getFileName().toString().contains("conv1-kernels")));
    }

    /** A digits20-mlp25 run given the course's weights shows both engines' pretrained scores and the course's. */
    @Test
    void pretrainedWeightsBlockBecomesASection(@TempDir Path dir) throws IOException {
        Path run = dir.resolve("results/digits20-mlp25/20261122-031500-pppp");
        Fixtures.run(run, "digits20-mlp25", Fixtures.Kind.MLP, List.of(42L), 60, 5);
        com.fasterxml.jackson.databind.node.ObjectNode summary =
                (com.fasterxml.jackson.databind.node.ObjectNode) Fixtures.M.readTree(run.resolve("summary.json").toFile());
        com.fasterxml.jackson.databind.node.ObjectNode p = summary.putObject("pretrained");
        p.put("weights", "/data/ex4weights.mat").put("examples", 5000).put("max_rel_cost_diff", 1.6e-6)
                .put("rel_tolerance", 1e-5).put("engines_agree", true);
        p.putObject("engines").putObject("david").put("train_accuracy", 0.976).put("cost_lambda0", 0.2908449)
                .put("cost_lambda1", 0.3869856);
        ((com.fasterxml.jackson.databind.node.ObjectNode) p.get("engines")).putObject("dl4j").put("train_accuracy", 0.976)
                .put("cost_lambda0", 0.2908453).put("cost_lambda1", 0.3869858);
        p.putObject("course_reference").put("cost_lambda0", 0.287629).put("cost_lambda1", 0.38377)
                .put("train_accuracy", 0.9752);
        Fixtures.write(run.resolve("summary.json"), summary);
        ReportResult r = Reports.write(run, dir.resolve("out"));
        String md = Files.readString(r.markdown());
        assertTrue(md.contains("## Pretrained weights"), md);
        for (String cell : List.of("0.290845", "0.386986", "0.290845", "0.386986", "97.60", "0.287629", "0.383770", "97.52",
                "engines agree")) {
            assertTrue(md.contains(cell), cell + " in\n" + md);
        }
        assertTrue(Files.readString(r.html()).contains("Pretrained weights"));
    }

    @Test
    void resultsRootWithSeveralExperimentsAndASweep(@TempDir Path dir) throws IOException {
        Path root = dir.resolve("results");
        Fixtures.run(root.resolve("moons/20261122-031500-0001"), "moons", Fixtures.Kind.MOONS, List.of(1L), 80, 1);
        Files.writeString(root.resolve("moons/latest"), "20261122-031500-0001");
        Fixtures.run(root.resolve("mnist-mlp256/20261122-031500-0002"), "mnist-mlp256", Fixtures.Kind.MLP, List.of(1L), 80, 2);
        Files.writeString(root.resolve("mnist-mlp256/latest"), "20261122-031500-0002");
        Fixtures.run(root.resolve("mnist-mlp256/20261122-020000-0001"), "mnist-mlp256", Fixtures.Kind.MLP, List.of(1L), 40, 9);
        Fixtures.sweep(root.resolve("sweeps/mlp256-lr-hidden/20261122-040000-77aa"));
        Files.writeString(root.resolve("sweeps/mlp256-lr-hidden/latest"), "20261122-040000-77aa");
        ReportResult r = Reports.write(root, root);
        assertEquals("collection", r.kind());
        String md = Files.readString(r.markdown());
        assertTrue(md.contains("| [mnist-mlp256](#mnist-mlp256)"));
        assertTrue(md.contains("| [moons](#moons)"));
        assertTrue(md.contains("## Sweep mlp256-lr-hidden"));
        // the report folder written into results/ is skipped when read again
        ReportResult again = Reports.write(root, root);
        assertEquals(r.images().size(), again.images().size());
    }

    @Test
    void sweepReportRanksCandidatesAndDrawsTheGrid(@TempDir Path dir) throws IOException {
        Path sweep = dir.resolve("sweep");
        Fixtures.sweep(sweep);
        ReportResult r = Reports.write(sweep, Path.of("target/fixture-sweep-report"));
        assertEquals("sweep", r.kind());
        String md = Files.readString(r.markdown());
        for (String s : List.of("Best configuration per engine", "Spearman rank correlation", "All candidates, ranked",
                "**diverged**", "loss is NaN at step 212", "Time per candidate")) {
            assertTrue(md.contains(s), "sweep report contains " + s);
        }
        List<String> names = r.images().stream().map(p -> p.getFileName().toString()).toList();
        assertTrue(names.containsAll(List.of("mlp256-lr-hidden-score-scatter.png", "mlp256-lr-hidden-grid-david.png",
                "mlp256-lr-hidden-grid-dl4j.png", "mlp256-lr-hidden-score-vs-learning-rate.png",
                "mlp256-lr-hidden-score-vs-hidden.png", "mlp256-lr-hidden-time-per-candidate.png")), names.toString());
        // ranked table: David's rank 1 row is the first candidate row
        String ranked = md.substring(md.indexOf("All candidates, ranked"));
        String firstRow = ranked.lines().filter(l -> l.startsWith("| #")).findFirst().orElseThrow();
        assertTrue(firstRow.matches(".*\\| 1 \\|.*"), firstRow);
    }
}
