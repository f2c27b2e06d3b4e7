/**
 * Model-level benchmarks: {@link dev.dvg.bench.train.TrainStepBench} (one forward + backward +
 * optimiser update per op) and {@link dev.dvg.bench.train.InferenceBench} (one output call per op)
 * of every reference model, David vs DL4J from the same initial parameters
 * ({@link dev.dvg.bench.train.Engines}).
 *
 * <p>Data is synthetic, not MNIST: seeded inputs in [0, 1) of the model's input shape and valid
 * targets ({@link dev.dvg.bench.train.BenchModels}) — the cost of a step does not depend on the
 * values, and no data file is needed. Each model's own optimiser from its spec is used, except
 * digits20-mlp25's L-BFGS (SGD on both engines, see {@code BenchModels}). Direct use:
 * <pre>
 *   ./mvnw -B -q -pl modules/bench -am package -DskipTests
 *   OMP_NUM_THREADS=2 java --add-modules jdk.incubator.vector \
 *     -cp modules/bench/target/bench-0.1.0-SNAPSHOT.jar:$(cat modules/bench/target/classpath.txt) \
 *     org.openjdk.jmh.Main TrainStepBench -p model=mnist-lenet -p threads=2 -prof gc
 * </pre>
 */
package dev.dvg.bench.train;
