package dev.dvg.runner;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RunFolderTest {

    @Test
    void aRunIsInvisibleUntilFinishedAndLatestMovesOnlyForCompleteRuns(@TempDir Path root) throws Exception {
        RunFolder first = RunFolder.create(root, "exp", Instant.parse("2026-01-01T00:00:00Z"));
        first.event(Map.of("event", "step", "engine", "david", "seed", 1, "step", 1, "loss", 0.5));
        first.writeJson("summary.json", Map.of("status", "complete"));
        try (Stream<Path> s = Files.list(root.resolve("exp"))) {
            assertTrue(s.allMatch(p -> p.getFileName().toString().startsWith(".tmp-")),
                    "only a .tmp- folder while running");
        }
        Path done = first.finish(true);
        assertEquals(first.runId(), Files.readString(root.resolve("exp/latest")).trim());
        assertTrue(Files.readString(done.resolve("metrics.jsonl")).contains("\"loss\":0.5"));

        RunFolder second = RunFolder.create(root, "exp", Instant.parse("2026-01-02T00:00:00Z"));
        second.finish(false);
        assertEquals(first.runId(), Files.readString(root.resolve("exp/latest")).trim(),
                "an incomplete run does not become latest");
        assertTrue(Files.isDirectory(second.finalDir()));
        try (Stream<Path> s = Files.list(root.resolve("exp"))) {
            assertFalse(s.anyMatch(p -> p.getFileName().toString().startsWith(".tmp")), "no temp files left");
        }
    }

    @Test
    void resultFilesAreReadableByOthers(@TempDir Path root) throws Exception {
        Path f = root.resolve("summary.json");
        ResultFiles.writeJson(f, Map.of("loss", Double.NaN, "ok", 1.5));
        java.util.Set<java.nio.file.attribute.PosixFilePermission> perms = Files.getPosixFilePermissions(f);
        assertTrue(perms.contains(java.nio.file.attribute.PosixFilePermission.OTHERS_READ), perms.toString());
        String json = Files.readString(f);
        assertTrue(json.contains("\"loss\" : null") && json.contains("1.5"), json);
    }

    @Test
    void discardLeavesNothing(@TempDir Path root) throws Exception {
        RunFolder f = RunFolder.create(root, "exp", Instant.now());
        f.writeJson("run.json", Map.of("a", 1));
        f.discard();
        try (Stream<Path> s = Files.list(root.resolve("exp"))) {
            assertEquals(0, s.count());
        }
    }

    @Test
    void progressLinesCarryRateAndEta() {
        long[] now = {0};
        StringWriter sw = new StringWriter();
        Progress p = new Progress(new PrintWriter(sw), "train", 100, false, Duration.ofSeconds(5), () -> now[0]);
        now[0] = 1_000_000_000L;
        p.step(10); // not due yet: nothing printed
        assertEquals("", sw.toString());
        now[0] = 5_000_000_000L;
        p.step(50);
        String line = sw.toString();
        assertTrue(line.contains("train 50/100 (50%) 10/s elapsed 5s ETA 5s"), line);
    }
}
