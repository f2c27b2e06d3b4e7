package dev.dvg.kernels;

/**
 * Shape of a max pooling over a batch, NCHW, no padding.
 *
 * <pre>
 *   x [N, C, H, W]  →  y [N, C, OH, OW],  OH = (H - K) / stride + 1,  OW = (W - K) / stride + 1
 * </pre>
 */
public record PoolShape(int n, int c, int h, int w, int k, int stride) {

    public PoolShape {
        if (n < 1 || c < 1 || h < 1 || w < 1 || k < 1 || stride < 1) {
            throw new IllegalArgumentException("pool dimensions must be >= 1: " + this);
        }
        if (k > h || k > w) {
            throw new IllegalArgumentException("pool window " + k + " larger than input " + h + "x" + w);
        }
    }

    public int oh() {
        return (h - k) / stride + 1;
    }

    public int ow() {
        return (w - k) / stride + 1;
    }

    public int inSize() {
        return n * c * h * w;
    }

    public int outSize() {
        return n * c * oh() * ow();
    }

    public PoolShape withBatch(int batch) {
        return new PoolShape(batch, c, h, w, k, stride);
    }
}
