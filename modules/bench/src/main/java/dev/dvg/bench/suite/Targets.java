package dev.dvg.bench.suite;

import dev.dvg.bench.kernels.GemmBench;
import dev.dvg.bench.kernels.ScalingProbe;
import dev.dvg.bench.suite.BenchResult.Measurement;
import dev.dvg.bench.suite.BenchResult.Ratio;
import dev.dvg.bench.suite.BenchResult.Target;
import dev.dvg.models.ReferenceModels;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The targets, computed from the measurements (never hard-coded): each with the measured
 * value, the threshold, and met / not met / not measured.
 */
public final class Targets {

    public static final double TRAIN_RATIO_MIN = 3;
    public static final double LENET_RATIO_MIN = 10;
    public static final double GEMM_1T_VS_ND4J_MIN = 0.8;
    public static final double GEMM_2T_SCALING_MIN = 1.7;
    /** A GEMM shape is "large" from this many FLOPs (the 784/256 shapes at batch 128: 51 MFLOP). */
    public static final double GEMM_LARGE_FLOPS = 1e7;
    public static final int FULL_BATCH_STEPS = 2000;
    public static final double FULL_BATCH_SECONDS_MAX = 360;
    /**
     * "~0 B/op": a few hundred bytes per step still mean nothing is allocated on every step (one
     * object in many steps, e.g. after a deoptimisation). The value is the engine threads' own bytes
     * per step ({@link Measurement#engineAllocBytesPerOp()}); JMH's gc.alloc.rate.norm, used only when
     * that is missing, also counts the harness's threads: ~6 KB per iteration, so a benchmark that
     * allocates nothing but runs once a second ({@code Thread.sleep(1000)}) shows 1.6 KB/op.
     */
    public static final double DAVID_ALLOC_BYTES_MAX = 256;

    public static final String MET = "met";
    public static final String NOT_MET = "not met";
    public static final String NOT_MEASURED = "not measured";

    private Targets() {
    }

    /** The targets from the JMH measurements and the training ratios, without paired scaling rounds. */
    public static List<Target> evaluate(List<Measurement> ms, List<Ratio> ratios) {
        return evaluate(ms, ratios, List.of());
    }

    /**
     * The targets; {@code scaling} (paired 1-/2-thread rounds, {@link ScalingProbe}) decides the
     * 2-thread scaling target when it has a large GEMM shape, else the JMH figures do.
     */
    public static List<Target> evaluate(List<Measurement> ms, List<Ratio> ratios, List<ScalingProbe.Row> scaling) {
        List<Target> out = new ArrayList<>();
        out.add(minRatio("train_ratio_all", "training-step examples/s David/DL4J, min over every model and batch "
                + "(each engine at its best thread count)", ratios, null, TRAIN_RATIO_MIN));
        out.add(minRatio("train_ratio_lenet", "training-step examples/s David/DL4J on mnist-lenet, min over batches",
                ratios, ReferenceModels.MNIST_LENET, LENET_RATIO_MIN));
        out.add(gemmVsNd4j(ms));
        out.add(gemmScaling(ms, scaling));
        out.add(fullBatch(ms));
        out.add(alloc(ms));
        return out;
    }

    static Target minRatio(String id, String what, List<Ratio> ratios, String model, double threshold) {
        Ratio worst = null;
        for (Ratio r : ratios) {
            if ((model == null || r.model().equals(model)) && r.ratio() != null
                    && (worst == null || r.ratio() < worst.ratio())) {
                worst = r;
            }
        }
        if (worst == null) {
            return new Target(id, what, null, threshold, ">=", NOT_MEASURED, "no training step of both engines");
        }
        String detail = String.format(Locale.ROOT, "min at %s batch %s: David %.0f ex/s (%d threads) / DL4J %.0f ex/s "
                + "(%d threads)", worst.model(), worst.batch(), worst.davidExamplesPerS(), worst.davidThreads(),
                worst.dl4jExamplesPerS(), worst.dl4jThreads());
        return target(id, what, worst.ratio(), threshold, ">=", detail);
    }

    static Target gemmVsNd4j(List<Measurement> ms) {
        String what = "David GEMM GFLOP/s / ND4J sgemm GFLOP/s on the MLP shapes, 1 thread, min over shapes";
        Double worst = null;
        String where = null;
        for (Measurement d : ms) {
            if (d.kind().equals("gemm") && d.engine().equals("david") && d.threads() == 1) {
                Optional<Measurement> n = find(ms, "gemm", d.subject(), "nd4j", 1);
                if (n.isPresent() && n.get().value() > 0) {
                    double r = d.value() / n.get().value();
                    if (worst == null || r < worst) {
                        worst = r;
                        where = String.format(Locale.ROOT, "min at %s: %.1f / %.1f GFLOP/s", d.subject(), d.value(),
                                n.get().value());
                    }
                }
            }
        }
        return worst == null ? new Target("gemm_1t_vs_nd4j", what, null, GEMM_1T_VS_ND4J_MIN, ">=", NOT_MEASURED,
                "no 1-thread GEMM of both") : target("gemm_1t_vs_nd4j", what, worst, GEMM_1T_VS_ND4J_MIN, ">=", where);
    }

    /**
     * 2 threads / 1 thread on the large shapes, min over shapes. With paired rounds ({@link
     * ScalingProbe}: both thread counts alternating in one JVM, the median of the per-round ratios) the
     * value is theirs, and the detail also gives the FMA loop's paired scaling and the JMH quotient;
     * without, the quotient of the JMH figures of the two child JVMs (measured minutes apart).
     */
    static Target gemmScaling(List<Measurement> ms, List<ScalingProbe.Row> paired) {
        Target separate = gemmScaling(ms);
        ScalingProbe.Row worst = null;
        ScalingProbe.Row fma = null;
        for (ScalingProbe.Row r : paired) {
            if (r.engine().equals("david") && GemmBench.flops(r.subject()) >= GEMM_LARGE_FLOPS
                    && Double.isFinite(r.ratio()) && (worst == null || r.ratio() < worst.ratio())) {
                worst = r;
            } else if (r.subject().equals("fma")) {
                fma = r;
            }
        }
        if (worst == null) {
            return separate;
        }
        String what = "David GEMM GFLOP/s with 2 threads / with 1 thread on the large shapes, min over shapes; each "
                + "shape's median of paired rounds (1 and 2 threads alternating in one JVM)";
        String detail = String.format(Locale.ROOT, "min at %s: median of %d paired rounds (range %.2f–%.2f; %.1f / %.1f "
                + "GFLOP/s)", worst.subject(), worst.rounds(), worst.ratioMin(), worst.ratioMax(), worst.twoGflops(),
                worst.oneGflops());
        if (fma != null) {
            detail += String.format(Locale.ROOT, "; the FMA loop scaled %.2fx in the same probe", fma.ratio());
        }
        if (separate.value() != null) {
            detail += String.format(Locale.ROOT, "; JMH, 1 and 2 threads in separate JVMs: %.2f (%s)", separate.value(),
                    separate.detail());
        }
        return target("gemm_2t_scaling", what, worst.ratio(), GEMM_2T_SCALING_MIN, ">=", detail);
    }

    /** The 2-thread scaling from the JMH figures of the 1- and 2-thread child JVMs. */
    static Target gemmScaling(List<Measurement> ms) {
        String what = "David GEMM GFLOP/s with 2 threads / with 1 thread on the large shapes, min over shapes";
        Double worst = null;
        String where = null;
        for (Measurement two : ms) {
            if (two.kind().equals("gemm") && two.engine().equals("david") && two.threads() == 2
                    && GemmBench.flops(two.subject()) >= GEMM_LARGE_FLOPS) {
                Optional<Measurement> one = find(ms, "gemm", two.subject(), "david", 1);
                if (one.isPresent() && one.get().value() > 0) {
                    double s = two.value() / one.get().value();
                    if (worst == null || s < worst) {
                        worst = s;
                        where = String.format(Locale.ROOT, "min at %s: %.1f / %.1f GFLOP/s", two.subject(),
                                two.value(), one.get().value());
                    }
                }
            }
        }
        Optional<Measurement> peak1 = find(ms, "peak", "fma", "java", 1);
        Optional<Measurement> peak2 = find(ms, "peak", "fma", "java", 2);
        if (where != null && peak1.isPresent() && peak2.isPresent() && peak1.get().value() > 0) {
            // what the machine's own cores gave in the same run: the ceiling of any 2-thread scaling
            where += String.format(Locale.ROOT, "; the FMA loop scaled %.2fx in this run (%.0f / %.0f GFLOP/s)",
                    peak2.get().value() / peak1.get().value(), peak2.get().value(), peak1.get().value());
        }
        return worst == null ? new Target("gemm_2t_scaling", what, null, GEMM_2T_SCALING_MIN, ">=", NOT_MEASURED,
                "needs large GEMM shapes at 1 and 2 threads") : target("gemm_2t_scaling", what, worst,
                GEMM_2T_SCALING_MIN, ">=", where);
    }

    static Target fullBatch(List<Measurement> ms) {
        String what = "seconds for " + FULL_BATCH_STEPS + " full-batch mnist-mlp256 steps (60,000 images) with David "
                + "on 2 threads";
        Optional<Measurement> m = ms.stream().filter(x -> x.kind().equals("train") && x.engine().equals("david")
                && x.subject().equals(ReferenceModels.MNIST_MLP256) && "full".equals(x.batch()) && x.threads() == 2)
                .findFirst();
        if (m.isEmpty() || m.get().score() <= 0) {
            return new Target("full_batch_2000_steps", what, null, FULL_BATCH_SECONDS_MAX, "<=", NOT_MEASURED,
                    "needs TrainStepBench mnist-mlp256 batch=full, david, threads=2");
        }
        double seconds = FULL_BATCH_STEPS / m.get().score();
        return target("full_batch_2000_steps", what, seconds, FULL_BATCH_SECONDS_MAX, "<=",
                String.format(Locale.ROOT, "%.3f steps/s measured", m.get().score()));
    }

    static Target alloc(List<Measurement> ms) {
        String what = "David training step allocation on the engine's threads (caller + kernel workers), "
                + "max over models, batches, threads";
        Measurement worst = null;
        for (Measurement m : ms) {
            if (m.kind().equals("train") && m.engine().equals("david") && allocPerStep(m) != null
                    && (worst == null || allocPerStep(m) > allocPerStep(worst))) {
                worst = m;
            }
        }
        if (worst == null) {
            return new Target("david_alloc_per_step", what, null, DAVID_ALLOC_BYTES_MAX, "<=", NOT_MEASURED,
                    "needs David's training steps with the gc profiler");
        }
        return target("david_alloc_per_step", what, allocPerStep(worst), DAVID_ALLOC_BYTES_MAX, "<=",
                String.format(Locale.ROOT, "max at %s batch %s, %d threads (B/step%s)", worst.subject(),
                        worst.batch(), worst.threads(), worst.engineAllocBytesPerOp() != null ? ""
                                : "; JMH gc.alloc.rate.norm, all threads: no engine-thread count in this run"));
    }

    /** The engine threads' bytes per step, or JMH's all-thread figure for runs that lack it. */
    static Double allocPerStep(Measurement m) {
        return m.engineAllocBytesPerOp() != null ? m.engineAllocBytesPerOp() : m.allocBytesPerOp();
    }

    static Target target(String id, String what, double value, double threshold, String op, String detail) {
        boolean met = op.equals(">=") ? value >= threshold : value <= threshold;
        return new Target(id, what, value, threshold, op, met ? MET : NOT_MET, detail);
    }

    static Optional<Measurement> find(List<Measurement> ms, String kind, String subject, String engine, int threads) {
        return ms.stream().filter(m -> m.kind().equals(kind) && m.subject().equals(subject)
                && m.engine().equals(engine) && m.threads() == threads).findFirst();
    }
}
