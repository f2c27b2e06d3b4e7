package dev.dvg.report;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@link Reports#write} produced.
 *
 * @param markdown report.md (references the images in {@code imageDir})
 * @param html     report.html, self-contained (images embedded, no network resources)
 * @param imageDir the img/ folder next to them
 * @param images   every PNG written, in order of appearance
 * @param kind     what was reported: "run", "suite", "sweep" or "collection"
 * @param title    the report's title
 */
public record ReportResult(Path markdown, Path html, Path imageDir, List<Path> images, String kind, String title) {
    public ReportResult {
        images = List.copyOf(images);
    }
}
