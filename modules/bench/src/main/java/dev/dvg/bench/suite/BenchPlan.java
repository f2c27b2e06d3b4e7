package dev.dvg.bench.suite;

import dev.dvg.bench.train.BenchModels;
import dev.dvg.models.ReferenceModels;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What {@code dvg bench} runs, as a list of {@link Job}s (each runs once per thread count, in a child
 * JVM started with that {@code OMP_NUM_THREADS}) and of memory probes (one JVM per model and engine).
 *
 * <p>Full: training steps of all six models at batch 32/128/512 plus the natural full batches
 * (moons 900, digits20 5000, mnist-mlp256 60000), inference at 128 and 1024, the six GEMM shapes,
 * both conv layers, the FMA peak; each JMH benchmark in its own fork, 2 × 1 s warm-up and 4 × 1 s
 * measurement (mnist-mlp256 full: 2 × 3 s and 3 × 3 s). Every training-step trial first runs
 * {@value dev.dvg.bench.train.TrainStepBench#WARMUP_STEPS} steps (at most
 * {@value dev.dvg.bench.train.TrainStepBench#WARMUP_MAX_SECONDS} s) at setup: see
 * {@link dev.dvg.bench.train.TrainStepBench} for why a warm-up counted in seconds is not enough.
 * Memory: every model, 100 steps at batch 128 (mnist-mlp256: also full batch, 5 steps). Paired scaling
 * ({@link ScalingJob}, job name "gemm scaling paired"): the three large GEMM shapes and the FMA loop,
 * 4 s warm-up, 12 rounds of 0.5 s per thread count.
 *
 * <p>Quick ({@code --quick}): training steps of all six models at batch 128 and mnist-mlp256 full
 * batch (David only, 2 threads: the 2000-step target), inference of mnist-mlp256 and mnist-lenet at
 * 1024, the three large GEMM shapes, conv1, the peak; all in one JVM per thread count (JMH fork 0),
 * 3 × 1 s warm-up (the Vector API runs its allocating
 * fallback until C2 compiles it, slower on a loaded machine), 3 × 0.5 s measurement; memory of mnist-mlp256, mnist-lenet and moons, 20 steps;
 * paired scaling with 2 s warm-up and 6 rounds of 0.25 s.
 */
public record BenchPlan(boolean quick, int forks, List<Job> jobs, List<MemoryJob> memory, ScalingJob scaling,
                        List<String> profilers) {

    public BenchPlan {
        profilers = profilers == null ? List.of() : List.copyOf(profilers);
    }

    /**
     * This plan with JMH profilers added to every job, each {@code NAME} or {@code NAME:OPTIONS} as
     * JMH's {@code -prof} takes them (e.g. {@code stack}, {@code jfr:dir=/tmp/jfr}); their output goes
     * to the child JVMs' logs ({@code child-t<N>.log}) or where their options say.
     */
    public BenchPlan withProfilers(List<String> names) {
        return new BenchPlan(quick, forks, jobs, memory, scaling, names);
    }

    /** One JMH run: a benchmark ({@code Class.method} regexp), fixed params, iteration settings. */
    public record Job(String name, String kind, String benchmark, Map<String, List<String>> params,
                      int warmupIterations, double warmupSeconds, int iterations, double seconds,
                      boolean gcProfiler, List<Integer> onlyThreads) {

        /** True when this job runs in the child for {@code threads}. */
        public boolean runsAt(int threads) {
            return onlyThreads == null || onlyThreads.isEmpty() || onlyThreads.contains(threads);
        }
    }

    /** One memory probe: a model trained {@code steps} steps by one engine in its own JVM. */
    public record MemoryJob(String model, String batch, String engine, int threads, int steps) {
    }

    /**
     * David's 2-thread scaling measured in pairs in one JVM ({@link dev.dvg.bench.kernels.ScalingProbe}):
     * each subject (GEMM shape or {@code fma}) warmed up for {@code warmupSeconds}, then {@code rounds}
     * rounds of one {@code burstSeconds} burst at 1 thread and one at 2.
     */
    public record ScalingJob(String name, List<String> subjects, int rounds, double burstSeconds,
                             double warmupSeconds) {
    }

    static final String TRAIN = "dev.dvg.bench.train.TrainStepBench.step";
    static final String INFER = "dev.dvg.bench.train.InferenceBench.output";
    static final String GEMM = "dev.dvg.bench.kernels.GemmBench.(david|nd4j)";
    static final String CONV = "dev.dvg.bench.kernels.ConvBench.(david|dl4j)";
    static final String PEAK = "dev.dvg.bench.peak.PeakBench.fma";

    static final List<String> ENGINES = List.of("david", "dl4j");
    static final List<String> GEMM_SHAPES = List.of("ab:128x256x784", "ab:128x10x256", "abT:128x784x256",
            "abT:128x256x10", "aTb:784x256x128", "aTb:256x10x128");
    static final List<String> GEMM_LARGE = List.of("ab:128x256x784", "abT:128x784x256", "aTb:784x256x128");

    /** The plan; {@code include} (may be null) keeps the jobs whose name it finds. */
    public static BenchPlan of(boolean quick, Pattern include) {
        List<Job> jobs = new ArrayList<>();
        List<MemoryJob> mem = new ArrayList<>();
        int wi = quick ? 3 : 2;
        double w = 1;
        int i = quick ? 3 : 4;
        double t = quick ? 0.5 : 1;
        jobs.add(new Job("peak fma", "peak", PEAK, Map.of(), wi, w, i, t, false, null));
        List<String> batches = quick ? List.of("128") : List.of("32", "128", "512");
        for (String model : ReferenceModels.ids()) {
            // steps that run few times per second are warmed up in steps by TrainStepBench itself
            for (String b : batches) {
                jobs.add(new Job("train " + model + " " + b, "train", TRAIN, params(model, b, ENGINES),
                        wi, w, i, t, true, null));
            }
            if (!quick && BenchModels.fullBatch(model) > 0) {
                boolean big = model.equals(ReferenceModels.MNIST_MLP256);
                jobs.add(new Job("train " + model + " full", "train", TRAIN, params(model, "full", ENGINES),
                        wi, big ? 3 : w, big ? 3 : i, big ? 3 : t, true, null));
            }
        }
        if (quick) {
            jobs.add(new Job("train mnist-mlp256 full", "train", TRAIN,
                    params(ReferenceModels.MNIST_MLP256, "full", List.of("david")), 1, 2, 2, 2, true, List.of(2)));
        }
        List<String> inferModels = quick ? List.of(ReferenceModels.MNIST_MLP256, ReferenceModels.MNIST_LENET)
                : ReferenceModels.ids();
        for (String model : inferModels) {
            for (String b : quick ? List.of("1024") : List.of("128", "1024")) {
                jobs.add(new Job("infer " + model + " " + b, "inference", INFER, params(model, b, ENGINES),
                        wi, w, i, t, true, null));
            }
        }
        for (String shape : quick ? GEMM_LARGE : GEMM_SHAPES) {
            jobs.add(new Job("gemm " + shape, "gemm", GEMM, Map.of("shape", List.of(shape)), wi, w, i, t, false, null));
        }
        for (String layer : quick ? List.of("conv1") : List.of("conv1", "conv2")) {
            jobs.add(new Job("conv " + layer, "conv", CONV, Map.of("layer", List.of(layer)), wi, w, i, t, false, null));
        }
        List<String> memModels = quick
                ? List.of(ReferenceModels.MNIST_MLP256, ReferenceModels.MNIST_LENET, ReferenceModels.MOONS)
                : ReferenceModels.ids();
        for (String model : memModels) {
            for (String e : ENGINES) {
                mem.add(new MemoryJob(model, "128", e, 1, quick ? 20 : 100));
            }
        }
        if (!quick) {
            for (String e : ENGINES) {
                mem.add(new MemoryJob(ReferenceModels.MNIST_MLP256, "full", e, 1, 5));
            }
        }
        List<String> scalingSubjects = new ArrayList<>(GEMM_LARGE);
        scalingSubjects.add("fma");
        ScalingJob scaling = new ScalingJob("gemm scaling paired", scalingSubjects, quick ? 6 : 12, quick ? 0.25 : 0.5,
                quick ? 2 : 4);
        if (include != null) {
            jobs.removeIf(j -> !include.matcher(j.name()).find());
            mem.removeIf(m -> !include.matcher("memory " + m.model() + " " + m.batch()).find());
            if (!include.matcher(scaling.name()).find()) {
                scaling = null;
            }
        }
        return new BenchPlan(quick, quick ? 0 : 1, List.copyOf(jobs), List.copyOf(mem), scaling, List.of());
    }

    private static Map<String, List<String>> params(String model, String batch, List<String> engines) {
        Map<String, List<String>> p = new LinkedHashMap<>();
        p.put("model", List.of(model));
        p.put("batch", List.of(batch));
        p.put("engine", engines);
        return p;
    }
}
