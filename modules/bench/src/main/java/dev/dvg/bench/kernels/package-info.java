/**
 * JMH benchmarks of David's kernels next to ND4J/DL4J in the same run: {@link
 * dev.dvg.bench.kernels.GemmBench} (GEMM in the three forms at the 784-256-10 MLP shapes, batch 128,
 * vs {@code Nd4j.gemm}/OpenBLAS sgemm) and {@link dev.dvg.bench.kernels.ConvBench} (LeNet conv
 * forward + backward at batch 128 vs DL4J's {@code ConvolutionLayer}); {@link
 * dev.dvg.bench.kernels.KernelBenchMain} runs them and prints GFLOP/s, images/s and the ratio.
 *
 * <h2>How to run</h2>
 * <pre>
 *   ./mvnw -B -q -pl modules/bench -am package -DskipTests
 *   for t in 1 2; do
 *     OMP_NUM_THREADS=$t java --add-modules jdk.incubator.vector \
 *       -cp modules/bench/target/bench-0.1.0-SNAPSHOT.jar:$(cat modules/bench/target/classpath.txt) \
 *       dev.dvg.bench.kernels.KernelBenchMain 'dev.dvg.bench.kernels.*' -f 1 -wi 5 -i 5 -p threads=$t
 *   done
 * </pre>
 * ({@code org.openjdk.jmh.Main} with the same arguments gives JMH's table only.) One invocation per
 * thread count because ND4J's OpenMP pool is sized from {@code OMP_NUM_THREADS} when the process
 * starts; inside each fork the benchmark also sets {@code Environment.setMaxThreads},
 * {@code setMaxMasterThreads} and the BLAS {@code setMaxThreads} to the thread count and prints what
 * ND4J reports back ({@code # nd4j threads: ...}). David uses {@code Exec.create(threads)}.
 *
 * <p>{@code ./dvg bench} runs these together with the training-step, inference and FMA-peak
 * benchmarks and writes the results ({@link dev.dvg.bench.suite}); GEMM and conv GFLOP/s are then
 * also stated as a % of the peak measured by {@link dev.dvg.bench.peak.PeakBench} on the same
 * machine and thread count.
 *
 * <p>Warm-up matters more than usual: until C2 compiles a Vector-API kernel, the interpreter and C1
 * run the API's boxed Java fallback, 10–100× slower; 5 one-second warm-up iterations are enough.
 */
package dev.dvg.bench.kernels;
