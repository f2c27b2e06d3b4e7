package dev.dvg.data.fetch;

import java.nio.file.Path;
import java.util.List;

/**
 * The 20×20 digits of the ML course's exercise 4 (experiment {@code digits20-mlp25}) as resolved by
 * {@link DataCatalog#fetchDigits20()}: one file, either OpenCV's {@code digits.png} (length and MD5
 * checked against {@link #PNG_MD5}) or the course's {@code ex4data1.mat} supplied by the user (no
 * reference checksum exists for it; its MD5 is recorded, not checked).
 *
 * @param kind     which format the file is in (from its content, not its name)
 * @param path     where it is
 * @param source   the source that supplied it, e.g. {@code "cache /root/.cache/dvg/digits20 (from apt-get download opencv-doc …)"}
 * @param bytes    file length
 * @param md5      MD5 of the file
 * @param verified true when the MD5 equals the expected one (always for PNG; false for a user's MAT file)
 * @param attempts sources tried before it, each "source: why it failed" (empty when the first worked)
 * @param fetched  true when this call downloaded and extracted the file into the cache
 */
public record DigitsFile(Kind kind, Path path, String source, long bytes, String md5, boolean verified,
                         List<String> attempts, boolean fetched) {
    /** Command-line name of the data set and name of its cache sub-folder. */
    public static final String KEY = "digits20";
    public static final String TITLE = "20x20 digits of the ML course's ex4";
    /** File name of OpenCV's image in the cache and in the Debian package. */
    public static final String PNG_NAME = "digits.png";
    /** Length and MD5 of OpenCV's {@code samples/data/digits.png} (2000×1000, 8-bit grey). */
    public static final long PNG_BYTES = 721_129L;
    public static final String PNG_MD5 = "358d23894911abc842e9556d334c69d0";
    /** Debian package shipping digits.png, and the file's path inside it. */
    public static final String DEB_PACKAGE = "opencv-doc";
    public static final String DEB_ENTRY = "usr/share/doc/opencv-doc/examples/data/digits.png";

    public DigitsFile {
        attempts = List.copyOf(attempts);
    }

    /** The two formats a digits file can have. */
    public enum Kind {
        /** OpenCV's digits.png: 50×100 cells of 20×20, row-major, label = index / 500. */
        PNG,
        /** The course's ex4data1.mat (MAT v5): {@code X} 5000×400, {@code y} 1..10. */
        MAT
    }

    /**
     * What {@code dvg data info} shows for the digits: exactly one of {@code file} (available) and a
     * non-empty {@code problems} list (unavailable) is meaningful; {@code problems} also lists local
     * sources that were looked at before the one that worked.
     */
    public record Info(DigitsFile file, List<String> problems) {
        public Info {
            problems = List.copyOf(problems);
        }

        public boolean available() {
            return file != null;
        }
    }
}
