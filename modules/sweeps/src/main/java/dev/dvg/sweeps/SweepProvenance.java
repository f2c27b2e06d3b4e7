package dev.dvg.sweeps;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * Where a sweep came from: code version, JVM and machine, DL4J and Arbiter versions. Each
 * candidate's run folder has the runner's full provenance (data checksums, BLAS, threads); the
 * first finished candidate's copy is added to sweep.json as {@code candidate_run}.
 */
final class SweepProvenance {

    private SweepProvenance() {
    }

    /** Fresh provenance; keeps {@code candidate_run} of a resumed run's earlier provenance. */
    static Map<String, Object> collect(Path repoRoot, Object previous) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("git_commit", repoRoot == null ? null : git(repoRoot, "rev-parse", "HEAD"));
        String status = repoRoot == null ? null : git(repoRoot, "status", "--porcelain", "--untracked-files=no");
        p.put("git_dirty", status == null ? null : !status.isBlank());
        p.put("jdk", System.getProperty("java.version"));
        p.put("jvm", System.getProperty("java.vm.name") + " " + System.getProperty("java.vm.version"));
        p.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        p.put("arch", System.getProperty("os.arch"));
        p.put("cores", Runtime.getRuntime().availableProcessors());
        p.put("max_heap_mb", Runtime.getRuntime().maxMemory() / (1024 * 1024));
        p.put("dl4j_version", mavenVersion("org.deeplearning4j", "deeplearning4j-nn"));
        p.put("arbiter_version", mavenVersion("org.deeplearning4j", "arbiter-core"));
        if (previous instanceof Map<?, ?> m && m.get("candidate_run") != null) {
            p.put("candidate_run", m.get("candidate_run"));
        }
        return p;
    }

    private static String mavenVersion(String group, String artifact) {
        try (InputStream in = SweepProvenance.class.getClassLoader().getResourceAsStream(
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

    private static String git(Path repo, String... args) {
        try {
            List<String> cmd = new ArrayList<>(List.of("git", "-C", repo.toString()));
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
