package dev.dvg.report.read;

/** {@code <engine>-seed<S>-conv1.json}: the first convolution's filters, F×C×KH×KW row-major. */
public record ConvKernels(int filters, int channels, int kh, int kw, float[] weights) {

    public float weight(int f, int c, int y, int x) {
        return weights[((f * channels + c) * kh + y) * kw + x];
    }
}
