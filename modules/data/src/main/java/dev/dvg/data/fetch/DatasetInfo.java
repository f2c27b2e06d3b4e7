package dev.dvg.data.fetch;

import java.util.List;

/**
 * What {@code dvg data info} prints for one data set. Built from local sources only (never the network).
 *
 * @param id               the data set
 * @param available        true when all four files were found and verified
 * @param source           where they are (see {@link FetchResult#source()}), or null when unavailable
 * @param files            verified files (empty when unavailable)
 * @param trainCount       number of training examples (0 when unavailable)
 * @param testCount        number of test examples (0 when unavailable)
 * @param imageShape       {@code [1, rows, cols]} of one image (empty when unavailable)
 * @param trainClassCounts training examples per class 0..9 (empty when unavailable)
 * @param testClassCounts  test examples per class 0..9 (empty when unavailable)
 * @param problems         local sources that were looked at and why they did not work
 */
public record DatasetInfo(DatasetId id, boolean available, String source, List<VerifiedFile> files, int trainCount,
                          int testCount, int[] imageShape, long[] trainClassCounts, long[] testClassCounts,
                          List<String> problems) {
    public DatasetInfo {
        files = List.copyOf(files);
        problems = List.copyOf(problems);
        imageShape = imageShape.clone();
        trainClassCounts = trainClassCounts.clone();
        testClassCounts = testClassCounts.clone();
    }
}
