package dev.switchboard.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.host.json.HostJson;
import dev.switchboard.testkit.TestHost;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.awaitility.core.ConditionTimeoutException;

/**
 * What every sample test needs: a real host with the bundled plugins and the sample-behaviors jar (built as a third
 * party builds it) enabled, a shipped sample package imported through the API with its prompts, real HTTP calls to
 * the listener it creates, an independent HMAC, and the tickets as the API shows them.
 */
public final class Samples {
    static final HostJson JSON = new HostJson();
    /** Where the shipped packages live (tests run in sample-behaviors/). */
    static final Path PACKAGES = Path.of("src", "main", "resources", "packages");
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Samples() {
    }

    /**
     * The folder holding the sample-behaviors jar as this module's build made it (system property
     * {@code switchboard.test.samplePlugins}), to drop into a host's plugins folder as an admin would.
     */
    public static Path jarDir() {
        String dir = System.getProperty("switchboard.test.samplePlugins");
        if (dir == null || !Files.isDirectory(Path.of(dir))) {
            throw new IllegalStateException("system property switchboard.test.samplePlugins names no folder: " + dir);
        }
        return Path.of(dir);
    }

    /** A host whose plugins folder holds the plugins under test (webhooks) and the sample-behaviors jar, enabled. */
    static TestHost host(Map<String, String> env) {
        try {
            Path dir = Files.createTempDirectory("switchboard-sample");
            Path plugins = dir.resolve("plugins");
            Files.createDirectories(plugins);
            TestHost.copyJars(TestHost.pluginsUnderTest(), plugins);
            TestHost.copyJars(Samples.jarDir(), plugins);
            TestHost host = TestHost.start(dir, env);
            HttpResponse<String> enabled = host.admin("POST", "/api/plugins/sample-behaviors/enable", null);
            assertThat(enabled.statusCode()).as(enabled.body()).isEqualTo(200);
            return host;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static TestHost host() {
        return host(Map.of());
    }

    /** The text of a shipped sample package. */
    static String samplePackage(String file) {
        try {
            return Files.readString(PACKAGES.resolve(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A test fixture from host/src/test/resources/samples, byte for byte. */
    static String fixture(String name) {
        try (InputStream in = Samples.class.getResourceAsStream("/samples/" + name)) {
            assertThat(in).as("fixture %s", name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Imports a shipped package over the API with its prompt answers; returns the listener it created. */
    static Map<String, Object> importWithListener(TestHost host, String file, Map<String, String> prompts) {
        String query = prompts.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpResponse<String> imported = host.admin("POST", "/api/packages/import?" + query, samplePackage(file));
        assertThat(imported.statusCode()).as(imported.body()).isEqualTo(201);
        return listener(host, map(imported.body()));
    }

    /** The webhook listener among an import's records, as the listeners API shows it. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> listener(TestHost host, Map<String, Object> imported) {
        Object id = ((List<Map<String, Object>>) imported.get("records")).stream()
                .filter(r -> "webhook_listener".equals(r.get("_context"))).findFirst().orElseThrow().get("id");
        HttpResponse<String> r = host.admin("GET", "/api/webhooks/listeners/" + id, null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return map(r.body());
    }

    /** POSTs to a listener over real HTTP as the provider would; {@code headers} are name, value pairs. */
    static HttpResponse<String> post(TestHost host, Map<String, Object> listener, String body, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(host.url() + "/webhooks/" + listener.get("guid")))
                .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (headers.length > 0) {
            b.headers(headers);
        }
        try {
            return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** HMAC of the UTF-8 message, computed here independently of the host. */
    static byte[] hmac(String algorithm, String key, String message) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), algorithm));
            return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static String hmacSha256Hex(String key, String message) {
        return HexFormat.of().formatHex(hmac("HmacSHA256", key, message));
    }

    /** The listener's latest request-log rows (trace and errors), to explain a failing assertion. */
    static String requestLog(TestHost host, Map<String, Object> listener) {
        StringBuilder out = new StringBuilder();
        List<?> rows;
        try {
            rows = await("a request logged").atMost(Duration.ofSeconds(5)).until(() -> (List<?>) map(host.admin("GET",
                    "/api/webhooks/listeners/" + listener.get("id") + "/requests?limit=1", null).body()).get("requests"),
                    r -> !r.isEmpty());
        } catch (ConditionTimeoutException none) {
            return "no request logged: " + none.getMessage();
        }
        for (Object row : rows) {
            Map<String, Object> full = map(host.admin("GET", "/api/webhooks/listeners/" + listener.get("id")
                    + "/requests/" + ((Map<?, ?>) row).get("id"), null).body());
            out.append(full.get("trace_text")).append("\nerror: ").append(full.get("error"));
        }
        return out.toString();
    }

    /** Every ticket, newest first, as {@code GET /api/tickets} answers. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> tickets(TestHost host) {
        HttpResponse<String> r = host.admin("GET", "/api/tickets", null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return (List<Map<String, Object>>) map(r.body()).get("tickets");
    }

    /** The Content-Type as the behavior wrote it (Jetty writes known types as "a;charset=x"). */
    static String mediaType(HttpResponse<String> r) {
        return r.headers().firstValue("Content-Type").orElse("").replaceAll(";\\s*", "; ");
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(String json) {
        return (Map<String, Object>) JSON.parse(json);
    }
}
