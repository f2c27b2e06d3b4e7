package dev.dvg.report;

import dev.dvg.report.doc.Document;
import dev.dvg.report.doc.HtmlRenderer;
import dev.dvg.report.doc.Image;
import dev.dvg.report.doc.MarkdownRenderer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Writes a {@link Document} as {@code report.md}, {@code report.html} and {@code img/*.png} in an
 * output folder, atomically: everything is first written to a temporary folder inside the output
 * folder, and only when all of it is written are the pieces renamed into place (img/ first, then
 * report.md, then report.html). A failure before that leaves the folder as it was; an existing
 * report is replaced, never half-overwritten.
 */
public final class ReportWriter {
    public static final String MARKDOWN = "report.md";
    public static final String HTML = "report.html";
    public static final String IMAGES = "img";

    /** Writes the report files into {@code outDir} (created if needed). */
    public ReportResult write(Document doc, Path outDir, String kind) {
        try {
            Files.createDirectories(outDir);
            Path tmp = Files.createTempDirectory(outDir, ".report-tmp-");
            try {
                Path img = Files.createDirectory(tmp.resolve(IMAGES));
                List<Path> images = new ArrayList<>();
                for (Image i : doc.imageList()) {
                    Files.write(img.resolve(i.fileName()), i.png());
                    images.add(outDir.resolve(IMAGES).resolve(i.fileName()));
                }
                Files.writeString(tmp.resolve(MARKDOWN), new MarkdownRenderer(IMAGES).render(doc), StandardCharsets.UTF_8);
                Files.writeString(tmp.resolve(HTML),
                        new HtmlRenderer(Engine.DAVID.cssColor(), Engine.DL4J.cssColor()).render(doc), StandardCharsets.UTF_8);
                commit(tmp, outDir);
                return new ReportResult(outDir.resolve(MARKDOWN), outDir.resolve(HTML), outDir.resolve(IMAGES), images, kind,
                        doc.title());
            } finally {
                deleteTree(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report to " + outDir + ": " + e.getMessage(), e);
        }
    }

    private static void commit(Path tmp, Path outDir) throws IOException {
        Path img = outDir.resolve(IMAGES);
        Path old = null;
        if (Files.exists(img)) {
            old = Files.createTempDirectory(outDir, ".report-old-");
            move(img, old.resolve(IMAGES));
        }
        move(tmp.resolve(IMAGES), img);
        move(tmp.resolve(MARKDOWN), outDir.resolve(MARKDOWN));
        move(tmp.resolve(HTML), outDir.resolve(HTML));
        if (old != null) {
            deleteTree(old);
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            for (Path x : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(x);
            }
        }
    }
}
