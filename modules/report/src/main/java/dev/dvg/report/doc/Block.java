package dev.dvg.report.doc;

import java.util.List;

/**
 * The pieces a report is made of, rendered once to Markdown and once to HTML. Text uses a small
 * inline markup (see {@link Inline}): {@code **bold**}, {@code `code`}, {@code [text](#anchor)},
 * {@code ~small~}, a newline for a line break, and {@code {david}} / {@code {dl4j}} for an engine name
 * in its colour.
 */
public sealed interface Block {

    /** A heading; {@code id} is the anchor other blocks link to. */
    record Heading(int level, String text, String id) implements Block {
    }

    record Paragraph(String text) implements Block {
    }

    /** A callout (incomplete run, divergence, missing data). */
    record Note(String text) implements Block {
    }

    /**
     * A table; {@code numeric[i]} right-aligns column i. Cells use the inline markup.
     */
    record Table(List<String> header, List<List<String>> rows, boolean[] numeric) implements Block {
        public Table {
            header = List.copyOf(header);
            rows = rows.stream().map(List::copyOf).toList();
            for (List<String> r : rows) {
                if (r.size() != header.size()) {
                    throw new IllegalArgumentException("row has " + r.size() + " cells, header " + header.size() + ": " + r);
                }
            }
            if (numeric.length != header.size()) {
                throw new IllegalArgumentException("numeric flags " + numeric.length + " != columns " + header.size());
            }
        }
    }

    /** One or more images side by side, with a caption under them. */
    record Figure(List<Image> images, String caption) implements Block {
        public Figure {
            images = List.copyOf(images);
        }
    }

    /** Preformatted text (e.g. the resolved config), collapsed in HTML under {@code summary}. */
    record Code(String summary, String text) implements Block {
    }
}
