package dev.dvg.report.doc;

/**
 * Renders a {@link Document} as GitHub-flavoured Markdown. Images are referenced as
 * {@code <imageDir>/<file>} with an explicit width, so figures sit side by side on GitHub.
 */
public final class MarkdownRenderer {
    private final String imageDir;

    public MarkdownRenderer(String imageDir) {
        this.imageDir = imageDir;
    }

    public String render(Document doc) {
        StringBuilder b = new StringBuilder();
        b.append("# ").append(Inline.markdown(doc.title())).append("\n\n");
        for (Block block : doc.blocks()) {
            if (block instanceof Block.Heading h) {
                b.append("<a id=\"").append(h.id()).append("\"></a>\n");
                b.append("#".repeat(h.level())).append(' ').append(Inline.markdown(h.text())).append("\n\n");
            } else if (block instanceof Block.Paragraph p) {
                b.append(Inline.markdown(p.text())).append("\n\n");
            } else if (block instanceof Block.Note n) {
                b.append("> **Note:** ").append(Inline.markdown(n.text()).replace("\n", "\n> ")).append("\n\n");
            } else if (block instanceof Block.Table t) {
                table(b, t);
            } else if (block instanceof Block.Figure f) {
                for (Image i : f.images()) {
                    // GitHub's column is ~980 px: two charts of a figure side by side at up to 480 px each
                    int width = f.images().size() > 1 ? Math.min(i.width(), 480) : i.width();
                    b.append("<img src=\"").append(imageDir).append('/').append(i.fileName()).append("\" width=\"")
                            .append(width).append("\" alt=\"").append(Inline.esc(i.alt())).append("\">\n");
                }
                if (f.caption() != null && !f.caption().isEmpty()) {
                    b.append("\n*").append(Inline.markdown(f.caption())).append("*\n");
                }
                b.append('\n');
            } else if (block instanceof Block.Code c) {
                b.append("<details><summary>").append(Inline.esc(c.summary())).append("</summary>\n\n```json\n")
                    .append(c.text()).append("\n```\n</details>\n\n");
            }
        }
        return b.toString();
    }

    private static void table(StringBuilder b, Block.Table t) {
        b.append('|');
        for (String h : t.header()) {
            b.append(' ').append(Inline.markdown(h).replace("\n", " ")).append(" |");
        }
        b.append("\n|");
        for (int i = 0; i < t.header().size(); i++) {
            b.append(t.numeric()[i] ? "---:|" : "---|");
        }
        b.append('\n');
        for (var row : t.rows()) {
            b.append('|');
            for (String cell : row) {
                b.append(' ').append(Inline.markdown(cell)).append(" |");
            }
            b.append('\n');
        }
        b.append('\n');
    }
}
