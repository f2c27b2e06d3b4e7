package dev.dvg.report.read;

import dev.dvg.report.Engine;

/** A {@code diverged} event: that engine's run for that seed stopped at {@code step}. */
public record DivergedEvent(Engine engine, long seed, int step, String message) {
}
