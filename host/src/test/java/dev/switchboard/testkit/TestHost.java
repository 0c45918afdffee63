package dev.switchboard.testkit;

import dev.switchboard.host.Host;
import dev.switchboard.host.config.Config;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A real host for tests: a temporary data dir (a real SQLite file), its own plugins folder holding copies of the
 * plugin jars under test ({@link #pluginsUnderTest()}), port 0 on 127.0.0.1, and an HTTP client that speaks to it.
 * Part of the test kit, the host's test-jar (see docs/writing-an-action-plugin.md, "Testing your plugin").
 */
public final class TestHost implements AutoCloseable {
    /** The admin token every test host accepts. */
    public static final String ADMIN_TOKEN = "test-admin-token-0123456789";

    /** The system property naming the folder of {@link #pluginsUnderTest()}. */
    public static final String PLUGINS_PROPERTY = "switchboard.test.plugins";

    private final Host host;
    private final Path dir;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private TestHost(Host host, Path dir) {
        this.host = host;
        this.dir = dir;
    }

    /** Starts a host with the plugins under test and default settings. */
    public static TestHost start() {
        return start(Map.of());
    }

    /** Starts a host; {@code env} adds or overrides SWITCHBOARD_* variables. */
    public static TestHost start(Map<String, String> env) {
        try {
            Path dir = Files.createTempDirectory("switchboard-test");
            Path plugins = dir.resolve("plugins");
            Files.createDirectories(plugins);
            copyJars(pluginsUnderTest(), plugins);
            return start(dir, env);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts a host on an existing directory (data in {@code dir/data}, plugins in {@code dir/plugins}). */
    public static TestHost start(Path dir, Map<String, String> env) {
        return start(dir, env, Clock.systemUTC());
    }

    /** As {@link #start(Path, Map)}, with the host reading the time from {@code clock} (due times, expiry). */
    public static TestHost start(Path dir, Map<String, String> env, Clock clock) {
        Map<String, String> all = new HashMap<>();
        all.put("SWITCHBOARD_PORT", "0");
        all.put("SWITCHBOARD_BIND_ADDRESS", "127.0.0.1");
        all.put("SWITCHBOARD_DATA_DIR", dir.resolve("data").toString());
        all.put("SWITCHBOARD_PLUGINS_DIR", dir.resolve("plugins").toString());
        all.put("SWITCHBOARD_ADMIN_TOKEN", ADMIN_TOKEN);
        if (TestPostgres.selected()) {
            all.put("SWITCHBOARD_DB_URL", TestPostgres.databaseFor(dir));
        }
        all.putAll(env);
        Config config = Config.load(all, null, dir.resolve("plugins"));
        return new TestHost(Host.start(config, clock), dir);
    }

    /**
     * The folder of plugin jars every test host starts with: system property {@value #PLUGINS_PROPERTY}, which a
     * plugin's build points at the folder its {@code package} phase copied the plugin's jar (and the jars it needs)
     * to. Without the property, an empty folder: a host with no plugins.
     */
    public static Path pluginsUnderTest() {
        String dir = System.getProperty(PLUGINS_PROPERTY);
        if (dir == null) {
            return NoPlugins.DIR;
        }
        Path path = Path.of(dir);
        if (!Files.isDirectory(path)) {
            throw new IllegalStateException("system property " + PLUGINS_PROPERTY + " names no folder: " + dir
                    + " (do the tests run before package?)");
        }
        return path;
    }

    /** An empty plugins folder, made once per test JVM. */
    private static final class NoPlugins {
        static final Path DIR = emptyDir();

        private static Path emptyDir() {
            try {
                return Files.createTempDirectory("switchboard-no-plugins");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Copies every jar of {@code from} into {@code to}. */
    public static void copyJars(Path from, Path to) throws IOException {
        try (Stream<Path> jars = Files.list(from)) {
            for (Path jar : jars.filter(p -> p.toString().endsWith(".jar")).toList()) {
                Files.copy(jar, to.resolve(jar.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    public Host host() {
        return host;
    }

    /** The test's temporary directory. */
    public Path dir() {
        return dir;
    }

    /** {@code http://127.0.0.1:<port>}. */
    public String url() {
        return "http://127.0.0.1:" + host.port();
    }

    /**
     * A config file for CLI commands on this host's data (data dir, plugins dir, and the database when the suite runs
     * on PostgreSQL), as an admin would pass with {@code -c}.
     */
    public Path cliConfig() {
        try {
            Path file = dir.resolve("cli.properties");
            String text = "data_dir=" + slashes(dir.resolve("data")) + "\nplugins_dir=" + slashes(dir.resolve("plugins"))
                    + "\n" + (TestPostgres.selected() ? "db.url=" + TestPostgres.databaseFor(dir) + "\n" : "");
            Files.writeString(file, text);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String slashes(Path p) {
        return p.toString().replace('\\', '/');
    }

    /** Sends a request as an admin (bearer token). */
    public HttpResponse<String> admin(String method, String path, String jsonBody) {
        return send(request(method, path, jsonBody).header("Authorization", "Bearer " + ADMIN_TOKEN));
    }

    /** Sends a request with no credentials. */
    public HttpResponse<String> anonymous(String method, String path, String jsonBody) {
        return send(request(method, path, jsonBody));
    }

    /** A request builder for this host; add headers and pass it to {@link #send}. */
    public HttpRequest.Builder request(String method, String path, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url() + path)).timeout(Duration.ofSeconds(30));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        return b.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body));
    }

    /** Sends a request and returns the response with its body as text. */
    public HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        host.close();
    }
}
