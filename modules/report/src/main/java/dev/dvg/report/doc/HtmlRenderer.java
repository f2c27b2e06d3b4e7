package dev.dvg.report.doc;

import java.util.Base64;
import java.util.Locale;

/**
 * Renders a {@link Document} as one self-contained HTML file: inline CSS, images embedded as base64
 * PNG data URIs, no scripts, fonts or other network resources, so it opens offline.
 */
public final class HtmlRenderer {

    private static final String CSS = """
            :root { --fg:#1d2125; --muted:#5f6b76; --line:#d9dee3; --zebra:#f6f8fa; --david:%s; --dl4j:%s; }
            * { box-sizing: border-box; }
            body { margin:0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", "DejaVu Sans", sans-serif; color:var(--fg); background:#fff; }
            main { max-width: 1320px; margin: 0 auto; padding: 24px 32px 64px; }
            h1 { font-size: 28px; margin: 8px 0 4px; }
            h2 { font-size: 22px; margin: 40px 0 8px; padding-top: 12px; border-top: 2px solid var(--line); }
            h3 { font-size: 17px; margin: 26px 0 6px; }
            h4 { font-size: 15px; margin: 18px 0 4px; color: var(--muted); }
            p { margin: 6px 0 12px; max-width: 980px; }
            a { color: #0b5cad; text-decoration: none; } a:hover { text-decoration: underline; }
            code { font: 13px ui-monospace, "DejaVu Sans Mono", monospace; background: var(--zebra); padding: 1px 4px; border-radius: 3px; }
            nav.toc { font-size: 14px; color: var(--muted); margin: 4px 0 16px; }
            nav.toc a { margin-right: 14px; white-space: nowrap; }
            .tablewrap { overflow-x: auto; margin: 8px 0 16px; }
            table { border-collapse: collapse; font-size: 14px; font-variant-numeric: tabular-nums; }
            th, td { padding: 5px 10px; border-bottom: 1px solid var(--line); vertical-align: top; text-align: left; }
            th { background: #eef1f4; font-weight: 600; border-bottom: 2px solid #c5ccd3; white-space: nowrap; }
            td.num, th.num { text-align: right; }
            td:first-child { white-space: nowrap; }
            tbody tr:nth-child(even) td { background: var(--zebra); }
            td small, th small { color: var(--muted); font-size: 12px; }
            .eng { font-weight: 600; white-space: nowrap; }
            .eng::before { content: ""; display: inline-block; width: 10px; height: 10px; border-radius: 50%%; margin-right: 5px; vertical-align: 0; }
            .eng.david { color: var(--david); } .eng.david::before { background: var(--david); }
            .eng.dl4j { color: var(--dl4j); } .eng.dl4j::before { background: var(--dl4j); }
            .note { border-left: 4px solid #e0a100; background: #fff8e5; padding: 8px 12px; margin: 10px 0; max-width: 980px; }
            figure { margin: 8px 0 22px; }
            figure .row { display: flex; flex-wrap: wrap; gap: 12px; align-items: flex-start; }
            figure img { display: block; max-width: 100%%; height: auto; border: 1px solid #eceff2; border-radius: 4px; }
            figcaption { color: var(--muted); font-size: 13px; margin-top: 4px; max-width: 980px; }
            details { margin: 8px 0 16px; } summary { cursor: pointer; color: var(--muted); }
            pre { background: var(--zebra); padding: 10px; overflow-x: auto; font: 12px/1.4 ui-monospace, "DejaVu Sans Mono", monospace; }
            """;

    private final String davidCss;
    private final String dl4jCss;

    public HtmlRenderer(String davidCss, String dl4jCss) {
        this.davidCss = davidCss;
        this.dl4jCss = dl4jCss;
    }

    public String render(Document doc) {
        StringBuilder b = new StringBuilder(1 << 16);
        b.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(Inline.esc(doc.title())).append("</title>\n<style>\n")
                .append(String.format(Locale.ROOT, CSS, davidCss, dl4jCss)).append("</style>\n</head>\n<body>\n<main>\n")
                .append("<h1>").append(Inline.html(doc.title())).append("</h1>\n");
        StringBuilder toc = new StringBuilder();
        for (Block block : doc.blocks()) {
            if (block instanceof Block.Heading h && h.level() == 2) {
                toc.append("<a href=\"#").append(Inline.esc(h.id())).append("\">").append(Inline.html(h.text())).append("</a>");
            }
        }
        if (!toc.isEmpty()) {
            b.append("<nav class=\"toc\">").append(toc).append("</nav>\n");
        }
        for (Block block : doc.blocks()) {
            if (block instanceof Block.Heading h) {
                b.append("<h").append(h.level()).append(" id=\"").append(Inline.esc(h.id())).append("\">")
                    .append(Inline.html(h.text())).append("</h").append(h.level()).append(">\n");
            } else if (block instanceof Block.Paragraph p) {
                b.append("<p>").append(Inline.html(p.text())).append("</p>\n");
            } else if (block instanceof Block.Note n) {
                b.append("<div class=\"note\">").append(Inline.html(n.text())).append("</div>\n");
            } else if (block instanceof Block.Table t) {
                table(b, t);
            } else if (block instanceof Block.Figure f) {
                b.append("<figure><div class=\"row\">");
                for (Image i : f.images()) {
                    b.append("<img src=\"data:image/png;base64,").append(Base64.getEncoder().encodeToString(i.png()))
                            .append("\" width=\"").append(i.width()).append("\" height=\"").append(i.height())
                            .append("\" alt=\"").append(Inline.esc(i.alt())).append("\" data-file=\"").append(i.fileName())
                            .append("\">");
                }
                b.append("</div>");
                if (f.caption() != null && !f.caption().isEmpty()) {
                    b.append("<figcaption>").append(Inline.html(f.caption())).append("</figcaption>");
                }
                b.append("</figure>\n");
            } else if (block instanceof Block.Code c) {
                b.append("<details><summary>").append(Inline.esc(c.summary())).append("</summary><pre>")
                    .append(Inline.esc(c.text())).append("</pre></details>\n");
            }
        }
        b.append("</main>\n</body>\n</html>\n");
        return b.toString();
    }

    private static void table(StringBuilder b, Block.Table t) {
        b.append("<div class=\"tablewrap\"><table>\n<thead><tr>");
        for (int i = 0; i < t.header().size(); i++) {
            b.append(t.numeric()[i] ? "<th class=\"num\">" : "<th>").append(Inline.html(t.header().get(i))).append("</th>");
        }
        b.append("</tr></thead>\n<tbody>\n");
        for (var row : t.rows()) {
            b.append("<tr>");
            for (int i = 0; i < row.size(); i++) {
                b.append(t.numeric()[i] ? "<td class=\"num\">" : "<td>").append(Inline.html(row.get(i))).append("</td>");
            }
            b.append("</tr>\n");
        }
        b.append("</tbody></table></div>\n");
    }
}
