package dev.dvg.sweeps;

import dev.dvg.runner.Provenance;

import java.nio.file.Path;
import java.util.Map;

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
        Map<String, Object> p = Provenance.machine(repoRoot);
        p.put("arbiter_version", Provenance.mavenVersion("org.deeplearning4j", "arbiter-core"));
        if (previous instanceof Map<?, ?> m && m.get("candidate_run") != null) {
            p.put("candidate_run", m.get("candidate_run"));
        }
        return p;
    }
}
