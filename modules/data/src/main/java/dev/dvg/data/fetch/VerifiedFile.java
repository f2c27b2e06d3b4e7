package dev.dvg.data.fetch;

import java.nio.file.Path;

/**
 * One file of a resolved data set whose uncompressed length and MD5 matched the expected ones.
 *
 * @param role  which file
 * @param path  where it is (raw or .gz)
 * @param bytes uncompressed length
 * @param md5   uncompressed MD5 (equal to the expected one)
 */
public record VerifiedFile(FileRole role, Path path, long bytes, String md5) {
}
