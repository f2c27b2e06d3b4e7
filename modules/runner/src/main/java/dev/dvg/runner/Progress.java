package dev.dvg.runner;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Progress of a long loop: on a terminal a bar redrawn in place; otherwise (CI, a pipe) one line
 * every {@code interval} with the count, rate and ETA. Updates are cheap: call {@link #step} every
 * step; it prints only when due.
 */
public final class Progress {

    private static final int BAR = 30;

    private final PrintWriter out;
    private final String label;
    private final long total;
    private final boolean terminal;
    private final long intervalNanos;
    private final LongSupplier clock;
    private final long start;
    private long lastPrint;
    private long lastDone = -1;
    private String suffix = "";

    public Progress(PrintWriter out, String label, long total, boolean terminal, Duration interval, LongSupplier clock) {
        this.out = out;
        this.label = label;
        this.total = total;
        this.terminal = terminal;
        this.intervalNanos = interval.toNanos();
        this.clock = clock;
        this.start = clock.getAsLong();
        this.lastPrint = start;
    }

    /** Progress to {@code out}: a bar when a console is attached, else a line every 5 s. */
    public static Progress of(PrintWriter out, String label, long total) {
        boolean tty = System.console() != null;
        return new Progress(out, label, total, tty, tty ? Duration.ofMillis(200) : Duration.ofSeconds(5), System::nanoTime);
    }

    /** Extra text shown after the counters (e.g. the last loss). */
    public void note(String text) {
        this.suffix = text;
    }

    /** Reports that {@code done} of {@code total} units are finished. */
    public void step(long done) {
        long now = clock.getAsLong();
        if (now - lastPrint < intervalNanos && done < total) {
            return;
        }
        lastPrint = now;
        lastDone = done;
        out.print(line(done, now));
        out.print(terminal ? "\r" : "\n");
        out.flush();
    }

    /** Final line (printed unless the last line already said the same count). */
    public void done(long done) {
        if (done == lastDone && !terminal) {
            return;
        }
        out.print(line(done, clock.getAsLong()));
        out.print("\n");
        out.flush();
    }

    String line(long done, long now) {
        double secs = Math.max(1e-9, (now - start) / 1e9);
        double rate = done / secs;
        String eta = rate > 0 && total > done ? fmt((total - done) / rate) : "-";
        if (terminal) {
            int fill = total == 0 ? BAR : (int) Math.min(BAR, BAR * done / total);
            return String.format(Locale.ROOT, "%s [%s%s] %d/%d %.0f/s ETA %s %s", label, "#".repeat(fill),
                    " ".repeat(BAR - fill), done, total, rate, eta, suffix);
        }
        return String.format(Locale.ROOT, "%s %d/%d (%.0f%%) %.0f/s elapsed %s ETA %s %s", label, done, total,
                total == 0 ? 100.0 : 100.0 * done / total, rate, fmt(secs), eta, suffix);
    }

    private static String fmt(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", s / 3600, s % 3600 / 60)
                : s >= 60 ? String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60) : s + "s";
    }
}
