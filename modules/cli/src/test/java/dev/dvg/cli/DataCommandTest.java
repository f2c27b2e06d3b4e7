package dev.dvg.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static dev.dvg.cli.DvgTest.dvg;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DataCommandTest {

    @Test
    void unknownDataSetIsAUsageErrorListingTheChoices() {
        DvgTest.Result r = dvg("data", "fetch", "cifar10");
        assertEquals(ExitCodes.USAGE, r.code());
        assertTrue(r.err().contains("cifar10") && r.err().contains("mnist, fashion-mnist, all"), r.err());
    }

    @Test
    void offlineFetchWithNothingLocalFailsWithEveryAttemptNamed(@TempDir Path tmp) throws Exception {
        Path empty = Files.createDirectory(tmp.resolve("empty"));
        DvgTest.Result r = dvg("data", "--offline", "--cache", tmp.resolve("cache").toString(),
                "--data-dir", empty.toString(), "fetch", "mnist");
        assertEquals(ExitCodes.DATA, r.code(), r.err());
        assertTrue(r.err().contains(empty.toString()), "the explicit folder is named:\n" + r.err());
        assertTrue(r.err().contains("disabled"), "the skipped network sources are named:\n" + r.err());
        assertTrue(!r.err().contains("\tat "), "no stack trace:\n" + r.err());
    }

    @Test
    void infoFromAnEmptyCacheSaysHowToFetch(@TempDir Path tmp) {
        DvgTest.Result r = dvg("data", "--offline", "--cache", tmp.toString(),
                "--data-dir", tmp.toString(), "info");
        assertEquals(ExitCodes.OK, r.code(), r.err());
        assertTrue(r.out().contains("./dvg data fetch mnist"), r.out());
        assertTrue(r.out().contains("./dvg data fetch fashion-mnist"), r.out());
    }

    @Test
    void helpOfFetchNamesTheSourcesInOrder() {
        DvgTest.Result r = dvg("data", "fetch", "--help");
        assertEquals(ExitCodes.OK, r.code());
        String out = r.out().replaceAll("\\s+", " ");
        int dir = out.indexOf("--data-dir");
        int npm = out.indexOf("npm pack");
        assertTrue(dir >= 0 && npm > dir, out);
    }
}
