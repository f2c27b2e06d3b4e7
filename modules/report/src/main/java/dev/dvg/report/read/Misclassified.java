package dev.dvg.report.read;

import java.util.List;

/** {@code <engine>-seed<S>-misclassified.json}: test images the engine got wrong (shape C×H×W). */
public record Misclassified(int channels, int height, int width, List<Example> examples) {
    public Misclassified {
        examples = List.copyOf(examples);
    }

    /** One image; {@code confidence} is NaN when absent. Pixels are row-major, values in 0..1. */
    public record Example(long index, int label, int predicted, double confidence, float[] pixels) {
    }
}
