package dev.dvg.data.fetch;

import dev.dvg.data.LabeledData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Real MNIST through the resolution chain configured from the environment (the cache that
 * {@code dvg data fetch mnist} fills; with network access the catalog fetches it itself). Missing data
 * fails these tests with the catalog's error listing every source tried.
 */
@Tag("mnist")
class MnistDataTest {
    static DataCatalog catalog;
    static FetchResult fetched;

    @BeforeAll
    static void resolve() throws IOException {
        catalog = DataCatalog.fromEnvironment();
        fetched = catalog.fetch(DatasetId.MNIST);
    }

    @Test
    void checksumsAreTheDocumentedOnes() {
        assertEquals("6bbc9ace898e44ae57da46a324031adb", fetched.file(FileRole.TRAIN_IMAGES).md5());
        assertEquals("a25bea736e30d166cdddb491f175f624", fetched.file(FileRole.TRAIN_LABELS).md5());
        assertEquals("2646ac647ad5339dbf082846283269ea", fetched.file(FileRole.TEST_IMAGES).md5());
        assertEquals("27ae3e4e09519cfbb04c329615203637", fetched.file(FileRole.TEST_LABELS).md5());
        assertEquals(47_040_016L, fetched.file(FileRole.TRAIN_IMAGES).bytes());
    }

    @Test
    void trainAndTestShapesCountsAndFirstLabels() throws IOException {
        LabeledData train = catalog.loadTrain(DatasetId.MNIST);
        LabeledData test = catalog.loadTest(DatasetId.MNIST);
        assertEquals(60_000, train.n());
        assertEquals(10_000, test.n());
        assertArrayEquals(new int[] {1, 28, 28}, train.featureShape());
        assertEquals(784, train.features());
        assertArrayEquals(new long[] {5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949}, train.classCounts());
        assertArrayEquals(new long[] {980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009}, test.classCounts());
        assertArrayEquals(new int[] {5, 0, 4, 1, 9}, java.util.Arrays.copyOf(train.labels(), 5));
        float min = Float.MAX_VALUE;
        float max = -Float.MAX_VALUE;
        double sum = 0;
        for (float v : train.x()) {
            min = Math.min(min, v);
            max = Math.max(max, v);
            sum += v;
        }
        assertEquals(0f, min);
        assertEquals(1f, max);
        assertEquals(0.1307, sum / train.x().length, 1e-4, "the well-known MNIST pixel mean");
    }

    @Test
    void infoReportsVerifiedMnist() {
        DatasetInfo mnist = catalog.info().get(0);
        assertEquals(DatasetId.MNIST, mnist.id());
        assertTrue(mnist.available(), mnist.problems().toString());
        assertEquals(60_000, mnist.trainCount());
        assertEquals(10_000, mnist.testCount());
        assertArrayEquals(new int[] {1, 28, 28}, mnist.imageShape());
        assertEquals(5923, mnist.trainClassCounts()[0]);
        assertEquals(4, mnist.files().size());
    }

    /** An explicit data directory wins over the cache and may mix raw and .gz files. */
    @Test
    void explicitDataDirWithMixedRawAndGzipFiles(@TempDir Path dir) throws IOException {
        Path mnistDir = Files.createDirectories(dir.resolve("mnist"));
        for (FileRole role : List.of(FileRole.TRAIN_IMAGES, FileRole.TEST_IMAGES)) {
            Files.createSymbolicLink(mnistDir.resolve(role.fileName()), fetched.file(role).path().toAbsolutePath());
        }
        for (FileRole role : List.of(FileRole.TRAIN_LABELS, FileRole.TEST_LABELS)) {
            try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(mnistDir.resolve(role.fileName() + ".gz")))) {
                Files.copy(fetched.file(role).path(), out);
            }
        }
        DataCatalog local = new DataCatalog(catalog.config().withDataDir(dir).withCacheRoot(dir.resolve("empty-cache"))
                .withRemote(false));
        FetchResult r = local.fetch(DatasetId.MNIST);
        assertEquals("data dir " + mnistDir, r.source());
        assertTrue(r.file(FileRole.TEST_LABELS).path().toString().endsWith(".gz"));
        assertFalse(r.fetched());
        LabeledData test = local.loadTest(DatasetId.MNIST);
        assertEquals(7, test.labels()[0]);
    }

    /**
     * The download path end to end against a local HTTP server: an unreachable mirror, a mirror serving
     * corrupt data (caught by the MD5 check, nothing installed), then a good one; the cache ends up with
     * exactly the four verified files and the SOURCE note, no temporaries.
     */
    @Test
    void downloadVerifiesThenInstallsAtomically(@TempDir Path dir) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            String name = Path.of(exchange.getRequestURI().getPath()).getFileName().toString().replace(".gz", "");
            FileRole role = java.util.Arrays.stream(FileRole.values()).filter(f -> f.fileName().equals(name)).findFirst()
                    .orElse(null);
            if (role == null) {
                exchange.sendResponseHeaders(404, -1);
                exchange.close();
                return;
            }
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = new GZIPOutputStream(exchange.getResponseBody(), 1 << 16)) {
                if (exchange.getRequestURI().getPath().startsWith("/bad/")) {
                    out.write(new byte[(int) Math.min(1000, fetched.file(role).bytes())]);
                } else {
                    Files.copy(fetched.file(role).path(), out);
                }
            }
        });
        server.start();
        try {
            String base = "http://127.0.0.1:" + server.getAddress().getPort();
            Path cacheRoot = dir.resolve("cache");
            DataCatalog remote = new DataCatalog(new DataConfig(null, cacheRoot, dir.resolve("sys"),
                    java.time.Duration.ofSeconds(2), true)
                    .withMirrors(DatasetId.MNIST, List.of("http://127.0.0.1:1/", base + "/bad/", base + "/good/")));
            FetchResult r = remote.fetch(DatasetId.MNIST);
            assertTrue(r.fetched());
            assertEquals("cache " + cacheRoot.resolve("mnist") + " (from download " + base + "/good/*.gz)", r.source());
            assertEquals(3, r.attempts().size(), r.attempts().toString());
            assertTrue(r.attempts().get(1).startsWith("download http://127.0.0.1:1/*.gz: java.net.ConnectException"),
                    r.attempts().get(1));
            assertTrue(r.attempts().get(2).contains("uncompressed length 1000 bytes, expected"), r.attempts().get(2));
            try (var files = Files.list(cacheRoot.resolve("mnist"))) {
                assertEquals(List.of("SOURCE", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte",
                        "train-images-idx3-ubyte", "train-labels-idx1-ubyte"),
                        files.map(p -> p.getFileName().toString()).sorted().toList());
            }
            // a second catalog finds it in the cache, naming where it came from
            FetchResult again = new DataCatalog(new DataConfig(null, cacheRoot, dir.resolve("sys"),
                    java.time.Duration.ofSeconds(2), false)).fetch(DatasetId.MNIST);
            assertEquals("cache " + cacheRoot.resolve("mnist") + " (from download " + base + "/good/*.gz)", again.source());
        } finally {
            server.stop(0);
        }
    }
}
