package dev.switchboard.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A Switchboard process of its own ({@code serve} or {@code worker}) started from the test classpath with the
 * bundled plugins, for multi-process tests and benchmarks; its output goes to {@code <data dir>/out.log}.
 */
public final class ClusterNode implements AutoCloseable {
    /** The key every node shares for stored webhook secrets. */
    public static final String SECRET_KEY = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private final String name;
    private final Process process;
    private final int port;

    private ClusterNode(String name, Process process, int port) {
        this.name = name;
        this.process = process;
        this.port = port;
    }

    /**
     * Starts a process.
     *
     * @param command {@code serve} or {@code worker}
     * @param dbUrl   the shared PostgreSQL, or null for SQLite in {@code dataDir}
     * @param workers whether it runs delivery workers
     * @param env     extra SWITCHBOARD_* settings
     */
    public static ClusterNode start(String name, String command, Path dataDir, String dbUrl, boolean workers,
                                    Map<String, String> env) throws IOException {
        Files.createDirectories(dataDir);
        int port = freePort();
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"), "dev.switchboard.host.Main", command)
                .redirectErrorStream(true).redirectOutput(dataDir.resolve("out.log").toFile());
        Map<String, String> all = pb.environment();
        all.keySet().removeIf(k -> k.startsWith("SWITCHBOARD_"));
        Map<String, String> settings = new HashMap<>();
        if (dbUrl != null) {
            settings.put("SWITCHBOARD_DB_URL", dbUrl);
        }
        settings.put("SWITCHBOARD_DATA_DIR", dataDir.toString());
        settings.put("SWITCHBOARD_PLUGINS_DIR", TestHost.pluginsUnderTest().toAbsolutePath().toString());
        settings.put("SWITCHBOARD_PORT", Integer.toString(port));
        settings.put("SWITCHBOARD_BIND_ADDRESS", "127.0.0.1");
        settings.put("SWITCHBOARD_ADMIN_TOKEN", TestHost.ADMIN_TOKEN);
        settings.put("SWITCHBOARD_OUTBOUND_ALLOWLIST", "127.0.0.1");
        settings.put("SWITCHBOARD_SECRET_KEY", SECRET_KEY);
        settings.put("SWITCHBOARD_WORKERS_ENABLED", Boolean.toString(workers));
        settings.putAll(env);
        all.putAll(settings);
        return new ClusterNode(name, pb.start(), port);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    public String name() {
        return name;
    }

    public Process process() {
        return process;
    }

    /** {@code http://127.0.0.1:<port>} (serve nodes). */
    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /** Waits until {@code /health} answers (bounded), failing if the process exits first. */
    public ClusterNode awaitHealthy() {
        await("node " + name + " healthy").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                .failFast("node " + name + " exited; see its out.log", () -> !process.isAlive())
                .ignoreExceptionsInstanceOf(IOException.class).untilAsserted(() -> {
                    HttpResponse<String> r = CLIENT.send(HttpRequest.newBuilder(URI.create(url() + "/health"))
                            .build(), HttpResponse.BodyHandlers.ofString());
                    assertThat(r.statusCode()).as("/health: " + r.body()).isEqualTo(200);
                });
        return this;
    }

    /** Sends an admin request and checks its status; returns the body. */
    public String admin(String method, String path, String body, int expected) throws IOException, InterruptedException {
        HttpResponse<String> r = CLIENT.send(HttpRequest.newBuilder(URI.create(url() + path))
                .header("Authorization", "Bearer " + TestHost.ADMIN_TOKEN).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body == null ? "" : body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(method + " " + path + " on " + name + ": " + r.body()).isEqualTo(expected);
        return r.body();
    }

    /** SIGKILL. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }

    /** SIGTERM, then SIGKILL after 15 s. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(15, TimeUnit.SECONDS)) {
            kill();
        }
    }
}
