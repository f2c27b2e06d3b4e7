package dev.dvg.report.read;

import dev.dvg.report.Engine;
import java.util.Map;
import java.util.Optional;

/** The optional payloads of a run's artifacts/ folder, keyed by engine and seed. */
public record Artifacts(Map<SeedKey, Misclassified> misclassified, Map<SeedKey, ConvKernels> conv1,
                        Map<SeedKey, Boundary> boundaries) {
    public Artifacts {
        misclassified = Map.copyOf(misclassified);
        conv1 = Map.copyOf(conv1);
        boundaries = Map.copyOf(boundaries);
    }

    public Optional<Misclassified> misclassified(Engine e, long seed) {
        return Optional.ofNullable(misclassified.get(new SeedKey(e, seed)));
    }

    public Optional<ConvKernels> conv1(Engine e, long seed) {
        return Optional.ofNullable(conv1.get(new SeedKey(e, seed)));
    }

    public Optional<Boundary> boundary(Engine e, long seed) {
        return Optional.ofNullable(boundaries.get(new SeedKey(e, seed)));
    }
}
