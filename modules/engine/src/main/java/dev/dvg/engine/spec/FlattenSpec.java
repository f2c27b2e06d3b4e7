package dev.dvg.engine.spec;

/** {@code [N,C,H,W] → [N, C·H·W]} in (C, H, W) row-major order — DL4J's c-order reshape. */
public record FlattenSpec() implements LayerSpec {
}
