package dev.dvg.bench.kernels;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import dev.dvg.bench.peak.PeakBench;
import dev.dvg.kernels.Exec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * David's 2-thread scaling measured in pairs, in one JVM: for each subject (a GEMM shape, or
 * {@code fma}, {@link PeakBench}'s loop) a 1-thread and a 2-thread runner alternate in short bursts,
 * and each round's ratio compares two bursts taken back to back:
 * <pre>
 *   java … dev.dvg.bench.kernels.ScalingProbe ROUNDS BURST_SECONDS WARMUP_SECONDS SUBJECT...
 * </pre>
 * prints {@code SCALING [json rows]} ({@link Row}) and, per subject, a {@code BENCH-PROGRESS} line.
 *
 * <p>The subjects are interleaved: every round takes one pair of bursts of each in turn (see
 * {@link #measure(List, int, double, double)}).
 *
 * <p>Why pairs: JMH measures 1 and 2 threads in separate JVMs minutes apart, and on a shared VM the
 * second core's share of the host changes over minutes (the FMA loop, which waits for nothing,
 * scaled 1.31× and 1.59× in two bench runs of 2026-12-07, 1.56–1.74× before), so the quotient of the
 * two figures measures the host as much as the code. Within a round both bursts see nearly the same
 * host; the order alternates from round to round so a trend does not favour either; the median over
 * rounds drops the rounds a neighbour hit in one burst only. The FMA loop is measured the same way,
 * which states how much of 2× the machine itself gave in the same minute.
 */
public final class ScalingProbe {

    /** One timed unit of work (a product, or one call of the FMA loop). */
    @FunctionalInterface
    public interface Op {
        void run() throws Exception;
    }

    /** One round: GFLOP/s of each burst, and which ran first. */
    public record Round(double oneGflops, double twoGflops, boolean oneFirst) {
        public double ratio() {
            return twoGflops / oneGflops;
        }
    }

    /**
     * One subject's result: medians over the rounds of each thread count's GFLOP/s and of the per-round
     * ratio 2 threads / 1 thread, the ratio's range, and every round's ratio in order.
     *
     * @param subject      GEMM shape {@code form:MxNxK}, or {@code fma}
     * @param engine       {@code david} (GEMM) or {@code java} (the FMA loop)
     * @param rounds       rounds measured (after the warm-up)
     * @param burstSeconds length of each burst
     * @param oneGflops    median GFLOP/s with 1 thread
     * @param twoGflops    median GFLOP/s with 2 threads
     * @param ratio        median of the per-round ratios
     * @param ratioMin     smallest per-round ratio
     * @param ratioMax     largest per-round ratio
     * @param ratios       the per-round ratios, in the order measured
     */
    public record Row(String subject, String engine, int rounds, double burstSeconds, double oneGflops,
                      double twoGflops, double ratio, double ratioMin, double ratioMax, List<Double> ratios) {
    }

    /** The prefix of the result line. */
    public static final String LINE_PREFIX = "SCALING ";

    private ScalingProbe() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 4) {
            System.err.println("usage: ScalingProbe ROUNDS BURST_SECONDS WARMUP_SECONDS SUBJECT...  "
                    + "(SUBJECT: a GEMM shape such as ab:128x256x784, or fma)");
            System.exit(2);
        }
        int rounds = Integer.parseInt(args[0]);
        double burst = Double.parseDouble(args[1]);
        double warmup = Double.parseDouble(args[2]);
        List<Row> rows = measure(List.of(Arrays.copyOfRange(args, 3, args.length)), rounds, burst, warmup);
        for (Row row : rows) {
            System.out.printf(Locale.ROOT, "BENCH-PROGRESS scaling %s: 1t %.1f, 2t %.1f GFLOP/s, ratio %.2f "
                    + "(median of %d rounds, %.2f–%.2f)%n", row.subject(), row.oneGflops(), row.twoGflops(),
                    row.ratio(), rounds, row.ratioMin(), row.ratioMax());
        }
        System.out.println(LINE_PREFIX + JSON.writeValueAsString(rows));
        System.exit(0);
    }

    static final ObjectMapper JSON = new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);

    /** One subject's two runners and what closes them. */
    record Subject(String name, String engine, Op one, double flopsOne, Op two, double flopsTwo,
                   AutoCloseable resources) {
    }

    /** Measures one subject (see {@link #measure(List, int, double, double)}). */
    public static Row measure(String subject, int rounds, double burstSeconds, double warmupSeconds) throws Exception {
        return measure(List.of(subject), rounds, burstSeconds, warmupSeconds).get(0);
    }

    /**
     * Measures the subjects (GEMM shapes with David's {@code Exec} of 1 and 2 threads, or
     * {@code fma}) interleaved: each is warmed up, then every round takes one pair of bursts of each
     * subject in turn, so a stretch in which the host gives the second core little (seen lasting
     * ten seconds) costs each subject a round or two rather than one subject most of its rounds, and
     * the FMA loop's rounds share those stretches with the products'.
     */
    public static List<Row> measure(List<String> subjects, int rounds, double burstSeconds, double warmupSeconds)
            throws Exception {
        if (rounds < 1 || !(burstSeconds > 0) || !(warmupSeconds >= 0) || subjects.isEmpty()) {
            throw new IllegalArgumentException("rounds must be >= 1, burst seconds > 0, warm-up seconds >= 0 and "
                    + "subjects not empty, got " + rounds + ", " + burstSeconds + ", " + warmupSeconds + ", "
                    + subjects);
        }
        List<Subject> built = new ArrayList<>();
        try {
            for (String name : subjects) {
                built.add(subject(name));
            }
            List<List<Round>> measured = rounds(built, rounds, Math.round(burstSeconds * 1e9),
                    Math.round(warmupSeconds * 1e9));
            List<Row> rows = new ArrayList<>();
            for (int i = 0; i < built.size(); i++) {
                rows.add(row(built.get(i).name(), built.get(i).engine(), burstSeconds, measured.get(i)));
            }
            return rows;
        } finally {
            for (Subject x : built) {
                x.resources().close();
            }
        }
    }

    /** The runners of one subject name; rejects a name that is neither {@code fma} nor a GEMM shape. */
    static Subject subject(String subject) {
        if (subject.equals("fma")) {
            PeakBench one = peak(1);
            PeakBench two = peak(2);
            return new Subject(subject, "java", one::fma, PeakBench.flopsPerOp(1), two::fma, PeakBench.flopsPerOp(2),
                    () -> {
                        one.tearDown();
                        two.tearDown();
                    });
        }
        int colon = subject.indexOf(':');
        String[] d = subject.substring(colon + 1).split("x");
        int m;
        int n;
        int k;
        try {
            if (colon < 0 || d.length != 3) {
                throw new NumberFormatException();
            }
            m = Integer.parseInt(d[0]);
            n = Integer.parseInt(d[1]);
            k = Integer.parseInt(d[2]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("scaling subject must be fma or a GEMM shape form:MxNxK (e.g. "
                    + "ab:128x256x784), got " + subject);
        }
        String form = subject.substring(0, colon);
        float[] a = GemmBench.random(m * k, 1);
        float[] b = GemmBench.random(k * n, 2);
        float[] c1 = new float[m * n];
        float[] c2 = new float[m * n];
        GemmBench.product(form, Exec.serial(), m, n, k, a, b, c1); // rejects an unknown form before timing
        Exec two = Exec.create(2);
        double flops = GemmBench.flops(subject);
        return new Subject(subject, "david", () -> GemmBench.product(form, Exec.serial(), m, n, k, a, b, c1), flops,
                () -> GemmBench.product(form, two, m, n, k, a, b, c2), flops, two);
    }

    static PeakBench peak(int threads) {
        PeakBench p = new PeakBench();
        p.threads = threads;
        p.setUp();
        return p;
    }

    /** {@link #rounds} of a single subject. */
    public static List<Round> pairs(Op one, double flopsOne, Op two, double flopsTwo, int rounds, long burstNanos,
                                    long warmupNanos) throws Exception {
        return rounds(List.of(new Subject("", "", one, flopsOne, two, flopsTwo, () -> { })), rounds, burstNanos,
                warmupNanos).get(0);
    }

    /**
     * Each subject's warm-up (its two runners alternating, four bursts in {@code warmupNanos}), then
     * {@code rounds} rounds, each taking one burst of each runner of every subject in turn: 1 thread
     * first in even rounds and 2 threads first in odd ones. Per subject, its rounds in order.
     */
    static List<List<Round>> rounds(List<Subject> subjects, int rounds, long burstNanos, long warmupNanos)
            throws Exception {
        List<List<Round>> out = new ArrayList<>();
        for (Subject x : subjects) {
            for (int i = 0; i < 4; i++) {
                opsPerSecond(i % 2 == 0 ? x.one() : x.two(), warmupNanos / 4);
            }
            out.add(new ArrayList<>(rounds));
        }
        for (int r = 0; r < rounds; r++) {
            boolean oneFirst = r % 2 == 0;
            for (int s = 0; s < subjects.size(); s++) {
                Subject x = subjects.get(s);
                double one;
                double two;
                if (oneFirst) {
                    one = opsPerSecond(x.one(), burstNanos);
                    two = opsPerSecond(x.two(), burstNanos);
                } else {
                    two = opsPerSecond(x.two(), burstNanos);
                    one = opsPerSecond(x.one(), burstNanos);
                }
                out.get(s).add(new Round(one * x.flopsOne() / 1e9, two * x.flopsTwo() / 1e9, oneFirst));
            }
        }
        return out;
    }

    /** Runs {@code op} at least once and until {@code nanos} have passed; calls per second. */
    static double opsPerSecond(Op op, long nanos) throws Exception {
        long start = System.nanoTime();
        long now;
        long count = 0;
        do {
            op.run();
            count++;
            now = System.nanoTime();
        } while (now - start < nanos);
        return count * 1e9 / (now - start);
    }

    /** The medians and range of the rounds. */
    public static Row row(String subject, String engine, double burstSeconds, List<Round> rounds) {
        double[] ratios = rounds.stream().mapToDouble(Round::ratio).toArray();
        List<Double> inOrder = Arrays.stream(ratios).boxed().toList();
        return new Row(subject, engine, rounds.size(), burstSeconds,
                median(rounds.stream().mapToDouble(Round::oneGflops).toArray()),
                median(rounds.stream().mapToDouble(Round::twoGflops).toArray()), median(ratios),
                Arrays.stream(ratios).min().orElse(Double.NaN), Arrays.stream(ratios).max().orElse(Double.NaN),
                inOrder);
    }

    /** The median (mean of the middle two for an even count); NaN for none. */
    public static double median(double[] v) {
        if (v.length == 0) {
            return Double.NaN;
        }
        double[] s = v.clone();
        Arrays.sort(s);
        int h = s.length / 2;
        return s.length % 2 == 1 ? s[h] : (s[h - 1] + s[h]) / 2;
    }
}
