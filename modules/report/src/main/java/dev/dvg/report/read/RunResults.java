package dev.dvg.report.read;

import java.nio.file.Path;

/** One run folder. {@code summary} is null when the run is incomplete (no summary.json). */
public record RunResults(Path dir, RunInfo info, Metrics metrics, Summary summary, Artifacts artifacts)
        implements Results {

    @Override
    public String name() {
        return info.experiment();
    }

    public boolean complete() {
        return summary != null && "complete".equals(summary.status());
    }

    /** The status to show: summary.json's when present, else run.json's (at best "incomplete"). */
    public String status() {
        if (summary != null) {
            return summary.status();
        }
        return "complete".equals(info.status()) ? "incomplete" : info.status();
    }
}
