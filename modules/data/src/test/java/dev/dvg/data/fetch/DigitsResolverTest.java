package dev.dvg.data.fetch;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The 20×20 digits' resolution chain: order (explicit file, cache, installed package), MD5 checks, the
 * user's MAT file, the final error, and the .deb step on a small package built here with
 * {@code dpkg-deb --build} (the real 96 MB {@code apt-get download opencv-doc} is left to the manual
 * check). Tests that need the real digits.png take it from {@code dvg.shared.data} and are skipped with
 * a visible reason without it.
 */
class DigitsResolverTest {
    @TempDir
    Path tmp;
    Path cacheFile;
    Path system;

    @BeforeEach
    void paths() {
        cacheFile = tmp.resolve("cache/digits20/digits.png");
        system = tmp.resolve("sys/usr/share/doc/opencv-doc/examples/data/digits.png");
    }

    DataConfig config(Path explicit, boolean remote) {
        return new DataConfig(null, tmp.resolve("cache"), tmp.resolve("datasets"), Duration.ofSeconds(1), remote)
                .withSystemDigits(system).withDigitsFile(explicit);
    }

    static Path realPng() {
        String prop = System.getProperty("dvg.shared.data");
        assumeTrue(prop != null, "system property dvg.shared.data is not set: the real digits.png is unavailable");
        Path p = Path.of(prop, "opencv-digits", "digits.png");
        assumeTrue(Files.isRegularFile(p), "shared test data " + p + " is absent");
        return p;
    }

    static Path copy(Path from, Path to) throws IOException {
        Files.createDirectories(to.getParent());
        return Files.copy(from, to);
    }

    /** A file that starts like a PNG but is not OpenCV's. */
    static Path fakePng(Path p) throws IOException {
        Files.createDirectories(p.getParent());
        byte[] b = new byte[1000];
        byte[] magic = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
        System.arraycopy(magic, 0, b, 0, magic.length);
        return Files.write(p, b);
    }

    /** A real digits.png with one byte changed: right length, wrong MD5. */
    static Path tamperedPng(Path real, Path p) throws IOException {
        byte[] b = Files.readAllBytes(real);
        b[b.length / 2] ^= 1;
        Files.createDirectories(p.getParent());
        return Files.write(p, b);
    }

    @Test
    void explicitBeatsCacheBeatsInstalledFile() throws IOException {
        Path real = realPng();
        Path explicit = copy(real, tmp.resolve("mine/digits.png"));
        copy(real, cacheFile);
        copy(real, system);

        DigitsFile f = new DataCatalog(config(explicit, false)).fetchDigits20();
        assertEquals(explicit, f.path());
        assertTrue(f.source().startsWith("explicit file " + explicit), f.source());
        assertEquals(DigitsFile.Kind.PNG, f.kind());
        assertTrue(f.verified());
        assertEquals(DigitsFile.PNG_MD5, f.md5());
        assertEquals(DigitsFile.PNG_BYTES, f.bytes());
        assertFalse(f.fetched());
        assertEquals(List.of(), f.attempts());

        f = new DataCatalog(config(null, false)).fetchDigits20();
        assertEquals(cacheFile, f.path());
        assertTrue(f.source().startsWith("cache " + cacheFile), f.source());

        Files.delete(cacheFile);
        DataCatalog catalog = new DataCatalog(config(null, false));
        f = catalog.fetchDigits20();
        assertEquals(system, f.path());
        assertTrue(f.source().contains("installed file " + system + " (Debian opencv-doc)"), f.source());
        assertEquals(1, f.attempts().size(), f.attempts().toString());
        assertTrue(f.attempts().get(0).startsWith("cache " + cacheFile + ": no such file"), f.attempts().toString());
        assertEquals(system, catalog.digits20());
        assertEquals(system, catalog.digits20Info().file().path());
    }

    @Test
    void aWrongExplicitFileIsReportedAndTheNextSourceUsed() throws IOException {
        Path real = realPng();
        Path bad = tamperedPng(real, tmp.resolve("mine/digits.png"));
        copy(real, cacheFile);
        DigitsFile f = new DataCatalog(config(bad, false)).fetchDigits20();
        assertEquals(cacheFile, f.path());
        assertEquals(1, f.attempts().size());
        String a = f.attempts().get(0);
        assertTrue(a.startsWith("explicit file " + bad + " (--digits / DVG_DIGITS): " + bad + ": MD5 "), a);
        assertTrue(a.endsWith(", expected 358d23894911abc842e9556d334c69d0 for OpenCV's digits.png"), a);
    }

    @Test
    void md5OrLengthMismatchEverywhereGivesOneErrorListingEachSourceAndTheManualFix() throws IOException {
        Path explicit = fakePng(tmp.resolve("mine/digits.png"));
        fakePng(cacheFile);
        Files.createDirectories(system.getParent());
        Files.writeString(system, "not an image");
        DataCatalog catalog = new DataCatalog(config(explicit, false));
        DataUnavailableException e = assertThrows(DataUnavailableException.class, catalog::fetchDigits20);
        String m = e.getMessage();
        assertNull(e.id());
        assertEquals(4, e.attempts().size(), m);
        assertTrue(m.startsWith("20x20 digits of the ML course's ex4 (digits20) is not available; tried 4 sources:"), m);
        assertTrue(m.contains("1. explicit file " + explicit + " (--digits / DVG_DIGITS): " + explicit
                + ": length 1000 bytes, expected 721129 for OpenCV's digits.png"), m);
        assertTrue(m.contains("2. cache " + cacheFile + ": " + cacheFile + ": length 1000 bytes, expected 721129"), m);
        assertTrue(m.contains("3. installed file " + system + " (Debian opencv-doc): " + system
                + ": neither a PNG (starts with 6e6f7420616e2069); expected OpenCV's digits.png"), m);
        assertTrue(m.contains("4. apt-get download opencv-doc + dpkg-deb --fsys-tarfile: skipped, remote fetching is disabled"), m);
        assertTrue(m.contains("pass --digits FILE (or set DVG_DIGITS=FILE)"), m);
        assertTrue(m.contains("copy digits.png to " + cacheFile), m);
        assertTrue(m.contains("apt-get download opencv-doc && dpkg-deb --fsys-tarfile"), m);
        assertTrue(m.contains("721129 bytes, MD5 358d23894911abc842e9556d334c69d0"), m);

        DigitsFile.Info info = catalog.digits20Info();
        assertFalse(info.available());
        assertEquals(3, info.problems().size(), "info never lists the network: " + info.problems());
    }

    @Test
    void aTamperedCachedPngIsRejectedByItsMd5() throws IOException {
        tamperedPng(realPng(), cacheFile);
        DataUnavailableException e = assertThrows(DataUnavailableException.class,
                () -> new DataCatalog(config(null, false)).fetchDigits20());
        assertTrue(e.getMessage().contains("1. cache " + cacheFile + ": " + cacheFile + ": MD5 "), e.getMessage());
        assertTrue(e.getMessage().contains(", expected 358d23894911abc842e9556d334c69d0 for OpenCV's digits.png"), e.getMessage());
    }

    @Test
    void theUsersMatFileIsAcceptedOnlyWhenGivenExplicitly() throws IOException {
        byte[] header = new byte[256];
        byte[] text = "MATLAB 5.0 MAT-file, Platform: GLNXA64, Created on: Thu Oct 20 2011".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(text, 0, header, 0, text.length);
        Path mat = Files.write(tmp.resolve("ex4data1.mat"), header);
        DigitsFile f = new DataCatalog(config(mat, false)).fetchDigits20();
        assertEquals(DigitsFile.Kind.MAT, f.kind());
        assertEquals(mat, f.path());
        assertFalse(f.verified(), "there is no reference MD5 for the user's MAT file");
        assertEquals(256, f.bytes());
        assertEquals(Checksums.uncompressed(mat).md5(), f.md5());

        // the same file where OpenCV's PNG belongs is refused
        copy(mat, cacheFile);
        DataUnavailableException e = assertThrows(DataUnavailableException.class,
                () -> new DataCatalog(config(null, false)).fetchDigits20());
        assertTrue(e.getMessage().contains("a MAT file where OpenCV's digits.png is expected"), e.getMessage());

        byte[] v73 = header.clone();
        System.arraycopy("MATLAB 7.3".getBytes(StandardCharsets.US_ASCII), 0, v73, 0, 10);
        Path hdf = Files.write(tmp.resolve("v73.mat"), v73);
        e = assertThrows(DataUnavailableException.class, () -> new DataCatalog(config(hdf, false)).fetchDigits20());
        assertTrue(e.getMessage().contains("a MAT file but not MAT v5 (MATLAB 7.3 MAT-file"), e.getMessage());
    }

    // ---- the .deb step, on a package built here --------------------------------------------------------

    /** A minimal opencv-doc .deb holding {@code files} (package path → content file), built with dpkg-deb --build. */
    Path buildDeb(String name, Path... contentThenPaths) throws IOException, InterruptedException {
        assumeTrue(onPath("dpkg-deb"), "dpkg-deb is not installed: cannot build a test .deb");
        Path root = tmp.resolve("debroot-" + name);
        Files.createDirectories(root.resolve("DEBIAN"));
        Files.writeString(root.resolve("DEBIAN/control"), "Package: opencv-doc\nVersion: 0.0-test\nArchitecture: all\n"
                + "Maintainer: DvG tests <dvg@example.invalid>\nDescription: test package for DigitsResolverTest\n");
        // a few files before the wanted one, as in the real package
        Path docs = Files.createDirectories(root.resolve("usr/share/doc/opencv-doc/examples/cpp"));
        Files.writeString(docs.resolve("a.cpp"), "int main() { return 0; }\n".repeat(200));
        for (int i = 0; i + 1 < contentThenPaths.length; i += 2) {
            copy(contentThenPaths[i], root.resolve(contentThenPaths[i + 1].toString()));
        }
        Path deb = tmp.resolve(name + ".deb");
        Process p = new ProcessBuilder("dpkg-deb", "--root-owner-group", "--build", root.toString(), deb.toString())
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "dpkg-deb --build did not finish");
        assertEquals(0, p.exitValue(), "dpkg-deb --build failed: " + output);
        return deb;
    }

    static boolean onPath(String exe) {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                .anyMatch(d -> Files.isExecutable(Path.of(d, exe)));
    }

    @Test
    void extractionFromADebTakesExactlyThatFile() throws Exception {
        Path real = realPng();
        Path deb = buildDeb("good", real, Path.of(DigitsFile.DEB_ENTRY));
        Path out = tmp.resolve("out/digits.png");
        Files.createDirectories(out.getParent());
        RemoteSources.extractFromDeb(deb, DigitsFile.DEB_ENTRY, out);
        assertEquals(DigitsFile.PNG_MD5, Checksums.uncompressed(out).md5());
        try (Stream<Path> s = Files.list(out.getParent())) {
            assertEquals(List.of(out), s.toList(), "no temporary files are left next to the target");
        }

        IOException e = assertThrows(IOException.class,
                () -> RemoteSources.extractFromDeb(deb, "usr/share/doc/opencv-doc/examples/data/missing.png", out.resolveSibling("x")));
        assertEquals(deb + ": the package holds no regular file usr/share/doc/opencv-doc/examples/data/missing.png", e.getMessage());

        Path notDeb = Files.writeString(tmp.resolve("broken.deb"), "this is not an ar archive");
        e = assertThrows(IOException.class, () -> RemoteSources.extractFromDeb(notDeb, DigitsFile.DEB_ENTRY, out.resolveSibling("y")));
        assertTrue(e.getMessage().startsWith("'dpkg-deb --fsys-tarfile " + notDeb + "' exited with 2: "), e.getMessage());
    }

    @Test
    void theDebSourceFillsTheCacheAtomicallyAndOnlyWithAVerifiedFile() throws Exception {
        Path real = realPng();
        Path good = buildDeb("good", real, Path.of(DigitsFile.DEB_ENTRY));
        AtomicInteger downloads = new AtomicInteger();
        DigitsResolver.DebSource fromGood = (pkg, work) -> {
            assertEquals("opencv-doc", pkg);
            downloads.incrementAndGet();
            return Files.copy(good, work.resolve("opencv-doc_0.0-test_all.deb"));
        };
        // a leftover of an interrupted fetch is cleared, never read
        Path leftover = Files.createDirectories(tmp.resolve("cache/digits20/" + AtomicFiles.TEMP_PREFIX + "staging-old"));
        Files.writeString(leftover.resolve("digits.png"), "partial");

        DigitsFile f = new DataCatalog(config(null, true), fromGood).fetchDigits20();
        assertTrue(f.fetched());
        assertEquals(cacheFile, f.path());
        assertEquals(DigitsFile.PNG_MD5, f.md5());
        assertTrue(f.source().startsWith("cache " + cacheFile + " (from apt-get download opencv-doc (opencv-doc_0.0-test_all.deb), "
                + DigitsFile.DEB_ENTRY + ")"), f.source());
        assertEquals(2, f.attempts().size(), "cache and installed file were tried first: " + f.attempts());
        try (Stream<Path> s = Files.list(cacheFile.getParent())) {
            assertEquals(List.of("SOURCE", "digits.png"), s.map(p -> p.getFileName().toString()).sorted().toList(),
                    "only the file and its provenance remain (no .deb, no staging)");
        }
        // the next catalog, even offline, uses the cache without downloading
        DigitsFile again = new DataCatalog(config(null, false), fromGood).fetchDigits20();
        assertFalse(again.fetched());
        assertTrue(again.source().startsWith("cache " + cacheFile + " (from apt-get download opencv-doc"), again.source());
        assertEquals(1, downloads.get());
    }

    @Test
    void aDebWithAWrongFileLeavesTheCacheEmpty() throws Exception {
        Path wrong = tamperedPng(realPng(), tmp.resolve("wrong.png"));
        Path deb = buildDeb("wrong", wrong, Path.of(DigitsFile.DEB_ENTRY));
        DataCatalog catalog = new DataCatalog(config(null, true), (pkg, work) -> Files.copy(deb, work.resolve("opencv-doc_0_all.deb")));
        DataUnavailableException e = assertThrows(DataUnavailableException.class, catalog::fetchDigits20);
        assertTrue(e.getMessage().contains("3. apt-get download opencv-doc + dpkg-deb --fsys-tarfile: "), e.getMessage());
        assertTrue(e.getMessage().contains("digits.png: MD5 "), e.getMessage());
        assertFalse(Files.exists(cacheFile), "a file that failed its MD5 never reaches the cache");
        try (Stream<Path> s = Files.list(cacheFile.getParent())) {
            assertEquals(List.of(), s.toList(), "the staging folder and the .deb are gone");
        }

        DataCatalog failing = new DataCatalog(config(null, true), (pkg, work) -> {
            throw new IOException("'apt-get download opencv-doc' exited with 100: E: Unable to locate package opencv-doc");
        });
        e = assertThrows(DataUnavailableException.class, failing::fetchDigits20);
        assertTrue(e.getMessage().contains("3. apt-get download opencv-doc + dpkg-deb --fsys-tarfile: 'apt-get download opencv-doc' "
                + "exited with 100: E: Unable to locate package opencv-doc"), e.getMessage());
    }
}
