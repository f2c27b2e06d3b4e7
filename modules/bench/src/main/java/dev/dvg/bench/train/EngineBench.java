package dev.dvg.bench.train;

import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What {@link TrainStepBench} and {@link InferenceBench} share: the model, engine and thread-count
 * parameters and one {@link Engines} built for them at the batch the subclass names.
 */
@State(Scope.Benchmark)
public abstract class EngineBench {

    @Param({"is-zero-logistic", "is-zero-mlp64", "mnist-mlp256", "mnist-lenet", "moons", "digits20-mlp25"})
    public String model;

    @Param({"david", "dl4j"})
    public String engine;

    @Param({"1", "2"})
    public int threads;

    Engines e;

    /** The batch label ({@code "128"}, {@code "full"}, …) of this trial. */
    abstract String batchLabel();

    @Setup(Level.Trial)
    public void setUp() {
        String batch = batchLabel();
        e = Engines.create(engine, BenchModels.spec(model, batch), BenchModels.batchSize(model, batch),
                streamBatches(), threads);
        System.out.println("# settings: " + e.settings());
        warmUp();
    }

    /** True to feed the whole training set in batches ({@link BenchModels#batches}); false: the first batch only. */
    abstract boolean streamBatches();

    /** Runs at the end of the trial setup, before JMH's warm-up iterations; nothing by default. */
    void warmUp() {
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        e.close();
    }
}
