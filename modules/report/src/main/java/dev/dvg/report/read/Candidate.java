package dev.dvg.report.read;

import dev.dvg.report.Engine;
import java.util.Map;

/**
 * One line of candidates.jsonl. {@code values} maps each hyper-parameter to a Double or a String,
 * in file order. {@code score} is NaN for failed or diverged candidates.
 */
public record Candidate(int candidate, Engine engine, Map<String, Object> values, double score, String scoreName,
                        double seconds, String status, String error) {

    public boolean ok() {
        return "ok".equals(status) && !Double.isNaN(score);
    }
}
