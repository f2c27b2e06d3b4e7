/**
 * {@code dvg bench}: the whole benchmark suite, David next to DL4J, and its result files.
 *
 * <h2>Run</h2>
 * <pre>
 *   ./dvg bench --quick                       # about 5 minutes: a subset, short iterations
 *   ./dvg bench                               # the full suite, about 33 minutes on 2 cores
 *   ./dvg bench --include 'train mnist-lenet|peak' --threads 2 --out /tmp/bench
 * </pre>
 * {@link dev.dvg.bench.suite.BenchPlan} lists the jobs (names such as {@code train mnist-lenet 128},
 * {@code infer moons 1024}, {@code gemm ab:128x256x784}, {@code conv conv1}, {@code peak fma},
 * {@code gemm scaling paired}, {@code memory moons 128}; {@code --include} keeps those it finds) and what {@code --quick} covers.
 * For each thread count {@link dev.dvg.bench.suite.BenchSuite} starts one child JVM
 * ({@link dev.dvg.bench.suite.BenchChild}, {@code ProcessBuilder}) with {@code OMP_NUM_THREADS} set
 * in its environment — ND4J sizes its OpenMP pool from it at load time, JMH forks inherit it — and
 * the benchmarks set ND4J's {@code Environment.setMaxThreads/setMaxMasterThreads} and the BLAS
 * threads to the same count; David uses {@code Exec.create(threads)}. The full run forks every JMH
 * benchmark (fork 1); the quick run runs them inside the child (fork 0: faster, but JIT profiles are
 * shared between benchmarks). Then one {@link dev.dvg.bench.kernels.ScalingProbe} JVM (job
 * {@code gemm scaling paired}: David's GEMM on the large shapes and the FMA loop, 1 and 2 threads
 * alternating in bursts, the median of the per-round ratios) and one
 * {@link dev.dvg.bench.memory.MemoryProbe} JVM per (model, engine). Only one benchmark JVM runs at a
 * time.
 *
 * <h2>Fairness settings given to DL4J (all recorded in bench.json)</h2>
 * float32; training and inference workspaces ENABLED (set and read back from the
 * {@code MultiLayerConfiguration}); no listeners; batch INDArrays created once, outside the timed
 * call; JMH warm-up excluded; OpenMP and BLAS threads set explicitly; the ratio uses each engine at
 * its best measured thread count. The nd4j-native build is the generic {@code linux-x86_64} one
 * unless a profile swaps it; bench.json names the jars on the class path and the library JavaCPP
 * loaded ({@code nd4j_native_library_loaded}: with -Pnd4j-avx512 both jars are present and the
 * avx512 build is the one loaded). To compare builds:
 * <pre>
 *   for p in "" -Pnd4j-avx2 -Pnd4j-avx512 -Pnd4j-onednn; do
 *     ./mvnw -B -q $p -pl modules/cli -am package -DskipTests &amp;&amp; \
 *     java --add-modules jdk.incubator.vector -Ddvg.root=. \
 *       -cp modules/cli/target/dvg-cli.jar:$(cat modules/cli/target/classpath.txt) \
 *       dev.dvg.cli.Dvg bench --include 'train|infer' --out results/bench-classifier$p
 *   done
 * </pre>
 * (call java directly: {@code ./dvg} rebuilds without the profile when sources changed). The
 * profiles need network once (Maven Central). NOTES-DL4J found them within 6% of generic here;
 * measured again with this suite (2026-11-22, batch 128, 1 thread, generic and avx512 runs
 * alternated twice): DL4J examples/s generic vs avx512 — is-zero-mlp64 24,411 / 33,429 vs
 * 22,370 / 32,807; mnist-mlp256 11,055 / 12,755 vs 12,297 / 12,258; mnist-lenet 435 / 483 vs
 * 438 / 429; moons 19,550 / 26,408 vs 21,636 / 24,517 — no difference beyond the run-to-run spread
 * (both use the same OpenBLAS, whose kernels are picked at run time), so the generic build stays
 * the default.
 *
 * <h2>Output</h2>
 * {@code results/bench/<run-id>/}: bench.json ({@link dev.dvg.bench.suite.BenchResult}, fields in
 * results/bench/README.md), bench.md, bench.html (inline SVG), the SVG charts, plan.json, the
 * children's logs; written as {@code .tmp-<run-id>} then renamed, {@code latest} updated.
 * {@link dev.dvg.bench.suite.Targets} evaluates the targets from the numbers.
 */
package dev.dvg.bench.suite;
