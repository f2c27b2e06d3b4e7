/**
 * David's arithmetic: the few float32 kernels that training spends its time in.
 *
 * <p>All arrays are contiguous and row-major ("C order"); every kernel takes the array, an offset
 * where it matters, and the dimensions, and never allocates on its hot path. Dimension letters, as
 * in the engine: N batch, D input features, H hidden units, K classes, C/H/W channels/height/width
 * of an image, F filters, KH/KW kernel height/width, OH/OW output height/width.
 *
 * <p>The kernels: {@link dev.dvg.kernels.Gemm} (A·B, A·Bᵀ, Aᵀ·B; packed Vector-API register
 * blocks), {@link dev.dvg.kernels.Conv2d} (direct stride-1 kernels, im2col + GEMM otherwise),
 * {@link dev.dvg.kernels.MaxPool2d} (with argmax), {@link dev.dvg.kernels.Elementwise} (bias add,
 * column sums, activations, softmax, axpy). The naive loops they are tested against live in the
 * test jar as {@code ReferenceGemm}, {@code ReferenceConv2d}, {@code ReferenceMaxPool2d}.
 *
 * <p>JDK 17 caveat: until C2 compiles a Vector-API loop, the interpreter and C1 run the API's boxed
 * Java fallback (10–100× slower, allocating); and C2 itself fell back to it for accumulators carried
 * across nested loops or combined with {@code add} after the loop, which is why every hot kernel
 * here is one flat loop whose accumulators start from memory (see the notes in Gemm and Conv2d).
 * Every kernel uses the preferred shape only ({@code SPECIES_PREFERRED}, and int lanes of the same
 * shape): an 8-lane {@code SPECIES_256} load-and-compare added to Gemm's packing of A (2026-12-07)
 * made SteadyStateAllocationTest's mnist-mlp256 and LeNet steps run for minutes in 4 of 4 JVMs:
 * GEMM and convolution kernels were recompiled late with their vector stores not intrinsified
 * (every vector a heap object). Without it, 4 of 4 passed in seconds. Until that is understood,
 * shapes are not mixed: that packing now compares a full preferred-shape vector under a mask.
 *
 * <p>C2 allocates registers per compilation (a method with all that is inlined into it), so a
 * register block's loop is a method of its own ({@code Gemm.accumulate} and kin), too big to be
 * inlined into the code that sets up and stores its tile: with that bookkeeping live around the
 * loop, JDK 17's C2 kept array bases in vector registers and indices on the stack, and the dense
 * GEMM ran ~20 % slower. To see what C2 made of a loop, run with {@code
 * -XX:+UnlockDiagnosticVMOptions -XX:CompileCommand=print,dev.dvg.kernels.Gemm::accumulate};
 * where no disassembler plugin loads (as on the project's machine) the code comes out as hex,
 * which {@code objdump -D -b binary -mi386:x86-64} decodes.
 *
 * <p>Determinism: for a given input every kernel produces bit-identical output whatever the thread
 * count of its {@link dev.dvg.kernels.Exec}: work is split over <em>outputs</em>, and every
 * reduction runs in a fixed order that does not depend on how many threads there are. Nor do the
 * bits depend on the JDK: {@code dvg run} of mnist-mlp256, mnist-lenet and moons ({@code --budget
 * quick}) logged the same David loss at every step, and the same final metrics, on JDK 17.0.15
 * and 25.0.3 (2026-12-07).
 */
package dev.dvg.kernels;
