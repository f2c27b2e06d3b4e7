package dev.dvg.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens report.html in a real browser (headless Chromium over the DevTools Protocol) and checks that
 * every chart rendered and the console stayed clean. Without Chromium the test is skipped, unless
 * CI=true: CI installs it ({@code apt-get install -y chromium chromium-driver}), so there it fails.
 */
class ReportBrowserTest {
    /** For each img: decoded size; for each inline svg: its bounding box. */
    static final String CHECK = """
            (async () => {
              const imgs = [...document.images];
              await Promise.all(imgs.map(i => i.decode().catch(() => null)));
              const out = {
                images: imgs.map(i => ({file: i.dataset.file || i.alt, natural: i.naturalWidth, naturalH: i.naturalHeight,
                                         width: +i.getAttribute('width'), shown: i.getBoundingClientRect().width})),
                svgs: [...document.querySelectorAll('svg')].map(s => { const b = s.getBBox(); return {w: b.width, h: b.height}; }),
                external: [...document.querySelectorAll('[src],[href]')].map(e => e.getAttribute('src') || e.getAttribute('href'))
                          .filter(u => /^(https?:)?\\/\\//.test(u)),
                title: document.title
              };
              return JSON.stringify(out);
            })()
            """;

    @TempDir
    static Path tmp;
    static HeadlessChromium browser;

    @BeforeAll
    static void start() throws Exception {
        Optional<Path> exe = HeadlessChromium.find();
        if (exe.isEmpty()) {
            String why = "headless Chromium not found (install: apt-get install -y chromium chromium-driver, or set DVG_CHROMIUM)";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail(why + "; CI=true, so the browser check must run");
            }
            Assumptions.abort(why + "; skipping the browser check");
        }
        browser = new HeadlessChromium(exe.get());
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
    }

    static JsonNode check(Path html) throws Exception {
        browser.clearEvents();
        browser.open(html.toUri());
        return new ObjectMapper().readTree(browser.evaluate(CHECK).asText());
    }

    @Test
    void everyChartOfTheSuiteAndSweepReportsRendersWithoutConsoleErrors() throws Exception {
        Path suite = tmp.resolve("dvg/20261122-031500-d4e5");
        Fixtures.suite(suite, 120, false);
        Path sweep = tmp.resolve("sweep");
        Fixtures.sweep(sweep);
        for (Path dir : List.of(suite, sweep)) {
            ReportResult r = Reports.write(dir, tmp.resolve("out-" + dir.getFileName()));
            JsonNode res = check(r.html());
            assertEquals(r.title(), res.get("title").asText());
            assertEquals(r.images().size(), res.get("images").size(), "one <img> per chart");
            List<String> broken = new ArrayList<>();
            for (JsonNode i : res.get("images")) {
                if (i.get("natural").asInt() <= 0 || i.get("naturalH").asInt() <= 0 || i.get("shown").asDouble() <= 0
                        || i.get("natural").asInt() != 2 * i.get("width").asInt()) {
                    broken.add(i.toString());
                }
            }
            assertTrue(broken.isEmpty(), "charts that did not render (natural size 0 or not 2× the layout size): " + broken);
            for (JsonNode s : res.get("svgs")) {
                assertTrue(s.get("w").asDouble() > 0 && s.get("h").asDouble() > 0, "inline svg with empty box: " + s);
            }
            assertEquals(0, res.get("external").size(), "network references: " + res.get("external"));
            assertEquals(List.of(), browser.errors(), "console errors in " + r.html());
        }
    }

    @Test
    void theCheckSeesABrokenImageAndAConsoleError() throws Exception {
        Path html = tmp.resolve("broken.html");
        Files.writeString(html, "<!DOCTYPE html><html><head><title>broken</title></head><body>"
                + "<img alt=\"x\" data-file=\"bad.png\" width=\"10\" src=\"data:image/png;base64,AAAA\">"
                + "<script>console.error('boom')</script></body></html>");
        JsonNode res = check(html);
        assertEquals(0, res.get("images").get(0).get("natural").asInt(), "broken image has no natural width");
        assertFalse(browser.errors().isEmpty(), "console.error was collected");
    }
}
