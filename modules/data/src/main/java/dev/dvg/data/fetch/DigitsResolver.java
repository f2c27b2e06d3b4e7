package dev.dvg.data.fetch;

import dev.dvg.data.DataFormatException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * The resolution chain of the 20×20 digits ({@link DigitsFile}), used by {@link DataCatalog}:
 * <ol>
 *   <li>the explicit file ({@link DataConfig#digitsFile()}: {@code --digits} / {@code DVG_DIGITS}), a PNG
 *       that must match {@link DigitsFile#PNG_MD5}, or a MAT v5 file (the course's ex4data1.mat: the
 *       user's own file, accepted without a reference checksum);</li>
 *   <li>the cache, {@code <cacheRoot>/digits20/digits.png};</li>
 *   <li>the file Debian's {@code opencv-doc} installs ({@link DataConfig#systemDigits()});</li>
 *   <li>if remote: {@code apt-get download opencv-doc} (the .deb only, nothing is installed), then
 *       {@code dpkg-deb --fsys-tarfile} streamed through {@link TarReader} up to the one entry.</li>
 * </ol>
 * The download goes to a {@code .tmp-staging-*} folder inside the cache folder; the image is verified
 * there and then moved into place atomically, with a {@code SOURCE} file naming the .deb. An
 * interrupted fetch leaves only {@code .tmp-*} entries, removed by the next fetch.
 */
final class DigitsResolver {
    private static final Logger LOG = LoggerFactory.getLogger(DigitsResolver.class);
    private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    private static final String MAT5_HEADER = "MATLAB 5.0 MAT-file";

    /** Obtains a package's .deb into a work folder (the real one runs {@code apt-get download}; tests substitute a built .deb). */
    @FunctionalInterface
    interface DebSource {
        Path download(String pkg, Path work) throws IOException;
    }

    private final DataConfig config;
    private final DebSource debs;

    DigitsResolver(DataConfig config, DebSource debs) {
        this.config = config;
        this.debs = debs;
    }

    /** Local sources only (explicit file, cache, installed package); null with {@code attempts} filled when none works. */
    DigitsFile resolveLocal(List<String> attempts) {
        List<Candidate> candidates = new ArrayList<>();
        if (config.digitsFile() != null) {
            candidates.add(new Candidate("explicit file " + config.digitsFile() + " (--digits / " + DataConfig.ENV_DIGITS + ")",
                    config.digitsFile(), true));
        }
        Path cached = cacheFile();
        candidates.add(new Candidate("cache " + cached + origin(), cached, false));
        candidates.add(new Candidate("installed file " + config.systemDigits() + " (Debian " + DigitsFile.DEB_PACKAGE + ")",
                config.systemDigits(), false));
        for (Candidate c : candidates) {
            try {
                DigitsFile f = check(c.file(), c.description(), c.explicit(), attempts, false);
                LOG.info("{}: using {}", DigitsFile.KEY, c.description());
                return f;
            } catch (IOException e) {
                if (c.explicit()) {
                    LOG.warn("{}: the explicit file is not usable, trying the other sources: {}", DigitsFile.KEY, reason(e));
                } else {
                    LOG.debug("{}: {} did not work: {}", DigitsFile.KEY, c.description(), reason(e));
                }
                attempts.add(c.description() + ": " + reason(e));
            }
        }
        return null;
    }

    private record Candidate(String description, Path file, boolean explicit) {
    }

    /** The whole chain. */
    DigitsFile resolve() throws DataUnavailableException {
        List<String> attempts = new ArrayList<>();
        DigitsFile local = resolveLocal(attempts);
        if (local != null) {
            return local;
        }
        String description = "apt-get download " + DigitsFile.DEB_PACKAGE + " + dpkg-deb --fsys-tarfile";
        if (!config.remote()) {
            attempts.add(description + ": skipped, remote fetching is disabled (" + DataConfig.ENV_OFFLINE + "/"
                    + DataConfig.PROP_OFFLINE + ")");
        } else {
            DigitsFile r = fetchDeb(description, attempts);
            if (r != null) {
                return r;
            }
        }
        throw new DataUnavailableException(DigitsFile.TITLE, DigitsFile.KEY, attempts, howToFix());
    }

    Path cacheFile() {
        return config.digitsCacheDir().resolve(DigitsFile.PNG_NAME);
    }

    private DigitsFile fetchDeb(String description, List<String> attempts) {
        Path cache = config.digitsCacheDir();
        Path staging = null;
        try {
            Files.createDirectories(cache);
            DataCatalog.removeStaleTemps(cache);
            staging = Files.createTempDirectory(cache, AtomicFiles.TEMP_PREFIX + "staging-");
            LOG.info("{}: trying {} (a ~96 MB download)", DigitsFile.KEY, description);
            long t0 = System.nanoTime();
            Path deb = debs.download(DigitsFile.DEB_PACKAGE, staging);
            LOG.info("{}: extracting {} from {} ({})", DigitsFile.KEY, DigitsFile.DEB_ENTRY, deb.getFileName(),
                    RemoteSources.human(Files.size(deb)));
            Path png = staging.resolve(DigitsFile.PNG_NAME);
            RemoteSources.extractFromDeb(deb, DigitsFile.DEB_ENTRY, png);
            verifyPng(png);
            Path target = cacheFile();
            AtomicFiles.moveInto(png, target);
            String provenance = "apt-get download " + DigitsFile.DEB_PACKAGE + " (" + deb.getFileName() + "), "
                    + DigitsFile.DEB_ENTRY;
            AtomicFiles.writeString(cache.resolve(DataCatalog.SOURCE_FILE), provenance + "\n");
            LOG.info("{}: fetched and verified via {} in {} s", DigitsFile.KEY, description,
                    String.format(Locale.ROOT, "%.1f", (System.nanoTime() - t0) / 1e9));
            return check(target, "cache " + target + " (from " + provenance + ")", false, attempts, true);
        } catch (IOException | RuntimeException e) {
            LOG.warn("{}: {} failed: {}", DigitsFile.KEY, description, reason(e));
            attempts.add(description + ": " + reason(e));
            return null;
        } finally {
            if (staging != null) {
                RemoteSources.deleteTree(staging);
            }
        }
    }

    /**
     * Checks one candidate: a PNG must have OpenCV's length and MD5; a MAT v5 file is accepted only when
     * {@code allowMat} (the user's explicit file).
     */
    private static DigitsFile check(Path p, String description, boolean allowMat, List<String> attempts, boolean fetched)
            throws IOException {
        if (!Files.isRegularFile(p)) {
            throw new IOException("no such file");
        }
        byte[] head = new byte[128];
        int n;
        try (InputStream in = Files.newInputStream(p)) {
            n = in.readNBytes(head, 0, head.length);
        }
        if (n >= PNG_MAGIC.length && Arrays.equals(head, 0, PNG_MAGIC.length, PNG_MAGIC, 0, PNG_MAGIC.length)) {
            Checksums.Digest d = verifyPng(p);
            return new DigitsFile(DigitsFile.Kind.PNG, p, description, d.bytes(), d.md5(), true, attempts, fetched);
        }
        String text = new String(head, 0, n, StandardCharsets.ISO_8859_1);
        if (allowMat && text.startsWith(MAT5_HEADER)) {
            Checksums.Digest d = Checksums.uncompressed(p);
            return new DigitsFile(DigitsFile.Kind.MAT, p, description, d.bytes(), d.md5(), false, attempts, fetched);
        }
        if (text.startsWith("MATLAB ")) {
            throw new DataFormatException(p, allowMat
                    ? "a MAT file but not MAT v5 (" + text.substring(0, Math.min(text.length(), 19)).strip()
                            + "); re-save it with save('-v7') or save('-v6')"
                    : "a MAT file where OpenCV's digits.png is expected (a MAT file is only accepted via --digits / "
                            + DataConfig.ENV_DIGITS + ")");
        }
        throw new DataFormatException(p, "neither a PNG" + (allowMat ? " nor a MAT v5 file" : "") + " (starts with "
                + HexFormat.of().formatHex(head, 0, Math.min(n, 8)) + "); expected OpenCV's digits.png"
                + (allowMat ? " or the course's ex4data1.mat" : ""));
    }

    private static Checksums.Digest verifyPng(Path p) throws IOException {
        Checksums.Digest d = Checksums.uncompressed(p);
        if (d.bytes() != DigitsFile.PNG_BYTES) {
            throw new DataFormatException(p, "length " + d.bytes() + " bytes, expected " + DigitsFile.PNG_BYTES
                    + " for OpenCV's digits.png");
        }
        if (!d.md5().equals(DigitsFile.PNG_MD5)) {
            throw new DataFormatException(p, "MD5 " + d.md5() + ", expected " + DigitsFile.PNG_MD5 + " for OpenCV's digits.png");
        }
        return d;
    }

    private String origin() {
        Path source = config.digitsCacheDir().resolve(DataCatalog.SOURCE_FILE);
        try {
            if (Files.isRegularFile(source)) {
                return " (from " + Files.readString(source).strip() + ")";
            }
        } catch (IOException e) {
            LOG.debug("cannot read {}: {}", source, e.toString());
        }
        return "";
    }

    private static String reason(Exception e) {
        return e instanceof DataFormatException || e.getClass() == IOException.class ? e.getMessage() : e.toString();
    }

    private String howToFix() {
        return "To supply the file by hand, pass --digits FILE (or set " + DataConfig.ENV_DIGITS + "=FILE) with OpenCV's "
                + DigitsFile.PNG_NAME + " or the course's ex4data1.mat, or copy " + DigitsFile.PNG_NAME + " to "
                + cacheFile() + ". On Debian/Ubuntu: 'apt-get download " + DigitsFile.DEB_PACKAGE
                + " && dpkg-deb --fsys-tarfile " + DigitsFile.DEB_PACKAGE + "_*.deb | tar xf - ./" + DigitsFile.DEB_ENTRY
                + "' (or 'apt-get install " + DigitsFile.DEB_PACKAGE + "', which puts it at " + DataConfig.DEFAULT_SYSTEM_DIGITS
                + "). Expected " + DigitsFile.PNG_NAME + ": " + DigitsFile.PNG_BYTES + " bytes, MD5 " + DigitsFile.PNG_MD5 + ".";
    }
}
