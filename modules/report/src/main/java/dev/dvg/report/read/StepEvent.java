package dev.dvg.report.read;

import dev.dvg.report.Engine;

/** A {@code step} event; {@code loss} is NaN when the file recorded null (diverged). */
public record StepEvent(Engine engine, long seed, int step, int epoch, double loss, double elapsedMs) {
}
