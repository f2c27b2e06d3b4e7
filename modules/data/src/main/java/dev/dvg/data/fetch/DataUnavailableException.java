package dev.dvg.data.fetch;

import java.io.IOException;
import java.util.List;

/** Every source of the resolution chain failed; the message lists each with its reason and the manual fix. */
public class DataUnavailableException extends IOException {
    private static final long serialVersionUID = 1L;

    private final transient DatasetId id;
    private final transient List<String> attempts;

    public DataUnavailableException(DatasetId id, List<String> attempts, String howToFix) {
        super(message(id.title(), id.key(), attempts, howToFix));
        this.id = id;
        this.attempts = List.copyOf(attempts);
    }

    /** For a data set outside {@link DatasetId} (the 20×20 digits); {@link #id()} is then null. */
    public DataUnavailableException(String title, String key, List<String> attempts, String howToFix) {
        super(message(title, key, attempts, howToFix));
        this.id = null;
        this.attempts = List.copyOf(attempts);
    }

    private static String message(String title, String key, List<String> attempts, String howToFix) {
        StringBuilder sb = new StringBuilder();
        sb.append(title).append(" (").append(key).append(") is not available; tried ").append(attempts.size())
                .append(attempts.size() == 1 ? " source:" : " sources:");
        for (int i = 0; i < attempts.size(); i++) {
            sb.append("\n  ").append(i + 1).append(". ").append(attempts.get(i));
        }
        sb.append("\n").append(howToFix);
        return sb.toString();
    }

    /** The MNIST-family data set, or null for the 20×20 digits. */
    public DatasetId id() {
        return id;
    }

    /** Each source tried, as "source: reason". */
    public List<String> attempts() {
        return attempts;
    }
}
