package dev.dvg.report.read;

import dev.dvg.report.Engine;

/** A {@code warmup} event: time of the first steps (JIT warm-up), reported apart from steady state. */
public record WarmupEvent(Engine engine, long seed, double seconds, int warmupSteps) {
}
