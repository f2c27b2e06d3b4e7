package dev.dvg.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A report folder is never half-written: failures leave the previous report untouched. */
class ReportWriterTest {
    @TempDir
    Path dir;

    private static List<String> listing(Path p) throws IOException {
        try (Stream<Path> s = Files.walk(p)) {
            return s.map(x -> p.relativize(x).toString()).sorted().toList();
        }
    }

    @Test
    void badResultsWriteNothingAndKeepThePreviousReport() throws IOException {
        Path run = dir.resolve("run");
        Fixtures.run(run, "moons", Fixtures.Kind.MOONS, List.of(1L), 40, 8);
        Path out = dir.resolve("out");
        ReportResult first = Reports.write(run, out);
        byte[] md = Files.readAllBytes(first.markdown());
        byte[] html = Files.readAllBytes(first.html());
        List<String> before = listing(out);

        Files.writeString(run.resolve("metrics.jsonl"), "{not json}\n", java.nio.file.StandardOpenOption.APPEND);
        assertThrows(ResultFormatException.class, () -> Reports.write(run, out));
        assertEquals(before, listing(out), "nothing added, removed or left behind");
        assertArrayEquals(md, Files.readAllBytes(first.markdown()));
        assertArrayEquals(html, Files.readAllBytes(first.html()));
    }

    @Test
    void anUnwritableOutputFolderFailsWithItsPathAndCreatesNothing() throws IOException {
        Path run = dir.resolve("run");
        Fixtures.run(run, "moons", Fixtures.Kind.MOONS, List.of(1L), 40, 8);
        var doc = Reports.document(run);
        Path blocked = Files.writeString(dir.resolve("blocked"), "a file, not a folder");
        var e = assertThrows(java.io.UncheckedIOException.class, () -> new ReportWriter().write(doc, blocked.resolve("sub"), "run"));
        assertTrue(e.getMessage().contains(blocked.resolve("sub").toString()), e.getMessage());
        assertEquals(List.of("blocked", "run"), listingTop(dir));
    }

    private static List<String> listingTop(Path p) throws IOException {
        try (Stream<Path> s = Files.list(p)) {
            return s.map(x -> x.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void rewritingReplacesImagesAndLeavesNoTemporaryFolders() throws IOException {
        Path run = dir.resolve("run");
        Fixtures.run(run, "moons", Fixtures.Kind.MOONS, List.of(1L), 40, 8);
        Path out = dir.resolve("out");
        Files.createDirectories(out.resolve("img"));
        Files.writeString(out.resolve("img/stale-chart.png"), "old");
        ReportResult r = Reports.write(run, out);
        assertFalse(Files.exists(out.resolve("img/stale-chart.png")), "images of an older report are gone");
        assertEquals(r.images().size(), listing(out.resolve("img")).size() - 1);
        try (Stream<Path> s = Files.list(out)) {
            assertEquals(List.of("img", "report.html", "report.md"), s.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }
}
