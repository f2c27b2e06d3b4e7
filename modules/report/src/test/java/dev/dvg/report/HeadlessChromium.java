package dev.dvg.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A dependency-free driver for headless Chromium over the Chrome DevTools Protocol: starts the
 * browser with {@code --remote-debugging-port=0}, reads the port from DevToolsActivePort, talks to the
 * first page over java.net.http's WebSocket, and collects console errors and uncaught exceptions.
 * Every wait is bounded; {@link #close()} always kills the process and removes the profile.
 */
final class HeadlessChromium implements AutoCloseable {
    static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    static final Duration CALL_TIMEOUT = Duration.ofSeconds(60);
    private static final ObjectMapper M = new ObjectMapper();

    private final Process process;
    private final Path profile;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final List<JsonNode> events = new CopyOnWriteArrayList<>();
    private final List<CompletableFuture<JsonNode>> eventWaiters = new CopyOnWriteArrayList<>();
    private volatile String awaitedEvent;

    /** The Chromium executable: env DVG_CHROMIUM, else chromium / chromium-browser / google-chrome on PATH. */
    static Optional<Path> find() {
        String env = System.getenv("DVG_CHROMIUM");
        if (env != null && !env.isBlank()) {
            return Optional.of(Path.of(env)).filter(Files::isExecutable);
        }
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        for (String name : List.of("chromium", "chromium-browser", "google-chrome")) {
            for (String dir : path.split(File.pathSeparator)) {
                Path p = Path.of(dir, name);
                if (Files.isExecutable(p)) {
                    return Optional.of(p);
                }
            }
        }
        return Optional.empty();
    }

    HeadlessChromium(Path executable) throws IOException, InterruptedException {
        profile = Files.createTempDirectory("dvg-chromium-");
        process = new ProcessBuilder(executable.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-default-apps", "--disable-extensions", "--mute-audio", "--window-size=1300,1000",
                "--user-data-dir=" + profile, "--remote-debugging-port=0", "about:blank")
                .redirectErrorStream(true).redirectOutput(profile.resolve("chromium.log").toFile()).start();
        WebSocket ws = null;
        try {
            int port = waitForPort();
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
            String pageWs = null;
            long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
            while (pageWs == null) {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/list"))
                        .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
                for (JsonNode t : M.readTree(r.body())) {
                    if ("page".equals(t.path("type").asText()) && t.hasNonNull("webSocketDebuggerUrl")) {
                        pageWs = t.get("webSocketDebuggerUrl").asText();
                        break;
                    }
                }
                if (pageWs == null) {
                    if (System.nanoTime() > deadline) {
                        throw new IOException("chromium has no page target after " + START_TIMEOUT);
                    }
                    Thread.sleep(100);
                }
            }
            ws = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
                    .buildAsync(URI.create(pageWs), new Listener()).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            kill();
            throw e instanceof IOException io ? io : new IOException("cannot connect to chromium: " + e + "\n" + log(), e);
        }
        socket = ws;
    }

    private int waitForPort() throws IOException, InterruptedException {
        Path file = profile.resolve("DevToolsActivePort");
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("chromium exited with " + process.exitValue() + ":\n" + log());
            }
            if (Files.isRegularFile(file)) {
                List<String> lines = Files.readAllLines(file);
                if (!lines.isEmpty() && !lines.get(0).isBlank()) {
                    return Integer.parseInt(lines.get(0).trim());
                }
            }
            Thread.sleep(50);
        }
        throw new IOException("chromium wrote no DevToolsActivePort within " + START_TIMEOUT + ":\n" + log());
    }

    String log() {
        try {
            return Files.readString(profile.resolve("chromium.log"));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    /** Sends a CDP command and waits for its result. */
    JsonNode call(String method, ObjectNode params) throws Exception {
        int id = ids.incrementAndGet();
        CompletableFuture<JsonNode> f = new CompletableFuture<>();
        pending.put(id, f);
        ObjectNode msg = M.createObjectNode().put("id", id).put("method", method);
        msg.set("params", params == null ? M.createObjectNode() : params);
        socket.sendText(M.writeValueAsString(msg), true).get(10, TimeUnit.SECONDS);
        JsonNode r = f.get(CALL_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        if (r.has("error")) {
            throw new IOException(method + " failed: " + r.get("error"));
        }
        return r.path("result");
    }

    /** Enables the domains that report errors, navigates, and waits for the load event. */
    void open(URI url) throws Exception {
        call("Runtime.enable", null);
        call("Log.enable", null);
        call("Page.enable", null);
        CompletableFuture<JsonNode> loaded = new CompletableFuture<>();
        awaitedEvent = "Page.loadEventFired";
        eventWaiters.add(loaded);
        JsonNode nav = call("Page.navigate", M.createObjectNode().put("url", url.toString()));
        if (nav.hasNonNull("errorText")) {
            throw new IOException("navigation to " + url + " failed: " + nav.get("errorText").asText());
        }
        loaded.get(CALL_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    /** Evaluates an expression (awaiting a promise) and returns its JSON value. */
    JsonNode evaluate(String expression) throws Exception {
        JsonNode r = call("Runtime.evaluate", M.createObjectNode().put("expression", expression).put("awaitPromise", true)
                .put("returnByValue", true));
        if (r.has("exceptionDetails")) {
            throw new IOException("evaluation threw: " + r.get("exceptionDetails"));
        }
        return r.path("result").path("value");
    }

    /** Console errors, uncaught exceptions and error log entries seen so far, one line each. */
    List<String> errors() {
        List<String> out = new ArrayList<>();
        for (JsonNode e : events) {
            String m = e.path("method").asText();
            JsonNode p = e.path("params");
            if (m.equals("Runtime.consoleAPICalled") && (p.path("type").asText().equals("error") || p.path("type").asText().equals("assert"))) {
                out.add("console." + p.path("type").asText() + ": " + p.path("args"));
            } else if (m.equals("Runtime.exceptionThrown")) {
                out.add("exception: " + p.path("exceptionDetails"));
            } else if (m.equals("Log.entryAdded") && p.path("entry").path("level").asText().equals("error")) {
                out.add("log: " + p.path("entry").path("text").asText() + " " + p.path("entry").path("url").asText());
            }
        }
        return out;
    }

    void clearEvents() {
        events.clear();
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder buf = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            buf.append(data);
            if (last) {
                String text = buf.toString();
                buf.setLength(0);
                try {
                    JsonNode msg = M.readTree(text);
                    if (msg.has("id")) {
                        CompletableFuture<JsonNode> f = pending.remove(msg.get("id").asInt());
                        if (f != null) {
                            f.complete(msg);
                        }
                    } else {
                        events.add(msg);
                        if (msg.path("method").asText().equals(awaitedEvent)) {
                            eventWaiters.forEach(w -> w.complete(msg));
                            eventWaiters.clear();
                        }
                    }
                } catch (IOException e) {
                    events.add(M.createObjectNode().put("method", "driver.badMessage").put("text", text));
                }
            }
            ws.request(1);
            return null;
        }
    }

    private void kill() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> s = Files.walk(profile)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a leftover temp profile is harmless
        }
    }

    @Override
    public void close() {
        try {
            if (socket != null) {
                socket.abort();
            }
        } finally {
            kill();
        }
    }
}
