/**
 * David's arithmetic: the few float32 kernels that training spends its time in.
 *
 * <p>All arrays are contiguous and row-major ("C order"); every kernel takes the array, an offset
 * where it matters, and the dimensions, and never allocates on its hot path. Dimension letters, as
 * in the engine: N batch, D input features, H hidden units, K classes, C/H/W channels/height/width
 * of an image, F filters, KH/KW kernel height/width, OH/OW output height/width.
 *
 * <p>Determinism: for a given input every kernel produces bit-identical output whatever the thread
 * count of its {@link dev.dvg.kernels.Exec}: work is split over <em>outputs</em>, and every
 * reduction runs in a fixed order that does not depend on how many threads there are.
 */
package dev.dvg.kernels;
