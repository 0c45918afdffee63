package dev.switchboard.host.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.switchboard.api.Header;
import dev.switchboard.api.OutboundException;
import dev.switchboard.api.OutboundRequest;
import dev.switchboard.api.OutboundResponse;
import dev.switchboard.host.config.Config;
import dev.switchboard.host.config.ConfigException;
import dev.switchboard.host.metrics.HostMetrics;
import dev.switchboard.testkit.TestHost;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The guarded client against a real server on 127.0.0.1: the SSRF deny list (by literal, name, alternate
 * encodings and redirect), the exact allowlist, no redirects, the response cap, timeouts, connection reuse, the
 * User-Agent and config validation.
 */
class TestGuardedHttpClient {
    private HttpServer server;
    /** The client's port of every request: the same port twice means the same pooled connection. */
    private final List<Integer> clientPorts = new CopyOnWriteArrayList<>();
    private final List<String> userAgents = new CopyOnWriteArrayList<>();
    private final HostMetrics metrics = new HostMetrics();

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            clientPorts.add(exchange.getRemoteAddress().getPort());
            userAgents.add(exchange.getRequestHeaders().getFirst("User-Agent"));
            String path = exchange.getRequestURI().getPath();
            exchange.getRequestBody().readAllBytes();
            byte[] body = "{\"ok\": true}".getBytes(StandardCharsets.UTF_8);
            int status = 200;
            if (path.equals("/redirect")) {
                exchange.getResponseHeaders().add("Location", "http://127.0.0.1:" + port() + "/target");
                status = 302;
                body = new byte[0];
            } else if (path.equals("/big")) {
                body = "x".repeat(5000).getBytes(StandardCharsets.UTF_8);
            } else if (path.equals("/slow")) {
                try {
                    Thread.sleep(3000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
        metrics.close();
    }

    private int port() {
        return server.getAddress().getPort();
    }

    private GuardedHttpClient client(Map<String, String> env) {
        return GuardedHttpClient.start(Config.load(env, null, Path.of("plugins")), metrics, "9.9.9");
    }

    private static OutboundRequest get(String url) {
        return new OutboundRequest("GET", url, List.of(), null, Duration.ofSeconds(5));
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "localhost", "[::1]", "2130706433", "[::ffff:127.0.0.1]", "127.1.2.3"})
    void loopbackInEveryFormIsRefusedAndNothingArrives(String host) {
        try (GuardedHttpClient client = client(Map.of())) {
            assertThatThrownBy(() -> client.send(get("http://" + host + ":" + port() + "/")))
                    .isInstanceOfSatisfying(OutboundException.class, e -> {
                        assertThat(e.kind()).as(e.getMessage()).isIn(OutboundException.Kind.BLOCKED,
                                OutboundException.Kind.DNS);
                        if (e.kind() == OutboundException.Kind.BLOCKED) {
                            assertThat(e.getMessage()).contains("denied range").contains("outbound.allowlist");
                        }
                    });
        }
        assertThat(clientPorts).isEmpty();
    }

    @Test
    void aNameResolvingToLoopbackIsRefusedNamingTheRule() {
        try (GuardedHttpClient client = client(Map.of())) {
            assertThatThrownBy(() -> client.send(get("http://localhost:" + port() + "/")))
                    .isInstanceOfSatisfying(OutboundException.class, e -> {
                        assertThat(e.kind()).isEqualTo(OutboundException.Kind.BLOCKED);
                        assertThat(e.getMessage()).contains("localhost").contains("127.0.0.0/8");
                    });
        }
        assertThat(clientPorts).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"169.254.169.254", "10.1.2.3", "192.168.0.1", "172.16.5.5", "100.64.0.1", "0.0.0.0",
        "[fd00::1]", "[fe80::1]", "224.0.0.1", "198.18.0.1", "[64:ff9b::7f00:1]", "[2002:7f00:1::]"})
    void privateMetadataAndReservedAddressesAreRefused(String host) {
        try (GuardedHttpClient client = client(Map.of("SWITCHBOARD_OUTBOUND_ALLOWLIST", "127.0.0.1"))) {
            assertThatThrownBy(() -> client.send(get("http://" + host + "/latest/meta-data/")))
                    .isInstanceOfSatisfying(OutboundException.class,
                            e -> assertThat(e.kind()).as(e.getMessage()).isEqualTo(OutboundException.Kind.BLOCKED));
        }
    }

    @Test
    void theAllowlistIsExactAboutPorts() {
        try (GuardedHttpClient client = client(Map.of("SWITCHBOARD_OUTBOUND_ALLOWLIST", "127.0.0.1:" + (port() + 1)))) {
            assertThatThrownBy(() -> client.send(get("http://127.0.0.1:" + port() + "/")))
                    .isInstanceOfSatisfying(OutboundException.class,
                            e -> assertThat(e.kind()).isEqualTo(OutboundException.Kind.BLOCKED));
        }
        try (GuardedHttpClient client = client(Map.of("SWITCHBOARD_OUTBOUND_ALLOWLIST", "127.0.0.1:" + port()))) {
            assertThat(client.send(get("http://127.0.0.1:" + port() + "/")).status()).isEqualTo(200);
        }
        assertThat(clientPorts).hasSize(1);
    }

    @Test
    void redirectsAreReturnedNotFollowed() {
        try (GuardedHttpClient client = client(Map.of("SWITCHBOARD_OUTBOUND_ALLOWLIST", "127.0.0.0/8"))) {
            OutboundResponse r = client.send(get("http://127.0.0.1:" + port() + "/redirect"));
            assertThat(r.status()).isEqualTo(302);
            assertThat(r.header("location")).endsWith("/target");
        }
        assertThat(clientPorts).hasSize(1);
    }

    @Test
    void aBodyOverTheCapIsCutAndFlagged() {
        try (GuardedHttpClient client = client(Map.of("SWITCHBOARD_OUTBOUND_ALLOWLIST", "127.0.0.1",
                "SWITCHBOARD_OUTBOUND_MAX_RESPONSE_BYTES", "1024"))) {
            OutboundResponse r = client.send(get("http://127.0.0.1:" + port() + "/big"));
            assertThat(r.truncated()).isTrue();
            assertThat(r.body()).hasSize(1024);
            OutboundResponse small = client.send(get("http://127.0.0.1:" + port() + "/"));
            assertThat(small.truncated()).isFalse();
            assertThat(new String(small.body(), StandardCharsets.UTF_8)).isEqualTo("{\"ok\": true}");
        }
    }

    @Test
    void aSlowAnswerEndsAtTheTimeout() {
        try (GuardedHttpClient client = client(Map.of("SWITCHBOARD_OUTBOUND_ALLOWLIST", "127.0.0.1"))) {
            assertThatThrownBy(() -> client.send(new OutboundRequest("GET", "http://127.0.0.1:" + port() + "/slow",
                    List.of(), null, Duration.ofMillis(300))))
                    .isInstanceOfSatisfying(OutboundException.class, e -> {
                        assertThat(e.kind()).isEqualTo(OutboundException.Kind.TIMEOUT);
                        assertThat(e.getMessage()).contains("300 ms");
                    });
        }
    }

    @Test
    void theConfiguredCapLimitsALongerRequestedTimeout() {
        try (GuardedHttpClient client = client(Map.of("SWITCHBOARD_OUTBOUND_ALLOWLIST", "127.0.0.1",
                "SWITCHBOARD_OUTBOUND_MAX_TIMEOUT_MS", "400"))) {
            assertThatThrownBy(() -> client.send(new OutboundRequest("GET", "http://127.0.0.1:" + port() + "/slow",
                    List.of(), null, Duration.ofMinutes(5))))
                    .isInstanceOfSatisfying(OutboundException.class,
                            e -> assertThat(e.getMessage()).contains("400 ms"));
        }
    }

    @Test
    void twoRequestsShareOnePooledConnectionAndCarryTheUserAgent() {
        try (GuardedHttpClient client = client(Map.of("SWITCHBOARD_OUTBOUND_ALLOWLIST", "127.0.0.1"))) {
            client.send(get("http://127.0.0.1:" + port() + "/a"));
            client.send(new OutboundRequest("POST", "http://127.0.0.1:" + port() + "/b",
                    List.of(new Header("Content-Type", "application/json")),
                    "{}".getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(5)));
        }
        assertThat(clientPorts).hasSize(2);
        assertThat(clientPorts.get(1)).isEqualTo(clientPorts.get(0));
        assertThat(userAgents).containsOnly("Switchboard/9.9.9");
        assertThat(metrics.scrape()).contains("outbound_requests_total");
    }

    @Test
    void refusedConnectionsAndBadUrlsSayWhy() throws IOException {
        int closed;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        try (GuardedHttpClient client = client(Map.of("SWITCHBOARD_OUTBOUND_ALLOWLIST", "127.0.0.1"))) {
            assertThatThrownBy(() -> client.send(get("http://127.0.0.1:" + closed + "/")))
                    .isInstanceOfSatisfying(OutboundException.class,
                            e -> assertThat(e.kind()).isEqualTo(OutboundException.Kind.CONNECT));
            assertThatThrownBy(() -> client.send(get("ftp://127.0.0.1/")))
                    .isInstanceOfSatisfying(OutboundException.class, e -> {
                        assertThat(e.kind()).isEqualTo(OutboundException.Kind.INVALID_URL);
                        assertThat(e.getMessage()).contains("only http and https");
                    });
            assertThatThrownBy(() -> client.send(get("http://no-such-host.invalid/")))
                    .isInstanceOfSatisfying(OutboundException.class,
                            e -> assertThat(e.kind()).isEqualTo(OutboundException.Kind.DNS));
        }
    }

    @Test
    void badOutboundConfigStopsStartNamingTheKey() {
        assertThatThrownBy(() -> client(Map.of("SWITCHBOARD_OUTBOUND_ALLOWLIST", "127.0.0.1,example.com")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("outbound.allowlist")
                .hasMessageContaining("example.com");
        assertThatThrownBy(() -> client(Map.of("SWITCHBOARD_OUTBOUND_MAX_TIMEOUT_MS", "soon")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("outbound.max_timeout_ms");
        assertThatThrownBy(() -> client(Map.of("SWITCHBOARD_OUTBOUND_ALLOW_PRIVATE", "maybe")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("outbound.allow_private");
    }

    @Test
    void theHostRefusesToStartWithABadOutboundKey() {
        assertThatThrownBy(() -> TestHost.start(Map.of("SWITCHBOARD_OUTBOUND_MAX_RESPONSE_BYTES", "huge")))
                .hasMessageContaining("outbound.max_response_bytes")
                .hasMessageContaining("SWITCHBOARD_OUTBOUND_MAX_RESPONSE_BYTES");
    }

    @Test
    void aSendBeforeTheClientHasStartedWaitsForItsStartAndOneAfterCloseFails() throws Exception {
        Config config = Config.load(Map.of("SWITCHBOARD_OUTBOUND_ALLOWLIST", "127.0.0.1"), null, Path.of("plugins"));
        GuardedHttpClient client = GuardedHttpClient.create(config, metrics, "9.9.9");
        CompletableFuture<OutboundResponse> early = CompletableFuture.supplyAsync(
                () -> client.send(get("http://127.0.0.1:" + port() + "/early")));
        Thread.sleep(200); // the send is waiting: it has not reached the server
        assertThat(early).isNotDone();
        assertThat(clientPorts).isEmpty();

        client.startInBackground();
        assertThat(early.get(10, TimeUnit.SECONDS).status()).isEqualTo(200);
        client.close();
        assertThatThrownBy(() -> client.send(get("http://127.0.0.1:" + port() + "/late")))
                .isInstanceOf(OutboundException.class);

        GuardedHttpClient neverStarted = GuardedHttpClient.create(config, metrics, "9.9.9");
        neverStarted.close();
        assertThatThrownBy(() -> neverStarted.send(get("http://127.0.0.1:" + port() + "/never")))
                .isInstanceOfSatisfying(OutboundException.class, e -> assertThat(e.getMessage())
                        .contains("did not start").contains("closed first"));
        assertThat(clientPorts).hasSize(1);
    }
}
