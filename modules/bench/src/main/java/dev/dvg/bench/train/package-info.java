/**
 * Model-level benchmarks: {@link dev.dvg.bench.train.TrainStepBench} (one forward + backward +
 * optimiser update per op) and {@link dev.dvg.bench.train.InferenceBench} (one output call per op)
 * of every reference model, David vs DL4J from the same initial parameters
 * ({@link dev.dvg.bench.train.Engines}).
 *
 * <p>Data is each model's own, as the runner prepares it: training steps take its training set in
 * order, N examples per step; inference its first N examples
 * ({@link dev.dvg.bench.train.BenchModels}; {@code ./dvg data fetch all} first, or the catalog
 * fetches them). The cost of a step depends on the values — David skips the all-zero panels of
 * MNIST's inputs, and values decide when optimiser state reaches float denormals — so random
 * numbers would measure another workload. Each model's own optimiser from its spec is used, except
 * digits20-mlp25's L-BFGS (SGD on both engines, see {@code BenchModels}). Direct use:
 * <pre>
 *   ./mvnw -B -q -pl modules/bench -am package -DskipTests
 *   OMP_NUM_THREADS=2 java --add-modules jdk.incubator.vector \
 *     -cp modules/bench/target/bench-0.1.0-SNAPSHOT.jar:$(cat modules/bench/target/classpath.txt) \
 *     org.openjdk.jmh.Main TrainStepBench -p model=mnist-lenet -p threads=2 -prof gc
 * </pre>
 */
package dev.dvg.bench.train;
