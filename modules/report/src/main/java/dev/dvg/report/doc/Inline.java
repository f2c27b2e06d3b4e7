package dev.dvg.report.doc;

import dev.dvg.report.Engine;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The inline markup of report text, rendered to Markdown (GitHub) or HTML:
 * {@code **bold**}, {@code `code`}, {@code [text](href)}, {@code ~small~}, newline = line break,
 * {@code {david}}/{@code {dl4j}} = the engine's name (coloured in HTML).
 */
public final class Inline {
    private static final Pattern TOKEN = Pattern.compile(
            "\\*\\*(.+?)\\*\\*|`([^`]+)`|\\[([^\\]]+)]\\(([^)\\s]+)\\)|~([^~]+)~|\\{(david|dl4j)}|\\n");

    private Inline() {
    }

    public static String markdown(String text) {
        return render(text, false);
    }

    public static String html(String text) {
        return render(text, true);
    }

    private static String render(String text, boolean html) {
        StringBuilder out = new StringBuilder();
        Matcher m = TOKEN.matcher(text);
        int last = 0;
        while (m.find()) {
            out.append(plain(text.substring(last, m.start()), html));
            if (m.group(1) != null) {
                out.append(html ? "<strong>" + render(m.group(1), true) + "</strong>" : "**" + m.group(1) + "**");
            } else if (m.group(2) != null) {
                out.append(html ? "<code>" + esc(m.group(2)) + "</code>" : "`" + m.group(2) + "`");
            } else if (m.group(3) != null) {
                out.append(html ? "<a href=\"" + esc(m.group(4)) + "\">" + render(m.group(3), true) + "</a>"
                        : "[" + render(m.group(3), false) + "](" + m.group(4) + ")");
            } else if (m.group(5) != null) {
                out.append(html ? "<small>" + render(m.group(5), true) + "</small>" : "<sub>" + render(m.group(5), false) + "</sub>");
            } else if (m.group(6) != null) {
                Engine e = Engine.fromKey(m.group(6));
                out.append(html ? "<span class=\"eng " + e.key() + "\">" + e.label() + "</span>" : e.label());
            } else {
                out.append("<br>");
            }
            last = m.end();
        }
        out.append(plain(text.substring(last), html));
        return out.toString();
    }

    private static String plain(String s, boolean html) {
        if (html) {
            return esc(s);
        }
        // Markdown tables: a bare '|' would split the cell.
        return s.replace("|", "\\|");
    }

    /** HTML escaping of text and attribute values. */
    public static String esc(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
