package dev.dvg.data;

/**
 * A seeded train/test split, matching scikit-learn's
 * {@code train_test_split(..., test_size=f, random_state=seed, shuffle=True)} without stratification:
 * {@code perm = RandomState(seed).permutation(n)}, the first {@code ceil(f·n)} rows of {@code perm} are the
 * test set and the rest the training set, each in permutation order.
 *
 * @param train the training part
 * @param test  the test part
 */
public record Split(LabeledData train, LabeledData test) {

    /** Splits {@code data} with a test fraction in (0, 1). */
    public static Split of(LabeledData data, double testFraction, long seed) {
        if (!(testFraction > 0 && testFraction < 1)) {
            throw new IllegalArgumentException("testFraction must be in (0, 1), got " + testFraction);
        }
        int n = data.n();
        int nTest = (int) Math.ceil(testFraction * n);
        if (nTest < 1 || nTest >= n) {
            throw new IllegalArgumentException(data.name() + ": test fraction " + testFraction + " of " + n
                    + " examples leaves an empty part");
        }
        int[] perm = new NumpyRandomState(seed).permutation(n);
        int[] test = java.util.Arrays.copyOfRange(perm, 0, nTest);
        int[] train = java.util.Arrays.copyOfRange(perm, nTest, n);
        return new Split(data.select(train, data.name() + "/train"), data.select(test, data.name() + "/test"));
    }
}
