package dev.dvg.bench.train;

import dev.dvg.data.LabeledData;
import dev.dvg.data.fetch.DataCatalog;
import dev.dvg.engine.spec.OptimizerSpec;
import dev.dvg.models.DataRecipe;
import dev.dvg.models.David;
import dev.dvg.models.ModelData;
import dev.dvg.models.ModelSpec;
import dev.dvg.models.ReferenceModels;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What the step and inference benchmarks train on: the reference model's spec for a batch label,
 * and batches of the model's own data — its training set in order, N examples per step, for the
 * training steps ({@link #batches}), or its first N examples (inference, memory), prepared as the runner
 * prepares them (the recipe's transform and target encoding; moons generated with the runner's data
 * seed). Real data, not random numbers, because the cost of a step depends on it: David's GEMM
 * skips the inputs' all-zero panels (MNIST is 81 % zero pixels), and values decide how soon
 * optimiser state reaches float denormals.
 *
 * <p>Batch labels are a number ({@code 32}, {@code 128}, …) or {@code full}: the model's natural full
 * batch — moons 900 (its 90% training split), digits20-mlp25 5000, mnist-mlp256 60000 (the recipe's
 * full-batch schedule, whose optimiser is the scalar RMSprop). Other models have no full batch.
 *
 * <p>Optimisers: each model's own spec optimiser, except where it is a full-batch minimiser
 * (digits20-mlp25's L-BFGS), which has no "one step" comparable across engines (DL4J's LBFGS runs
 * up to 5 line-search evaluations per {@code fit}); there both engines use plain SGD with the same
 * learning rate ({@link #FULL_BATCH_MINIMIZER_SGD_LR}), so a step is one gradient evaluation and an
 * update, which is what dominates an L-BFGS iteration.
 */
public final class BenchModels {

    /** SGD learning rate that replaces L-BFGS/CG in the step benchmark. */
    public static final double FULL_BATCH_MINIMIZER_SGD_LR = 0.1;
    /** Seed of generated data (moons) and random splits: the runner's, so both see the same examples. */
    public static final long DATA_SEED = 0L;

    private BenchModels() {
    }

    /** The natural full batch of a model, or -1 when it has none. */
    public static int fullBatch(String model) {
        return switch (model) {
            case ReferenceModels.MOONS -> 900;
            case ReferenceModels.DIGITS20_MLP25 -> ReferenceModels.DIGITS20_COURSE_M;
            case ReferenceModels.MNIST_MLP256 -> 60_000;
            default -> -1;
        };
    }

    /** N for a batch label. */
    public static int batchSize(String model, String batch) {
        if (batch.equals("full")) {
            int n = fullBatch(model);
            if (n < 0) {
                throw new IllegalArgumentException("model " + model + " has no natural full batch");
            }
            return n;
        }
        int n = Integer.parseInt(batch);
        if (n < 1) {
            throw new IllegalArgumentException("batch must be >= 1 or 'full', got " + batch);
        }
        return n;
    }

    /** The spec benchmarked for (model, batch label): see the class doc for the optimiser. */
    public static ModelSpec spec(String model, String batch) {
        ModelSpec s = batch.equals("full") ? ReferenceModels.recipe(model) : ReferenceModels.get(model);
        if (David.isFullBatchMinimizer(s.optimizer())) {
            s = s.withOptimizer(new OptimizerSpec.Sgd(FULL_BATCH_MINIMIZER_SGD_LR));
        }
        return s;
    }

    /**
     * The first n training examples of a model's data: inputs N × input size and targets N × K,
     * row-major. {@code wholeSet} when they are exactly the training set, which training then feeds
     * at every step (the runner's full batch shares the set's arrays).
     */
    public record Batch(float[] x, float[] y, int n, boolean wholeSet) {
    }

    /**
     * The first {@code n} training examples of the model's data recipe (loaded, fetched through the
     * data catalog when missing) and their targets; when the set is smaller than n (moons' 900 at
     * inference batch 1024) the examples repeat in order. The loaded set itself is not kept.
     */
    public static Batch batch(ModelSpec spec, int n) {
        return batches(spec, n, false).get(0);
    }

    /**
     * The batches a training-step benchmark feeds, one per step in turn: with {@code stream}, the
     * training set cut in order into ⌈set/n⌉ batches of n (the last one wrapping to the start), as an
     * epoch of real training feeds it; otherwise the first n examples only ({@link #batch}). A batch
     * of n ≥ the set is the single batch either way. See {@link TrainStepBench} for why it streams.
     */
    public static List<Batch> batches(ModelSpec spec, int n, boolean stream) {
        ModelData data = load(spec.data());
        LabeledData train = data.train();
        int d = train.features();
        int total = train.n();
        float[] targets = data.trainTargets();
        int k = targets.length / total;
        if (k != ModelSpec.outputUnits(spec.network())) {
            throw new IllegalStateException("data targets have width " + k + " but the network has "
                    + ModelSpec.outputUnits(spec.network()) + " outputs");
        }
        int count = stream && n < total ? (total + n - 1) / n : 1;
        List<Batch> out = new ArrayList<>(count);
        for (int b = 0; b < count; b++) {
            float[] x = new float[n * d];
            float[] y = new float[n * k];
            // examples b·n … b·n + n − 1 of the set, taken modulo its size
            for (int i = 0, from = (int) ((long) b * n % total); i < n; ) {
                int len = Math.min(total - from, n - i);
                System.arraycopy(train.x(), from * d, x, i * d, len * d);
                System.arraycopy(targets, from * k, y, i * k, len * k);
                i += len;
                from = 0;
            }
            out.add(new Batch(x, y, n, n == total));
        }
        return out;
    }

    private static ModelData load(DataRecipe recipe) {
        try {
            DataCatalog catalog = DataCatalog.fromEnvironment();
            Path digits = recipe.dataset() == DataRecipe.Dataset.DIGITS20 ? catalog.digits20() : null;
            return ModelData.load(recipe, catalog, digits, DATA_SEED);
        } catch (IOException e) {
            throw new UncheckedIOException("benchmark data for " + recipe + ": " + e.getMessage()
                    + " (./dvg data fetch all gets every set)", e);
        }
    }
}
