package dev.dvg.runner;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A suite run such as david-vs-goliath (results/FORMAT.md, "Suites"): {@code results/<suite>/<run-id>/}
 * holding {@code suite.json} and one run folder per experiment. The whole folder is built as
 * {@code .tmp-<run-id>/} and renamed into place by {@link #finish}; {@code latest} then names it if
 * it is complete.
 */
public final class SuiteRun {

    private final Path suiteRoot;
    private final String runId;
    private final Path tmp;
    private final Map<String, Object> json = new LinkedHashMap<>();

    private SuiteRun(Path suiteRoot, String runId, ExperimentDef suite, Budget budget, List<String> experiments)
            throws IOException {
        this.suiteRoot = suiteRoot;
        this.runId = runId;
        this.tmp = suiteRoot.resolve(".tmp-" + runId);
        Files.createDirectories(tmp);
        json.put("format", 1);
        json.put("suite", suite.id());
        json.put("run_id", runId);
        json.put("status", "running");
        json.put("budget", budget.id());
        json.put("experiments", experiments);
        json.put("provenance", Provenance.collect(Path.of(System.getProperty("dvg.root", ".")), 0, 0, Map.of(),
                List.of()));
        RunFolder.writeJsonAtomically(tmp.resolve("suite.json"), json);
    }

    /** Starts {@code results/<suite>/.tmp-<run-id>/} for the experiments of {@code suite}. */
    public static SuiteRun start(Path resultsRoot, ExperimentDef suite, Budget budget, List<String> experiments)
            throws IOException {
        return new SuiteRun(resultsRoot.resolve(suite.id()), RunFolder.newRunId(Instant.now()), suite, budget,
                experiments);
    }

    public String runId() {
        return runId;
    }

    /** The folder the member runs are written into (temporary until {@link #finish}). */
    public Path workingDir() {
        return tmp;
    }

    public Path finalDir() {
        return suiteRoot.resolve(runId);
    }

    /** Writes suite.json with its final status, renames the folder into place, updates latest. */
    public Path finish(String status) throws IOException {
        json.put("status", status);
        json.put("finished", Instant.now().toString());
        RunFolder.writeJsonAtomically(tmp.resolve("suite.json"), json);
        Files.move(tmp, finalDir(), StandardCopyOption.ATOMIC_MOVE);
        if ("complete".equals(status)) {
            RunFolder.pointLatest(suiteRoot, runId);
        }
        return finalDir();
    }
}
