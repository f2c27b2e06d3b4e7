package dev.dvg.engine.spec;

import java.util.Objects;

/**
 * Valid (unpadded) 2-D convolution: {@code [N,C,H,W] → [N,F,OH,OW]}, OH = (H−KH)/stride+1.
 * Weights {@code W[F,C,KH,KW]}, bias {@code b[F]}; C is taken from the input shape.
 */
public record Conv2dSpec(int filters, int kernelH, int kernelW, int stride, InitSpec init) implements LayerSpec {
    public Conv2dSpec {
        if (filters < 1) {
            throw new IllegalArgumentException("conv.filters must be >= 1, got " + filters);
        }
        if (kernelH < 1 || kernelW < 1) {
            throw new IllegalArgumentException("conv.kernel must be >= 1x1, got " + kernelH + "x" + kernelW);
        }
        if (stride < 1) {
            throw new IllegalArgumentException("conv.stride must be >= 1, got " + stride);
        }
        Objects.requireNonNull(init, "conv.init");
    }
}
