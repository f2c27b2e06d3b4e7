package dev.dvg.data.idx;

import dev.dvg.data.DataFormatException;
import dev.dvg.data.LabeledData;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads IDX files (the MNIST format), raw or gzip-compressed — compression is detected from the gzip
 * magic bytes {@code 1f 8b}, not from the file name.
 *
 * <p>Format: a big-endian int magic {@code 0x00000803} (unsigned-byte images, 3 dimensions) or
 * {@code 0x00000801} (unsigned-byte labels, 1 dimension), then one big-endian int per dimension, then
 * the bytes. Everything is checked before any large allocation:
 * <ul>
 *   <li>magic number and dimension sizes (count ≥ 0, rows/cols ≥ 1);</li>
 *   <li>the declared payload must fit in a Java array ({@link #MAX_PAYLOAD} bytes);</li>
 *   <li>raw files: the file length must equal header + declared payload exactly;</li>
 *   <li>gzip files: the decompressed stream is read into a buffer that grows only as bytes actually
 *       arrive (never sized from the header alone) and must end exactly at the declared length;</li>
 *   <li>labels must lie in {@code 0..numClasses-1}; images and labels must have the same count.</li>
 * </ul>
 * Each failure is a {@link DataFormatException} naming the file and the problem.
 */
public final class IdxReader {
    /** IDX magic of an unsigned-byte 3-D array (images). */
    public static final int MAGIC_IMAGES = 0x00000803;
    /** IDX magic of an unsigned-byte 1-D array (labels). */
    public static final int MAGIC_LABELS = 0x00000801;
    /** Largest payload this reader accepts (the largest Java byte array that is safe everywhere). */
    public static final long MAX_PAYLOAD = Integer.MAX_VALUE - 16L;

    private static final int GZIP_MAGIC_0 = 0x1f;
    private static final int GZIP_MAGIC_1 = 0x8b;
    private static final int FIRST_CHUNK = 1 << 16;

    private IdxReader() {
    }

    /** True when the file starts with the gzip magic bytes. */
    public static boolean isGzip(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.read() == GZIP_MAGIC_0 && in.read() == GZIP_MAGIC_1;
        }
    }

    /** Reads an image file (magic 0x803, dims N×H×W). */
    public static IdxImages readImages(Path file) throws IOException {
        try (Source src = open(file)) {
            int magic = src.readHeaderInt("magic number");
            if (magic != MAGIC_IMAGES) {
                throw new DataFormatException(file, String.format(
                        "bad magic number 0x%08x, expected 0x%08x (IDX unsigned-byte images, 3 dimensions)%s",
                        magic, MAGIC_IMAGES, magic == MAGIC_LABELS ? " — this is a label file" : ""));
            }
            // IDX dimensions are unsigned 32-bit: read them as longs so 2^31 is "too big", not negative.
            long count = Integer.toUnsignedLong(src.readHeaderInt("image count"));
            long rows = Integer.toUnsignedLong(src.readHeaderInt("row count"));
            long cols = Integer.toUnsignedLong(src.readHeaderInt("column count"));
            if (rows == 0 || cols == 0) {
                throw new DataFormatException(file, "image dimensions must be positive, got " + rows + "x" + cols);
            }
            // Each factor <= MAX_PAYLOAD < 2^31 before multiplying, so no product can overflow a long.
            boolean tooBig = count > MAX_PAYLOAD || rows > MAX_PAYLOAD || cols > MAX_PAYLOAD
                    || rows * cols > MAX_PAYLOAD || count * (rows * cols) > MAX_PAYLOAD;
            long payload = tooBig ? -1 : count * rows * cols;
            if (tooBig) {
                throw new DataFormatException(file, "header declares " + count + " images of " + rows + "x" + cols
                        + " = " + BigInteger.valueOf(count).multiply(BigInteger.valueOf(rows)).multiply(BigInteger.valueOf(cols))
                        + " bytes, more than this reader supports (" + MAX_PAYLOAD + ")");
            }
            byte[] pixels = src.readPayload(16, payload, count + " images of " + rows + "x" + cols);
            return new IdxImages(file, (int) count, (int) rows, (int) cols, pixels);
        }
    }

    /**
     * Reads only the 16-byte header of an image file: {@code {count, rows, cols}}. Checks the magic
     * number, not the payload.
     */
    public static int[] readImageHeader(Path file) throws IOException {
        try (Source src = open(file)) {
            int magic = src.readHeaderInt("magic number");
            if (magic != MAGIC_IMAGES) {
                throw new DataFormatException(file, String.format("bad magic number 0x%08x, expected 0x%08x", magic,
                        MAGIC_IMAGES));
            }
            return new int[] {src.readHeaderInt("image count"), src.readHeaderInt("row count"),
                src.readHeaderInt("column count")};
        }
    }

    /** Reads a label file (magic 0x801, dims N) and checks every label is in {@code 0..numClasses-1}. */
    public static IdxLabels readLabels(Path file, int numClasses) throws IOException {
        if (numClasses < 1 || numClasses > 256) {
            throw new IllegalArgumentException("numClasses must be in 1..256, got " + numClasses);
        }
        try (Source src = open(file)) {
            int magic = src.readHeaderInt("magic number");
            if (magic != MAGIC_LABELS) {
                throw new DataFormatException(file, String.format(
                        "bad magic number 0x%08x, expected 0x%08x (IDX unsigned-byte labels, 1 dimension)%s",
                        magic, MAGIC_LABELS, magic == MAGIC_IMAGES ? " — this is an image file" : ""));
            }
            long count = Integer.toUnsignedLong(src.readHeaderInt("label count"));
            if (count > MAX_PAYLOAD) {
                throw new DataFormatException(file, "header declares " + count
                        + " labels, more than this reader supports (" + MAX_PAYLOAD + ")");
            }
            byte[] raw = src.readPayload(8, count, count + " labels");
            int[] labels = new int[raw.length];
            for (int i = 0; i < raw.length; i++) {
                int label = raw[i] & 0xFF;
                if (label >= numClasses) {
                    throw new DataFormatException(file, "label " + label + " at index " + i + " is outside 0.."
                            + (numClasses - 1));
                }
                labels[i] = label;
            }
            return new IdxLabels(file, labels);
        }
    }

    /**
     * Reads an image file and its label file into a {@link LabeledData} with pixels scaled to
     * {@code [0,1]} (divided by 255) and feature shape {@code [1, H, W]}.
     */
    public static LabeledData readLabeled(String name, Path images, Path labels, int numClasses) throws IOException {
        IdxImages img = readImages(images);
        IdxLabels lab = readLabels(labels, numClasses);
        if (img.count() != lab.count()) {
            throw new DataFormatException(images, "holds " + img.count() + " images but " + labels + " holds "
                    + lab.count() + " labels; the counts must be equal");
        }
        return new LabeledData(name, toUnitFloats(img.pixels()), lab.labels(), img.count(),
                new int[] {1, img.rows(), img.cols()}, numClasses);
    }

    /** Unsigned bytes to floats in [0,1]: {@code (b & 0xFF) / 255f}. */
    public static float[] toUnitFloats(byte[] bytes) {
        float[] out = new float[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            out[i] = (bytes[i] & 0xFF) / 255f;
        }
        return out;
    }

    private static Source open(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "IDX file not found");
        }
        boolean gz = isGzip(file);
        InputStream raw = Files.newInputStream(file);
        try {
            InputStream in = gz ? new GZIPInputStream(raw, FIRST_CHUNK) : new BufferedInputStream(raw, FIRST_CHUNK);
            return new Source(file, in, gz, gz ? -1 : Files.size(file));
        } catch (ZipException | EOFException e) {
            raw.close();
            throw new DataFormatException(file, "starts like gzip but its gzip header is corrupt: " + e.getMessage(), e);
        }
    }

    /** A header-then-payload reader over a raw or gunzipped stream. */
    private static final class Source implements AutoCloseable {
        private final Path file;
        private final InputStream in;
        private final boolean gzip;
        private final long rawLength;

        Source(Path file, InputStream in, boolean gzip, long rawLength) {
            this.file = file;
            this.in = in;
            this.gzip = gzip;
            this.rawLength = rawLength;
        }

        int readHeaderInt(String what) throws IOException {
            byte[] b = new byte[4];
            int got = readFully(b, 0, 4);
            if (got < 4) {
                throw new DataFormatException(file, "truncated header: ended while reading the " + what
                        + (gzip ? " (after gunzip)" : ""));
            }
            return ((b[0] & 0xFF) << 24) | ((b[1] & 0xFF) << 16) | ((b[2] & 0xFF) << 8) | (b[3] & 0xFF);
        }

        byte[] readPayload(int headerBytes, long payload, String declared) throws IOException {
            if (!gzip) {
                long expected = headerBytes + payload;
                if (rawLength != expected) {
                    throw new DataFormatException(file, "header declares " + declared + " (" + expected
                            + " bytes with the header) but the file is " + rawLength + " bytes"
                            + (rawLength < expected ? " (truncated)" : " (trailing data)"));
                }
                byte[] data = new byte[(int) payload];
                if (readFully(data, 0, data.length) != data.length) {
                    throw new DataFormatException(file, "file shrank while being read");
                }
                return data;
            }
            // gzip: grow only as data arrives, so a lying header cannot make us allocate.
            byte[] buf = new byte[(int) Math.min(payload, FIRST_CHUNK)];
            int filled = 0;
            while (filled < payload) {
                if (filled == buf.length) {
                    buf = Arrays.copyOf(buf, (int) Math.min(payload, 2L * buf.length));
                }
                int got = readFully(buf, filled, buf.length - filled);
                filled += got;
                if (filled < buf.length) {
                    throw new DataFormatException(file, "header declares " + declared + " (" + (headerBytes + payload)
                            + " bytes with the header) but the gunzipped data is only " + (headerBytes + filled)
                            + " bytes (truncated)");
                }
            }
            int extra = in.read();
            if (extra >= 0) {
                throw new DataFormatException(file, "header declares " + declared + " (" + (headerBytes + payload)
                        + " bytes with the header) but the gunzipped data is longer (trailing data)");
            }
            return buf;
        }

        private int readFully(byte[] b, int off, int len) throws IOException {
            int total = 0;
            try {
                while (total < len) {
                    int r = in.read(b, off + total, len - total);
                    if (r < 0) {
                        break;
                    }
                    total += r;
                }
            } catch (EOFException | ZipException e) {
                throw new DataFormatException(file, "corrupt or truncated gzip stream after " + total
                        + " more bytes: " + e.getMessage(), e);
            }
            return total;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
