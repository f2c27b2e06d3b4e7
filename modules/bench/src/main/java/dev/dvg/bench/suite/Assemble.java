package dev.dvg.bench.suite;

import dev.dvg.bench.kernels.ConvBench;
import dev.dvg.bench.kernels.GemmBench;
import dev.dvg.bench.peak.PeakBench;
import dev.dvg.bench.suite.BenchResult.Measurement;
import dev.dvg.bench.suite.BenchResult.Ratio;
import dev.dvg.bench.train.BenchModels;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Turns the children's raw JMH scores into {@link Measurement}s and the per-(model, batch) ratios. */
public final class Assemble {

    private Assemble() {
    }

    /** Measurements of all children, with examples/s or GFLOP/s and % of the measured peak. */
    public static List<Measurement> measurements(List<BenchChild.Output> children) {
        List<Measurement> out = new ArrayList<>();
        Map<Integer, Double> peak = new HashMap<>();
        for (BenchChild.Output c : children) {
            for (BenchChild.Raw r : c.raw()) {
                if (r.kind().equals("peak")) {
                    peak.put(c.threads(), r.score() * PeakBench.flopsPerOp(c.threads()) / 1e9);
                }
            }
        }
        for (BenchChild.Output c : children) {
            for (BenchChild.Raw r : c.raw()) {
                out.add(convert(r, c.threads(), peak.get(c.threads())));
            }
        }
        return out;
    }

    static Measurement convert(BenchChild.Raw r, int threads, Double peak) {
        String method = r.benchmark().substring(r.benchmark().lastIndexOf('.') + 1);
        Map<String, String> p = r.params();
        double factor;
        String subject;
        String batch = null;
        Integer n = null;
        String engine;
        String unit;
        switch (r.kind()) {
            case "train", "inference" -> {
                subject = p.get("model");
                batch = p.get("batch");
                n = BenchModels.batchSize(subject, batch);
                factor = n;
                engine = p.get("engine");
                unit = "examples/s";
            }
            case "gemm" -> {
                subject = p.get("shape");
                factor = GemmBench.flops(subject) / 1e9;
                engine = method;
                unit = "GFLOP/s";
            }
            case "conv" -> {
                subject = p.get("layer");
                n = ConvBench.BATCH;
                factor = ConvBench.flops(subject) / 1e9;
                engine = method;
                unit = "GFLOP/s";
            }
            case "peak" -> {
                subject = "fma";
                factor = PeakBench.flopsPerOp(threads) / 1e9;
                engine = "java";
                unit = "GFLOP/s";
            }
            default -> throw new IllegalArgumentException("unknown kind " + r.kind());
        }
        double value = r.score() * factor;
        Double pct = (r.kind().equals("gemm") || r.kind().equals("conv")) && peak != null && peak > 0
                ? 100 * value / peak : null;
        return new Measurement(r.kind(), subject, batch, n, engine, threads, r.score(), r.scoreError(),
                r.scoreUnit(), value, r.scoreError() == null ? null : r.scoreError() * factor, unit,
                r.allocBytesPerOp(), r.engineAllocBytesPerOp(), pct);
    }

    /** Per (model, batch) of the training steps: each engine at its best thread count, and the ratio. */
    public static List<Ratio> trainRatios(List<Measurement> ms) {
        Map<String, List<Measurement>> byRow = new LinkedHashMap<>();
        for (Measurement m : ms) {
            if (m.kind().equals("train")) {
                byRow.computeIfAbsent(m.subject() + "\u0000" + m.batch(), k -> new ArrayList<>()).add(m);
            }
        }
        List<Ratio> out = new ArrayList<>();
        for (List<Measurement> row : byRow.values()) {
            Optional<Measurement> d = best(row, "david");
            Optional<Measurement> j = best(row, "dl4j");
            Measurement any = row.get(0);
            Double ratio = d.isPresent() && j.isPresent() && j.get().value() > 0 ? d.get().value() / j.get().value() : null;
            out.add(new Ratio(any.subject(), any.batch(), any.n(), d.map(Measurement::value).orElse(null),
                    d.map(Measurement::threads).orElse(null), j.map(Measurement::value).orElse(null),
                    j.map(Measurement::threads).orElse(null), ratio));
        }
        return out;
    }

    static Optional<Measurement> best(List<Measurement> row, String engine) {
        return row.stream().filter(m -> m.engine().equals(engine)).max(Comparator.comparingDouble(Measurement::value));
    }
}
