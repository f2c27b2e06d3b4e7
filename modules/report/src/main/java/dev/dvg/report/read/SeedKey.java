package dev.dvg.report.read;

import dev.dvg.report.Engine;

/** Identifies a per-engine, per-seed artifact. */
public record SeedKey(Engine engine, long seed) {
}
