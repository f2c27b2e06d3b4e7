package dev.dvg.data.fetch;

import dev.dvg.data.DataFormatException;
import dev.dvg.data.idx.IdxReader;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/** MD5 and length of a file's uncompressed content (gunzipped first when it starts with the gzip magic). */
public final class Checksums {
    private Checksums() {
    }

    /** Uncompressed length and MD5 of a file. */
    public record Digest(long bytes, String md5) {
    }

    public static MessageDigest newMd5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks MD5", e);
        }
    }

    public static String hex(MessageDigest md) {
        return HexFormat.of().formatHex(md.digest());
    }

    /** Length and MD5 of the uncompressed content of {@code file}. */
    public static Digest uncompressed(Path file) throws IOException {
        boolean gz = IdxReader.isGzip(file);
        MessageDigest md = newMd5();
        long total = 0;
        try (InputStream raw = Files.newInputStream(file);
             InputStream in = gz ? new GZIPInputStream(raw, 1 << 16) : raw) {
            byte[] buf = new byte[1 << 16];
            int r;
            while ((r = in.read(buf)) >= 0) {
                md.update(buf, 0, r);
                total += r;
            }
        } catch (ZipException | java.io.EOFException e) {
            throw new DataFormatException(file, "corrupt or truncated gzip data: " + e.getMessage(), e);
        }
        return new Digest(total, hex(md));
    }

    /**
     * Checks a file against its spec; returns its digest or throws a {@link DataFormatException}
     * saying which of length or MD5 differs.
     */
    public static Digest verify(Path file, FileSpec spec) throws IOException {
        Digest d = uncompressed(file);
        if (d.bytes() != spec.bytes()) {
            throw new DataFormatException(file, "uncompressed length " + d.bytes() + " bytes, expected " + spec.bytes()
                    + " for " + spec.role().fileName());
        }
        if (!d.md5().equals(spec.md5())) {
            throw new DataFormatException(file, "uncompressed MD5 " + d.md5() + ", expected " + spec.md5() + " for "
                    + spec.role().fileName());
        }
        return d;
    }
}
