package dev.dvg.runner;

import java.util.List;
import java.util.Map;

/**
 * What one engine did for one seed: its per-step losses (for the parity comparison), its final
 * metrics (the {@code final} event of FORMAT.md), whether it diverged or was interrupted, and where
 * its trained model was saved ({@code modelFile}, relative to the run folder; null if not saved).
 */
record EngineOutcome(String engine, long seed, List<Double> stepLosses, Map<String, Object> finals,
                     boolean diverged, boolean interrupted, String modelFile) {
}
