package dev.dvg.bench.train;

import dev.dvg.engine.spec.LossKind;
import dev.dvg.engine.spec.NetworkSpec;
import dev.dvg.engine.spec.OptimizerSpec;
import dev.dvg.models.David;
import dev.dvg.models.ModelSpec;
import dev.dvg.models.ReferenceModels;
import java.util.SplittableRandom;

/**
 * What the step and inference benchmarks train on: the reference model's spec for a batch label,
 * and a seeded synthetic batch of the model's input shape with valid targets.
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
    /** Seed of the synthetic inputs and targets. */
    public static final long DATA_SEED = 20_240_808L;

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

    /** Per-example input size. */
    public static int inputSize(NetworkSpec spec) {
        int per = 1;
        for (int d : spec.inputShape()) {
            per *= d;
        }
        return per;
    }

    /** Seeded inputs in [0, 1) (pixel-like), N × input size, row-major. */
    public static float[] inputs(NetworkSpec spec, int n) {
        SplittableRandom r = new SplittableRandom(DATA_SEED);
        float[] x = new float[n * inputSize(spec)];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) r.nextDouble();
        }
        return x;
    }

    /**
     * Seeded valid targets, N × K: one-hot rows for softmax cross-entropy, 0/1 per output for
     * sigmoid BCE, uniform [0, 1) for MSE.
     */
    public static float[] targets(NetworkSpec spec, int n) {
        int k = ModelSpec.outputUnits(spec);
        SplittableRandom r = new SplittableRandom(DATA_SEED + 1);
        float[] y = new float[n * k];
        for (int i = 0; i < n; i++) {
            if (spec.loss() == LossKind.SOFTMAX_CE) {
                y[i * k + r.nextInt(k)] = 1f;
            } else {
                for (int j = 0; j < k; j++) {
                    y[i * k + j] = spec.loss() == LossKind.BCE_SIGMOID ? r.nextInt(2) : (float) r.nextDouble();
                }
            }
        }
        return y;
    }
}
