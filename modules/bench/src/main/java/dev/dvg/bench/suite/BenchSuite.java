package dev.dvg.bench.suite;

import dev.dvg.bench.kernels.ScalingProbe;
import dev.dvg.bench.memory.MemoryProbe;
import dev.dvg.bench.suite.BenchResult.Measurement;
import dev.dvg.bench.suite.BenchResult.MemoryRow;
import dev.dvg.bench.suite.BenchResult.Ratio;
import dev.dvg.runner.Provenance;
import dev.dvg.runner.ResultFiles;
import dev.dvg.runner.RunFolder;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * {@code dvg bench}: runs the {@link BenchPlan} — one child JVM ({@link BenchChild}) per thread count
 * with {@code OMP_NUM_THREADS} set in its environment, then one {@link ScalingProbe} JVM (David's
 * 2-thread scaling in paired rounds) and one {@link MemoryProbe} JVM per (model, engine) — and writes
 * {@code <out>/<run-id>/} through a {@link RunFolder} (temporary folder, then an atomic rename and
 * {@code latest}): bench.json, bench.md, bench.html, the SVG charts, the plan and every child's log.
 * Only one benchmark JVM runs at a time.
 */
public final class BenchSuite {

    /** JVM options of every child (the Vector API module; heap for the 60,000-image batch). */
    public static final List<String> CHILD_JVM_ARGS = List.of("--add-modules", "jdk.incubator.vector", "-Xmx6g");

    /**
     * What to run.
     *
     * @param quick    the short plan
     * @param outRoot  results/bench (runs go to outRoot/&lt;run-id&gt;)
     * @param include  keep jobs whose name it finds (null: all)
     * @param threads  thread counts, one child JVM each
     * @param repoRoot the checkout (git commit in the provenance), may be null
     * @param profilers JMH profilers added to every job ({@code NAME[:OPTIONS]}), may be empty
     */
    public record Config(boolean quick, Path outRoot, Pattern include, List<Integer> threads, Path repoRoot,
                         List<String> profilers) {
        public Config {
            profilers = profilers == null ? List.of() : List.copyOf(profilers);
            Objects.requireNonNull(outRoot, "outRoot");
            if (threads == null || threads.isEmpty() || threads.stream().anyMatch(t -> t < 1)) {
                throw new IllegalArgumentException("threads must be a non-empty list of counts >= 1, got " + threads);
            }
            threads = List.copyOf(threads);
        }
    }

    /** The result and where it was written. */
    public record Outcome(BenchResult result, Path dir) {
    }

    private BenchSuite() {
    }

    public static Outcome run(Config cfg, PrintWriter log) throws IOException, InterruptedException {
        BenchPlan all = BenchPlan.of(cfg.quick(), cfg.include()).withProfilers(cfg.profilers());
        // the paired probe compares 1 and 2 threads: it runs when both thread counts were asked for
        BenchPlan.ScalingJob sj = cfg.threads().containsAll(List.of(1, 2)) ? all.scaling() : null;
        BenchPlan plan = new BenchPlan(all.quick(), all.forks(), all.jobs(), all.memory(), sj, all.profilers());
        if (plan.jobs().isEmpty() && plan.memory().isEmpty() && sj == null) {
            throw new IllegalArgumentException("--include " + cfg.include() + " matches no benchmark"
                    + (all.scaling() != null ? " that runs at --threads " + cfg.threads() + " (" + all.scaling().name()
                    + " needs 1 and 2)" : ""));
        }
        Instant start = Instant.now();
        Path outRoot = cfg.outRoot().toAbsolutePath().normalize();
        RunFolder folder = RunFolder.create(outRoot.getParent(), outRoot.getFileName().toString(), start);
        boolean ok = false;
        try {
            Path dir = folder.workingDir();
            Path planFile = dir.resolve("plan.json");
            ResultFiles.writeText(planFile, BenchResult.MAPPER.writeValueAsString(plan));
            List<BenchChild.Output> children = new ArrayList<>();
            List<String> failures = new ArrayList<>();
            for (int t : cfg.threads()) {
                if (plan.jobs().stream().noneMatch(j -> j.runsAt(t))) {
                    continue;
                }
                Path out = dir.resolve("child-t" + t + ".json");
                List<String> cmd = java(BenchChild.class.getName(), planFile.toString(), Integer.toString(t),
                        out.toString());
                log.printf("bench: threads=%d: child JVM with OMP_NUM_THREADS=%d (log: child-t%d.log)%n", t, t, t);
                log.flush();
                int code = exec(cmd, t, dir.resolve("child-t" + t + ".log"), log, null, null);
                if (code != 0 || !Files.exists(out)) {
                    failures.add("threads=" + t + ": child JVM exited with " + code + " (see child-t" + t + ".log)");
                    continue;
                }
                BenchChild.Output o = BenchResult.MAPPER.readValue(out.toFile(), BenchChild.Output.class);
                children.add(o);
                failures.addAll(o.failures());
            }
            List<ScalingProbe.Row> scaling = new ArrayList<>();
            if (sj != null) {
                log.printf(Locale.ROOT, "bench: %s: %s, %d rounds of %.2f s per thread count (own JVM, log: "
                        + "scaling.log)%n", sj.name(), String.join(" ", sj.subjects()), sj.rounds(), sj.burstSeconds());
                log.flush();
                List<String> args = new ArrayList<>(List.of(Integer.toString(sj.rounds()),
                        Double.toString(sj.burstSeconds()), Double.toString(sj.warmupSeconds())));
                args.addAll(sj.subjects());
                StringBuilder line = new StringBuilder();
                int code = exec(java(ScalingProbe.class.getName(), args.toArray(String[]::new)), 2,
                        dir.resolve("scaling.log"), log, ScalingProbe.LINE_PREFIX, line);
                if (code != 0 || line.isEmpty()) {
                    failures.add(sj.name() + ": JVM exited with " + code + " (see scaling.log)");
                } else {
                    scaling.addAll(List.of(BenchResult.MAPPER.readValue(line.toString(), ScalingProbe.Row[].class)));
                }
            }
            List<MemoryRow> memory = new ArrayList<>();
            for (BenchPlan.MemoryJob m : plan.memory()) {
                log.printf("bench: memory %s %s %s (own JVM)%n", m.model(), m.batch(), m.engine());
                log.flush();
                List<String> cmd = java(MemoryProbe.class.getName(), m.model(), m.batch(), m.engine(),
                        Integer.toString(m.threads()), Integer.toString(m.steps()));
                StringBuilder line = new StringBuilder();
                int code = exec(cmd, m.threads(), dir.resolve("memory.log"), log, "MEMORY ", line);
                if (code != 0 || line.isEmpty()) {
                    failures.add("memory " + m.model() + " " + m.engine() + ": JVM exited with " + code);
                    continue;
                }
                memory.add(memoryRow(BenchResult.MAPPER.readValue(line.toString(), Map.class)));
            }
            List<Measurement> ms = Assemble.measurements(children);
            List<Ratio> ratios = Assemble.trainRatios(ms);
            BenchResult result = new BenchResult(BenchResult.SCHEMA, folder.runId(), cfg.quick(),
                    provenance(cfg.repoRoot()), settings(plan, cfg, children), ms, memory, scaling, ratios,
                    Targets.evaluate(ms, ratios, scaling), failures);
            result.write(dir.resolve("bench.json"));
            BenchPage.write(result, dir);
            ok = failures.isEmpty();
            Path done = folder.finish(true);
            return new Outcome(result, done);
        } finally {
            if (!ok) {
                folder.close();
            }
        }
    }

    static MemoryRow memoryRow(Map<?, ?> m) {
        return new MemoryRow((String) m.get("model"), (String) m.get("batch"), (String) m.get("engine"),
                ((Number) m.get("threads")).intValue(), ((Number) m.get("steps")).intValue(), dbl(m.get("peak_heap_mb")),
                dbl(m.get("peak_rss_mb")), dbl(m.get("offheap_physical_bytes_max_mb")),
                dbl(m.get("offheap_javacpp_total_bytes_max_mb")), dbl(m.get("live_heap_mb")));
    }

    static Double dbl(Object o) {
        return o == null ? null : ((Number) o).doubleValue();
    }

    /** The command of a child JVM running {@code mainClass} on this JVM's class path. */
    static List<String> java(String mainClass, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(CHILD_JVM_ARGS);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(mainClass);
        cmd.addAll(List.of(args));
        return cmd;
    }

    /**
     * Runs a child with {@code OMP_NUM_THREADS=threads}, appends its output to {@code logFile}, echoes
     * its progress lines, and keeps the rest of its line starting with {@code resultPrefix} (if any) in
     * {@code resultLine}.
     */
    static int exec(List<String> cmd, int threads, Path logFile, PrintWriter log, String resultPrefix,
                    StringBuilder resultLine)
            throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("OMP_NUM_THREADS", Integer.toString(threads));
        String coretype = openBlasCoretype();
        if (coretype != null) {
            pb.environment().put("OPENBLAS_CORETYPE", coretype);
        }
        Process p = pb.start();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
             BufferedWriter w = Files.newBufferedWriter(logFile, StandardCharsets.UTF_8,
                     java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND)) {
            String line;
            while ((line = in.readLine()) != null) {
                w.write(line);
                w.newLine();
                if (line.startsWith("BENCH-PROGRESS ")) {
                    log.println("bench: " + line.substring("BENCH-PROGRESS ".length()));
                    log.flush();
                } else if (resultPrefix != null && line.startsWith(resultPrefix) && resultLine != null) {
                    resultLine.append(line.substring(resultPrefix.length()));
                }
            }
        } finally {
            if (p.isAlive()) {
                p.destroy();
            }
        }
        return p.waitFor();
    }

    static Map<String, Object> provenance(Path repoRoot) {
        Map<String, Object> p = new LinkedHashMap<>(Provenance.machine(repoRoot));
        p.put("cpu_model", cpuModel());
        return p;
    }

    /** "model name" from /proc/cpuinfo, or os.arch. */
    static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException e) {
            // not Linux
        }
        return System.getProperty("os.arch");
    }

    /**
     * The OpenBLAS kernel family the children use: the caller's {@code OPENBLAS_CORETYPE} when set,
     * else SkylakeX on a CPU with AVX-512F, else null (OpenBLAS detects). The OpenBLAS 0.3.19 that
     * ND4J M2.1 ships does not recognise every AVX-512 CPU: on this project's 2-core VM (2026-12-07)
     * it fell back to a kernel that ran ND4J's sgemm at 29 GFLOP/s on [128×784]·[784×256] against
     * 114 with SkylakeX, and DL4J's mnist-mlp256 step at half speed. Giving DL4J its best kernel is
     * part of the bench's fairness; the value is recorded in bench.json.
     */
    static String openBlasCoretype() {
        String set = System.getenv("OPENBLAS_CORETYPE");
        if (set != null && !set.isBlank()) {
            return set;
        }
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"), StandardCharsets.UTF_8)) {
                if (line.startsWith("flags") && (" " + line + " ").contains(" avx512f ")) {
                    return "SkylakeX";
                }
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
        return null;
    }

    static Map<String, Object> settings(BenchPlan plan, Config cfg, List<BenchChild.Output> children) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("quick", cfg.quick());
        s.put("include", cfg.include() == null ? null : cfg.include().pattern());
        s.put("threads", cfg.threads());
        s.put("jmh_version", Provenance.mavenVersion("org.openjdk.jmh", "jmh-core"));
        s.put("jmh_forks", plan.forks());
        s.put("jmh_mode", "throughput (ops/s); error = JMH's 99.9% confidence half-width");
        s.put("child_jvm_args", CHILD_JVM_ARGS);
        s.put("openblas_coretype", openBlasCoretype());
        s.put("openblas_coretype_note", "OPENBLAS_CORETYPE given to every child JVM: the caller's value, else SkylakeX "
                + "on an AVX-512 CPU (ND4J M2.1's OpenBLAS 0.3.19 misdetects some: sgemm 29 vs 114 GFLOP/s measured), "
                + "else unset");
        s.put("child_launch", "one child JVM per thread count (ProcessBuilder) with OMP_NUM_THREADS=<threads> in its "
                + "environment; JMH forks, if any, inherit it; inside, ND4J Environment.setMaxThreads/"
                + "setMaxMasterThreads and BLAS setMaxThreads = threads; David uses Exec.create(threads)");
        s.put("data", "each model's own training data as the runner prepares it (recipe transform, targets; "
                + "moons with the runner's data seed 0): training steps take the training set in order, N examples "
                + "per step, as an epoch feeds it (a single reused batch was over-fitted within a 1-s iteration, "
                + "driving gradients into float subnormals: see TrainStepBench), inference its first N examples; David "
                + "gets the whole training set (full batch) as a constant tensor, as the runner feeds it every step "
                + "(its first dense layer packs it once), and a minibatch as a plain one (fresh each step in training); kernels "
                + "(gemm, conv): seeded dense U[-0.5,0.5) operands; parameters restored in place before every JMH iteration");
        s.put("digits20_optimizer_note", "digits20-mlp25's L-BFGS is replaced by SGD(lr 0.1) on both engines in the "
                + "step benchmark: one gradient evaluation + update per step");
        s.put("scaling_probe", "dev.dvg.bench.kernels.ScalingProbe in its own JVM, " + CHILD_JVM_ARGS + ": David's "
                + "GEMM with Exec of 1 and 2 threads (the FMA loop with 1 and 2 threads) alternating in bursts, the "
                + "order swapped every round, the subjects interleaved round by round; per round 2t/1t, the median "
                + "over rounds");
        s.put("memory_probe", "one JVM per (model, engine), " + CHILD_JVM_ARGS + ", OMP_NUM_THREADS=1, 1 thread; peak "
                + "heap over the whole process, VmHWM, JavaCPP Pointer.physicalBytes()/totalBytes() max after each step");
        List<Map<String, Object>> per = new ArrayList<>();
        for (BenchChild.Output c : children) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("threads", c.threads());
            m.put("omp_num_threads_env", c.ompNumThreadsEnv());
            m.put("jvm_args", c.jvmArgs());
            m.put("nd4j", c.nd4j());
            m.put("dl4j", c.dl4jSettings());
            m.put("david", c.davidSettings());
            per.add(m);
        }
        s.put("per_thread_count", per);
        s.put("plan", plan);
        return s;
    }
}
