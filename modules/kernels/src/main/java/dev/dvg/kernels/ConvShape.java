package dev.dvg.kernels;

/**
 * Shape of a valid (unpadded) 2-D convolution over a batch, NCHW.
 *
 * <pre>
 *   x  [N, C, H, W]      input
 *   w  [F, C, KH, KW]    filters (same layout as DL4J's c-order [nOut, nIn, kH, kW])
 *   b  [F]               bias
 *   y  [N, F, OH, OW]    OH = (H - KH) / stride + 1, OW = (W - KW) / stride + 1
 * </pre>
 */
public record ConvShape(int n, int c, int h, int w, int f, int kh, int kw, int stride) {

    public ConvShape {
        if (n < 1 || c < 1 || h < 1 || w < 1 || f < 1 || kh < 1 || kw < 1 || stride < 1) {
            throw new IllegalArgumentException("conv dimensions must be >= 1: " + this);
        }
        if (kh > h || kw > w) {
            throw new IllegalArgumentException("kernel " + kh + "x" + kw + " larger than input " + h + "x" + w);
        }
    }

    public int oh() {
        return (h - kh) / stride + 1;
    }

    public int ow() {
        return (w - kw) / stride + 1;
    }

    public int inSize() {
        return n * c * h * w;
    }

    public int weightSize() {
        return f * c * kh * kw;
    }

    public int outSize() {
        return n * f * oh() * ow();
    }

    /** Multiply-adds of one forward pass (×2 for FLOPs). */
    public long macs() {
        return (long) n * f * oh() * ow() * c * kh * kw;
    }

    /** The same shape for a different batch size. */
    public ConvShape withBatch(int batch) {
        return new ConvShape(batch, c, h, w, f, kh, kw, stride);
    }
}
