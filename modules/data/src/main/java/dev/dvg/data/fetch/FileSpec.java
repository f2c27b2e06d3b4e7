package dev.dvg.data.fetch;

/**
 * What one file must be once uncompressed: its length and MD5.
 *
 * @param role  which of the four files
 * @param bytes uncompressed length in bytes
 * @param md5   lowercase hex MD5 of the uncompressed bytes
 */
public record FileSpec(FileRole role, long bytes, String md5) {
    public FileSpec {
        if (!md5.matches("[0-9a-f]{32}")) {
            throw new IllegalArgumentException("md5 must be 32 lowercase hex digits, got " + md5);
        }
    }
}
