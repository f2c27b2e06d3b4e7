package dev.dvg.dl4j.parity;

import dev.dvg.dl4j.Goliath;
import dev.dvg.dl4j.GoliathOptions;
import dev.dvg.dl4j.ParamLayout;
import dev.dvg.engine.nn.MiniBatch;
import dev.dvg.engine.nn.Network;
import dev.dvg.engine.optim.Optimizer;
import dev.dvg.engine.spec.OptimizerSpec;
import dev.dvg.kernels.Exec;
import dev.dvg.models.David;
import dev.dvg.models.ModelSpec;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * David vs DL4J on the same weights and the same batches: forward outputs, one batch's gradients
 * per parameter tensor, then K optimiser steps with per-step losses and the final parameters.
 *
 * <p>Protocol: build David from the spec and seed; build Goliath with {@link GoliathOptions#EXACT}
 * (no approximated optimiser; binary cross-entropy from logits like David's, see
 * {@code LossSigmoidXentLogits}) and copy David's initial weights into it; on batch 0 compare the
 * outputs and gradients; then for k = 0..K−1 both take one step on batch k (David:
 * {@code computeGradients} + {@code Optimizer.step}; DL4J: {@code fit} of one DataSet) and report
 * the loss each computed before its update (mean data loss + L2 penalty).
 *
 * <p>Differences reported: for elementwise outputs, max |a−b| and max |a−b|/max(|a|,|b|) over
 * entries with max(|a|,|b|) ≥ {@link #REL_FLOOR} (below it only the absolute error is meaningful
 * in float32); per parameter tensor, max |a−b| and that divided by max |a| over the tensor
 * ("scale-relative", so a gradient entry that is 0 up to rounding does not dominate); for losses
 * |a−b| and |a−b|/max(|a|,|b|).
 */
public final class Parity {

    /** Outputs smaller than this are compared absolutely only (float32 rounding dominates). */
    public static final double REL_FLOOR = 1e-6;

    private Parity() {
    }

    /** Loss of both engines at one step (before that step's update). */
    public record StepLoss(int step, double david, double dl4j) {
        public double absDiff() {
            return Math.abs(david - dl4j);
        }

        public double relDiff() {
            double d = Math.max(Math.abs(david), Math.abs(dl4j));
            return d == 0 ? 0 : absDiff() / d;
        }
    }

    /** Difference of one parameter tensor (gradient or value). */
    public record TensorDiff(String name, int size, double maxAbs, double scale, double scaleRel) {
    }

    /**
     * Everything one parity run measured.
     *
     * @param modelId            the model
     * @param optimizer          the optimiser both engines used
     * @param batchSize          examples per batch
     * @param forwardMaxAbs      max |output_David − output_DL4J| on batch 0
     * @param forwardMaxRel      max elementwise relative output difference (entries ≥ REL_FLOOR)
     * @param gradients          per tensor: the gradients of batch 0 at the initial weights
     * @param initialLossDavid   David's loss of batch 0 at the initial weights
     * @param initialLossDl4j    DL4J's
     * @param losses             per step
     * @param finalParams        per tensor: the parameters after the K steps
     */
    public record Result(String modelId, OptimizerSpec optimizer, int batchSize, double forwardMaxAbs,
                         double forwardMaxRel, List<TensorDiff> gradients, double initialLossDavid,
                         double initialLossDl4j, List<StepLoss> losses, List<TensorDiff> finalParams) {
        public Result {
            gradients = List.copyOf(gradients);
            losses = List.copyOf(losses);
            finalParams = List.copyOf(finalParams);
        }

        public double maxAbsLossDiff() {
            return losses.stream().mapToDouble(StepLoss::absDiff).max().orElse(0);
        }

        public double maxRelLossDiff() {
            return losses.stream().mapToDouble(StepLoss::relDiff).max().orElse(0);
        }

        public double maxGradientScaleRel() {
            return gradients.stream().mapToDouble(TensorDiff::scaleRel).max().orElse(0);
        }

        public double maxFinalParamScaleRel() {
            return finalParams.stream().mapToDouble(TensorDiff::scaleRel).max().orElse(0);
        }

        public double maxFinalParamAbs() {
            return finalParams.stream().mapToDouble(TensorDiff::maxAbs).max().orElse(0);
        }
    }

    /**
     * Runs the parity protocol.
     *
     * @param model     the model (architecture, seed; its default optimiser is ignored)
     * @param optimizer a minibatch optimiser both engines implement exactly (Sgd, Nesterov, RmsProp, Adam)
     * @param batches   at least {@code steps} batches (batch 0 also serves the forward/gradient checks)
     * @param steps     K ≥ 0 optimiser steps
     * @param exec      David's thread pool
     */
    public static Result run(ModelSpec model, OptimizerSpec optimizer, List<ParityBatch> batches, int steps, Exec exec) {
        return run(model, optimizer, batches, steps, exec, GoliathOptions.EXACT);
    }

    /**
     * {@link #run(ModelSpec, OptimizerSpec, List, int, Exec)} with other Goliath options — e.g.
     * {@code GoliathOptions.EXACT.withBceFromLogits(false)} to see what DL4J's own clipped binary
     * cross-entropy does to the comparison.
     */
    public static Result run(ModelSpec model, OptimizerSpec optimizer, List<ParityBatch> batches, int steps, Exec exec,
                             GoliathOptions options) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(optimizer, "optimizer");
        if (steps < 0) {
            throw new IllegalArgumentException("steps must be >= 0, got " + steps);
        }
        if (batches.isEmpty() || batches.size() < steps) {
            throw new IllegalArgumentException("parity needs max(1, steps) = " + Math.max(1, steps) + " batches, got "
                    + batches.size());
        }
        Network david = David.network(model, exec);
        Goliath goliath = Goliath.build(model.network(), optimizer, model.seed(), options);
        goliath.setParamsFromDavid(david.getFlat());
        ParamLayout layout = goliath.layout();

        ParityBatch b0 = batches.get(0);
        MiniBatch mb0 = David.batch(model.network(), b0.x(), b0.y(), b0.n());
        float[] outD = david.output(mb0.x()).toArray();
        float[] outG = goliath.output(b0.x(), b0.n());
        double[] fwd = elementwise(outD, outG);

        double lossD0 = david.computeGradients(mb0.x(), mb0.y());
        float[] gradD = david.getFlatGradients();
        float[] gradG = new float[gradD.length];
        double lossG0 = goliath.gradientAsDavid(b0.x(), b0.y(), b0.n(), gradG);
        List<TensorDiff> grads = perTensor(layout, gradD, gradG);

        Optimizer opt = David.optimizer(optimizer);
        List<StepLoss> losses = new ArrayList<>(steps);
        for (int k = 0; k < steps; k++) {
            ParityBatch b = batches.get(k);
            MiniBatch mb = David.batch(model.network(), b.x(), b.y(), b.n());
            double ld = david.computeGradients(mb.x(), mb.y());
            opt.step(david.params());
            double lg = goliath.fitStep(b.x(), b.y(), b.n());
            losses.add(new StepLoss(k, ld, lg));
        }
        List<TensorDiff> finals = perTensor(layout, david.getFlat(), goliath.paramsAsDavid());
        return new Result(model.id(), optimizer, b0.n(), fwd[0], fwd[1], grads, lossD0, lossG0, losses, finals);
    }

    /**
     * The optimiser a parity check of {@code model} uses: the model's own when both engines implement
     * it exactly (Sgd, Nesterov, RmsProp, Adam), else SGD with lr 0.1 (for L-BFGS/CG, classical
     * momentum and the scalar RMSprop, which DL4J has no exact equivalent of).
     */
    public static OptimizerSpec parityOptimizer(ModelSpec model) {
        OptimizerSpec o = model.optimizer();
        if (o instanceof OptimizerSpec.Sgd || o instanceof OptimizerSpec.Nesterov || o instanceof OptimizerSpec.RmsProp
                || o instanceof OptimizerSpec.Adam) {
            return o;
        }
        return new OptimizerSpec.Sgd(0.1);
    }

    /**
     * Batch size of a parity check: the model's own capped at 128 for minibatch models, 8 for
     * convolutional ones (DL4J's CPU convolution is slow), 0 (= the whole training set) for
     * full-batch models.
     */
    public static int parityBatchSize(ModelSpec model) {
        if (model.training().sampling() == dev.dvg.models.TrainingSpec.Sampling.FULL_BATCH) {
            return 0;
        }
        return model.convLayers() > 0 ? 8 : Math.min(128, model.training().batchSize());
    }

    /** {@code [maxAbs, maxRel]} of two equally long arrays (relative over entries ≥ REL_FLOOR). */
    static double[] elementwise(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new IllegalStateException("outputs differ in length: " + a.length + " vs " + b.length);
        }
        double maxAbs = 0;
        double maxRel = 0;
        for (int i = 0; i < a.length; i++) {
            double d = Math.abs((double) a[i] - b[i]);
            double m = Math.max(Math.abs(a[i]), Math.abs(b[i]));
            maxAbs = Math.max(maxAbs, d);
            if (m >= REL_FLOOR) {
                maxRel = Math.max(maxRel, d / m);
            }
        }
        return new double[]{maxAbs, maxRel};
    }

    static List<TensorDiff> perTensor(ParamLayout layout, float[] david, float[] dl4j) {
        List<TensorDiff> out = new ArrayList<>();
        for (ParamLayout.Entry e : layout.entries()) {
            double maxAbs = 0;
            double scale = 0;
            for (int i = e.davidOffset(), end = e.davidOffset() + e.size(); i < end; i++) {
                maxAbs = Math.max(maxAbs, Math.abs((double) david[i] - dl4j[i]));
                scale = Math.max(scale, Math.abs(david[i]));
            }
            out.add(new TensorDiff(e.davidName(), e.size(), maxAbs, scale, scale == 0 ? maxAbs : maxAbs / scale));
        }
        return out;
    }

    /** Human-readable report: the per-step losses of both engines and every max difference. */
    public static void print(Result r, PrintStream out) {
        out.printf(Locale.ROOT, "parity %s, optimizer %s, batch %d, %d steps%n", r.modelId(), r.optimizer(),
                r.batchSize(), r.losses().size());
        out.printf(Locale.ROOT, "forward (batch 0): max |diff| %.3e, max rel %.3e%n", r.forwardMaxAbs(),
                r.forwardMaxRel());
        out.printf(Locale.ROOT, "initial loss: david %.9g, dl4j %.9g%n", r.initialLossDavid(), r.initialLossDl4j());
        out.println("gradients (batch 0), per tensor: max |diff|, max |grad|, scale-relative");
        for (TensorDiff t : r.gradients()) {
            out.printf(Locale.ROOT, "  %-6s %8d  %.3e  %.3e  %.3e%n", t.name(), t.size(), t.maxAbs(), t.scale(),
                    t.scaleRel());
        }
        if (!r.losses().isEmpty()) {
            out.println(" step        david loss         dl4j loss    |diff|       rel");
            for (StepLoss s : r.losses()) {
                out.printf(Locale.ROOT, "%5d  %16.9g  %16.9g  %.3e  %.3e%n", s.step(), s.david(), s.dl4j(),
                        s.absDiff(), s.relDiff());
            }
            out.printf(Locale.ROOT, "max loss diff: abs %.3e, rel %.3e%n", r.maxAbsLossDiff(), r.maxRelLossDiff());
            out.println("final params, per tensor: max |diff|, max |param|, scale-relative");
            for (TensorDiff t : r.finalParams()) {
                out.printf(Locale.ROOT, "  %-6s %8d  %.3e  %.3e  %.3e%n", t.name(), t.size(), t.maxAbs(), t.scale(),
                        t.scaleRel());
            }
        }
    }

    /** One line for logs: the headline maxima. */
    public static String summary(Result r) {
        return String.format(Locale.ROOT, "%s %s: fwd rel %.2e, grad scale-rel %.2e, %d-step loss rel %.2e (abs %.2e), "
                        + "final params scale-rel %.2e (abs %.2e)", r.modelId(), name(r.optimizer()),
                r.forwardMaxRel(), r.maxGradientScaleRel(), r.losses().size(), r.maxRelLossDiff(), r.maxAbsLossDiff(),
                r.maxFinalParamScaleRel(), r.maxFinalParamAbs());
    }

    static String name(OptimizerSpec o) {
        return o.getClass().getSimpleName();
    }
}
