package dev.dvg.data.fetch;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TarReaderTest {
    /** A ustar header for a regular file or directory, with a correct checksum. */
    static byte[] header(String name, long size, char type) {
        byte[] h = new byte[512];
        byte[] n = name.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(n, 0, h, 0, n.length);
        put(h, 100, String.format("%07o", 0644));
        put(h, 108, String.format("%07o", 0));
        put(h, 116, String.format("%07o", 0));
        put(h, 124, String.format("%011o", size));
        put(h, 136, String.format("%011o", 0));
        h[156] = (byte) type;
        put(h, 257, "ustar");
        put(h, 263, "00");
        for (int i = 148; i < 156; i++) {
            h[i] = ' ';
        }
        long sum = 0;
        for (byte b : h) {
            sum += b & 0xFF;
        }
        put(h, 148, String.format("%06o", sum));
        h[154] = 0;
        return h;
    }

    static void put(byte[] h, int off, String s) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(b, 0, h, off, b.length);
    }

    static void entry(ByteArrayOutputStream out, String name, byte[] content) throws IOException {
        out.write(header(name, content.length, '0'));
        out.write(content);
        out.write(new byte[(512 - content.length % 512) % 512]);
    }

    @Test
    void readsRegularFilesSkippingDirectoriesAndUnreadContent() throws IOException {
        ByteArrayOutputStream tar = new ByteArrayOutputStream();
        tar.write(header("package/", 0, '5'));
        entry(tar, "package/package.json", "{}".getBytes(StandardCharsets.UTF_8));
        byte[] big = new byte[1300];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) i;
        }
        entry(tar, "package/data/t10k-labels-idx1-ubyte", big);
        entry(tar, "package/readme.md", "hi".getBytes(StandardCharsets.UTF_8));
        tar.write(new byte[1024]);
        TarReader r = new TarReader(new ByteArrayInputStream(tar.toByteArray()), "test.tar");
        TarReader.Entry a = r.next();
        assertEquals("package/package.json", a.name()); // not read: skipped by next()
        TarReader.Entry b = r.next();
        assertEquals("package/data/t10k-labels-idx1-ubyte", b.name());
        assertEquals(1300, b.size());
        byte[] got = b.content().readAllBytes();
        assertEquals(1300, got.length);
        assertEquals((byte) 1299, got[1299]);
        assertEquals("hi", new String(r.next().content().readAllBytes(), StandardCharsets.UTF_8));
        assertNull(r.next());
    }

    @Test
    void corruptHeaderAndTruncationAreReported() {
        byte[] h = header("x", 10, '0');
        h[0] = 'y'; // checksum now wrong
        IOException e = assertThrows(IOException.class,
                () -> new TarReader(new ByteArrayInputStream(h), "bad.tar").next());
        assertTrue(e.getMessage().contains("bad.tar: tar header checksum"), e.getMessage());
        byte[] ok = header("x", 1000, '0');
        IOException t = assertThrows(IOException.class, () -> {
            TarReader r = new TarReader(new ByteArrayInputStream(ok), "cut.tar");
            r.next().content().readAllBytes();
        });
        assertTrue(t.getMessage().contains("cut.tar: tar archive ends inside an entry"), t.getMessage());
    }
}
