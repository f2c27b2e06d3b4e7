package dev.dvg.data.idx;

import dev.dvg.data.DataFormatException;
import dev.dvg.data.LabeledData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IdxReaderTest {
    @TempDir
    Path dir;

    static byte[] idx(int magic, int[] dims, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * dims.length + payload.length);
        b.putInt(magic);
        for (int d : dims) {
            b.putInt(d);
        }
        b.put(payload);
        return b.array();
    }

    static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(bos)) {
            out.write(data);
        }
        return bos.toByteArray();
    }

    Path write(String name, byte[] content) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, content);
        return p;
    }

    static byte[] pixels(int count) {
        byte[] px = new byte[count * 2 * 3];
        for (int i = 0; i < px.length; i++) {
            px[i] = (byte) (i * 37);
        }
        return px;
    }

    static String messageOf(Path file, Class<? extends Exception> type, ThrowingRead read) {
        Exception e = assertThrows(type, read::run);
        assertTrue(e.getMessage().contains(file.toString()), "message names the file: " + e.getMessage());
        return e.getMessage();
    }

    interface ThrowingRead {
        void run() throws Exception;
    }

    @Test
    void readsRawAndGzipIdenticallyDetectingByMagicNotName() throws IOException {
        byte[] img = idx(0x803, new int[] {4, 2, 3}, pixels(4));
        byte[] lab = idx(0x801, new int[] {4}, new byte[] {5, 0, 4, 9});
        Path rawImg = write("images.bin", img);
        Path rawLab = write("labels.gz", lab); // misleading name: still raw
        Path gzImg = write("images-no-suffix", gzip(img));
        Path gzLab = write("labels.idx", gzip(lab));
        assertFalse(IdxReader.isGzip(rawLab));
        assertTrue(IdxReader.isGzip(gzImg));
        LabeledData a = IdxReader.readLabeled("raw", rawImg, rawLab, 10);
        LabeledData b = IdxReader.readLabeled("gz", gzImg, gzLab, 10);
        assertArrayEquals(a.x(), b.x());
        assertArrayEquals(new int[] {5, 0, 4, 9}, a.labels());
        assertArrayEquals(a.labels(), b.labels());
        assertArrayEquals(new int[] {1, 2, 3}, a.featureShape());
        assertEquals(4, a.n());
        assertEquals((pixels(4)[7] & 0xFF) / 255f, a.x()[7]);
        assertEquals(IdxReader.readImages(rawImg).pixels().length, 24);
        assertArrayEquals(new int[] {4, 2, 3}, IdxReader.readImageHeader(gzImg));
    }

    @Test
    void badMagicIsNamed() throws IOException {
        Path p = write("bad", idx(0x802, new int[] {1, 2, 3}, pixels(1)));
        String m = messageOf(p, DataFormatException.class, () -> IdxReader.readImages(p));
        assertTrue(m.contains("bad magic number 0x00000802, expected 0x00000803"), m);
        Path lab = write("lab-as-img", idx(0x801, new int[] {1}, new byte[] {1}));
        m = messageOf(lab, DataFormatException.class, () -> IdxReader.readImages(lab));
        assertTrue(m.contains("this is a label file"), m);
        Path img = write("img-as-lab", idx(0x803, new int[] {1, 2, 3}, pixels(1)));
        m = messageOf(img, DataFormatException.class, () -> IdxReader.readLabels(img, 10));
        assertTrue(m.contains("expected 0x00000801") && m.contains("this is an image file"), m);
    }

    @Test
    void truncatedBodyRawAndGzip() throws IOException {
        byte[] full = idx(0x803, new int[] {4, 2, 3}, pixels(4));
        byte[] cut = Arrays.copyOf(full, full.length - 5);
        Path raw = write("cut", cut);
        String m = messageOf(raw, DataFormatException.class, () -> IdxReader.readImages(raw));
        assertTrue(m.contains("declares 4 images of 2x3") && m.contains("the file is 35 bytes (truncated)"), m);
        Path gz = write("cut.gz", gzip(cut));
        m = messageOf(gz, DataFormatException.class, () -> IdxReader.readImages(gz));
        assertTrue(m.contains("gunzipped data is only 35 bytes (truncated)"), m);
        // a gzip stream cut short is a corrupt-stream error, not an EOFException
        byte[] gzFull = gzip(full);
        Path gzCut = write("gzcut", Arrays.copyOf(gzFull, gzFull.length - 12));
        m = messageOf(gzCut, DataFormatException.class, () -> IdxReader.readImages(gzCut));
        assertTrue(m.contains("gzip"), m);
        // header itself truncated
        Path shortHeader = write("short", Arrays.copyOf(full, 10));
        m = messageOf(shortHeader, DataFormatException.class, () -> IdxReader.readImages(shortHeader));
        assertTrue(m.contains("truncated header") && m.contains("row count"), m);
    }

    @Test
    void trailingDataIsRejected() throws IOException {
        byte[] full = idx(0x801, new int[] {2}, new byte[] {1, 2, 3});
        Path raw = write("long", full);
        String m = messageOf(raw, DataFormatException.class, () -> IdxReader.readLabels(raw, 10));
        assertTrue(m.contains("(trailing data)"), m);
        Path gz = write("long.gz", gzip(full));
        m = messageOf(gz, DataFormatException.class, () -> IdxReader.readLabels(gz, 10));
        assertTrue(m.contains("(trailing data)"), m);
    }

    @Test
    void hostileHeaderClaiming2To31ImagesNeverAllocates() throws IOException {
        // 2^31 images (0x80000000 read as unsigned) of 28x28, with a tiny body: raw and gzip
        byte[] hostile = idx(0x803, new int[] {0x80000000, 28, 28}, new byte[100]);
        Path raw = write("hostile", hostile);
        String m = messageOf(raw, DataFormatException.class, () -> IdxReader.readImages(raw));
        assertTrue(m.contains("declares 2147483648 images of 28x28") && m.contains("more than this reader supports"), m);
        Path gz = write("hostile.gz", gzip(hostile));
        m = messageOf(gz, DataFormatException.class, () -> IdxReader.readImages(gz));
        assertTrue(m.contains("2147483648 images"), m);
        // plausible-looking but still huge: 2,000,000 images of 28x28 = 1.5 GB claimed, 100 bytes present
        byte[] big = idx(0x803, new int[] {2_000_000, 28, 28}, new byte[100]);
        Path bigRaw = write("big", big);
        m = messageOf(bigRaw, DataFormatException.class, () -> IdxReader.readImages(bigRaw));
        assertTrue(m.contains("(truncated)"), m);
        Path bigGz = write("big.gz", gzip(big));
        long before = usedHeap();
        m = messageOf(bigGz, DataFormatException.class, () -> IdxReader.readImages(bigGz));
        assertTrue(m.contains("gunzipped data is only 116 bytes (truncated)"), m);
        assertTrue(usedHeap() - before < 256L << 20, "did not allocate the claimed 1.5 GB");
        // labels: 2^31 - 1 labels claimed
        Path labs = write("labs", idx(0x801, new int[] {0x7fffffff}, new byte[3]));
        m = messageOf(labs, DataFormatException.class, () -> IdxReader.readLabels(labs, 10));
        assertTrue(m.contains("2147483647 labels"), m);
        // overflowing dims: rows*cols beyond any array
        Path dims = write("dims", idx(0x803, new int[] {1, 0xffffffff, 0xffffffff}, new byte[3]));
        m = messageOf(dims, DataFormatException.class, () -> IdxReader.readImages(dims));
        assertTrue(m.contains("4294967295x4294967295"), m);
        Path zero = write("zero", idx(0x803, new int[] {1, 0, 28}, new byte[0]));
        m = messageOf(zero, DataFormatException.class, () -> IdxReader.readImages(zero));
        assertTrue(m.contains("image dimensions must be positive"), m);
    }

    private static long usedHeap() {
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }

    @Test
    void labelImageCountMismatch() throws IOException {
        Path img = write("img", idx(0x803, new int[] {3, 2, 3}, pixels(3)));
        Path lab = write("lab", idx(0x801, new int[] {4}, new byte[] {1, 2, 3, 4}));
        String m = messageOf(img, DataFormatException.class, () -> IdxReader.readLabeled("x", img, lab, 10));
        assertTrue(m.contains("holds 3 images but " + lab + " holds 4 labels"), m);
    }

    @Test
    void labelOutOfRange() throws IOException {
        Path lab = write("lab", idx(0x801, new int[] {4}, new byte[] {1, 2, 10, 4}));
        String m = messageOf(lab, DataFormatException.class, () -> IdxReader.readLabels(lab, 10));
        assertTrue(m.contains("label 10 at index 2 is outside 0..9"), m);
        Path neg = write("neg", idx(0x801, new int[] {1}, new byte[] {(byte) 200}));
        m = messageOf(neg, DataFormatException.class, () -> IdxReader.readLabels(neg, 10));
        assertTrue(m.contains("label 200 at index 0"), m);
        assertEquals(4, IdxReader.readLabels(lab, 11).count(), "with 11 classes, 10 is fine");
    }

    @Test
    void missingFileIsNoSuchFile() {
        Path p = dir.resolve("absent");
        assertThrows(java.nio.file.NoSuchFileException.class, () -> IdxReader.readImages(p));
    }
}
