package dev.dvg.engine.spec;

/** Max pooling over {@code size×size} windows moved by {@code stride}, no padding. */
public record MaxPool2dSpec(int size, int stride) implements LayerSpec {
    public MaxPool2dSpec {
        if (size < 1) {
            throw new IllegalArgumentException("maxpool.size must be >= 1, got " + size);
        }
        if (stride < 1) {
            throw new IllegalArgumentException("maxpool.stride must be >= 1, got " + stride);
        }
    }
}
