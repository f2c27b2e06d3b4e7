package dev.dvg.data.batch;

/**
 * One minibatch, as both engines consume it: David wraps {@code x}/{@code y} in Tensors, Goliath in
 * INDArrays, neither copies. Arrays are exactly {@code n} rows long; treat them as read-only (a full
 * batch may share the data set's own arrays).
 *
 * @param x              n×F features, row-major (example shape {@code featureShape}, e.g. [1,28,28])
 * @param y              n×targetWidth targets, row-major (one-hot, or 0/1 for binary)
 * @param n              examples in this batch
 * @param featureShape   shape of one example (product F)
 * @param targetWidth    columns of y
 * @param exampleIndices the data set rows of this batch, in order (with replacement: may repeat)
 * @param epoch          0-based epoch this batch belongs to
 * @param step           0-based global step (batches handed out before this one)
 * @param stepInEpoch    0-based index within the epoch
 * @param lastInEpoch    true for the epoch's final batch
 */
public record Batch(float[] x, float[] y, int n, int[] featureShape, int targetWidth, int[] exampleIndices,
                    int epoch, long step, int stepInEpoch, boolean lastInEpoch) {

    /** F, features per example. */
    public int features() {
        int f = 1;
        for (int d : featureShape) {
            f *= d;
        }
        return f;
    }

    /** The shape of x as a tensor: {@code [n, featureShape...]}. */
    public int[] xShape() {
        int[] s = new int[featureShape.length + 1];
        s[0] = n;
        System.arraycopy(featureShape, 0, s, 1, featureShape.length);
        return s;
    }
}
