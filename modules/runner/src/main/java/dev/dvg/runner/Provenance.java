package dev.dvg.runner;

import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * Where a result came from: code version, JVM, machine, DL4J/ND4J and BLAS, threads, heap, data
 * checksums and seeds — enough to reproduce it or to explain why it moved.
 */
public final class Provenance {

    private Provenance() {
    }

    /**
     * The code and machine part of every provenance record (runs, suites, sweeps): DvG version, git
     * commit and whether the tree had uncommitted changes (null when {@code repoRoot} is not a
     * checkout), JDK, JVM, OS, arch, cores, max heap, JVM arguments, DL4J version.
     */
    public static Map<String, Object> machine(Path repoRoot) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("dvg_version", version());
        p.put("git_commit", repoRoot == null ? null : git(repoRoot, "rev-parse", "HEAD"));
        String status = repoRoot == null ? null : git(repoRoot, "status", "--porcelain", "--untracked-files=no");
        p.put("git_dirty", status == null ? null : !status.isBlank());
        p.put("jdk", System.getProperty("java.version"));
        p.put("jvm", System.getProperty("java.vm.name") + " " + System.getProperty("java.vm.version"));
        p.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        p.put("arch", System.getProperty("os.arch"));
        p.put("cores", Runtime.getRuntime().availableProcessors());
        p.put("max_heap_mb", Runtime.getRuntime().maxMemory() / (1024 * 1024));
        p.put("jvm_args", ManagementFactory.getRuntimeMXBean().getInputArguments());
        p.put("dl4j_version", mavenVersion("org.deeplearning4j", "deeplearning4j-nn"));
        return p;
    }

    static Map<String, Object> collect(Path repoRoot, int davidThreads, int dl4jThreads,
                                       Map<String, String> datasets, List<Long> seeds) {
        Map<String, Object> p = machine(repoRoot);
        p.put("nd4j_backend", Nd4j.getBackend().getClass().getSimpleName());
        p.put("blas", Nd4j.factory().blas().getBlasVendor().toString());
        p.put("omp_num_threads_env", System.getenv("OMP_NUM_THREADS"));
        // the dvg launcher sets SkylakeX on AVX-512 CPUs when unset (OpenBLAS 0.3.19 misdetects some)
        p.put("openblas_coretype_env", System.getenv("OPENBLAS_CORETYPE"));
        p.put("openblas_coretype_set_by", System.getenv("OPENBLAS_CORETYPE") == null ? null
                : "launcher".equals(System.getenv("DVG_OPENBLAS_CORETYPE_BY")) ? "dvg launcher (AVX-512 CPU)" : "caller");
        p.put("david_threads", davidThreads);
        p.put("dl4j_threads", dl4jThreads);
        p.put("datasets", datasets);
        p.put("seeds", seeds);
        return p;
    }

    /** A dependency's version from its jar's Maven metadata, or "unknown". */
    public static String mavenVersion(String group, String artifact) {
        try (InputStream in = Provenance.class.getClassLoader().getResourceAsStream(
                "META-INF/maven/" + group + "/" + artifact + "/pom.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties props = new Properties();
            props.load(in);
            return props.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static String version() {
        String v = Provenance.class.getPackage().getImplementationVersion();
        return v == null ? "0.1.0-SNAPSHOT" : v;
    }

    /** Output of a git command in the repo, or null when git or the repo is not there. */
    private static String git(Path repo, String... args) {
        try {
            List<String> cmd = new java.util.ArrayList<>(List.of("git", "-C", repo.toString()));
            cmd.addAll(List.of(args));
            Process proc = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(proc.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!proc.waitFor(10, TimeUnit.SECONDS) || proc.exitValue() != 0) {
                return null;
            }
            return out;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
