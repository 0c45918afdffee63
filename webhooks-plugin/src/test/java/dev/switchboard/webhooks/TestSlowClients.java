package dev.switchboard.webhooks;

import static dev.switchboard.webhooks.WebhookFixture.call;
import static dev.switchboard.webhooks.WebhookFixture.importPackage;
import static dev.switchboard.webhooks.WebhookFixture.listener;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.testkit.TestHost;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/**
 * SECURITY.md 10 and issue 19's first two attacks, over raw sockets: clients that send headers and then trickle or
 * withhold their body hold no HTTP thread and no listener slot, a body that falls behind the minimum rate is cut
 * off, and one address cannot hold more than its share of connections.
 */
class TestSlowClients {
    /** Generous: before the fix these waited for the 30 s idle timeout. */
    private static final Duration PATIENCE = Duration.ofSeconds(10);

    @Test
    void slowClientsOnTheLoginFormHoldNoThread() throws Exception {
        try (TestHost host = TestHost.start(Map.of("SWITCHBOARD_HTTP_THREADS", "16"));
             Holders slow = new Holders()) {
            Map<String, Long> behaviors = importPackage(host);
            String guid = (String) listener(host, "{\"name\": \"l\", \"behavior_id\": " + behaviors.get("Echo") + "}")
                    .get("guid");
            for (int i = 0; i < 70; i++) {
                slow.open(host.host().port(), "POST /admin/login HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                        + "Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n{");
            }
            HttpClient client = HttpClient.newHttpClient();
            HttpResponse<String> health = client.send(HttpRequest.newBuilder(URI.create(host.url() + "/health"))
                    .timeout(PATIENCE).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
            HttpResponse<String> webhook = client.send(HttpRequest.newBuilder(URI.create(host.url() + "/webhooks/"
                    + guid)).timeout(PATIENCE).POST(HttpRequest.BodyPublishers.ofString("hi")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(webhook.statusCode()).isEqualTo(200);
            assertThat(webhook.body()).contains("\"body\":\"hi\"");
        }
    }

    @Test
    void aBodyThatFallsBehindTheMinimumRateIsCutOff() throws Exception {
        try (TestHost host = TestHost.start(Map.of("SWITCHBOARD_HTTP_BODY_GRACE_MS", "300",
                "SWITCHBOARD_HTTP_MIN_BODY_RATE", "100"));
             Socket socket = new Socket("127.0.0.1", host.host().port())) {
            socket.setSoTimeout((int) PATIENCE.toMillis());
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/tokens HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 10000\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            InputStream in = socket.getInputStream();
            long until = System.nanoTime() + PATIENCE.toNanos();
            try {
                // One byte every 100 ms: 10 bytes/s, far below the 100 bytes/s asked.
                while (in.available() == 0 && System.nanoTime() < until) {
                    out.write('x');
                    out.flush();
                    Thread.sleep(100);
                }
            } catch (IOException closed) {
                // the server closed while we were still writing: the answer is already in the socket
            }
            String answer = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            assertThat(answer).startsWith("HTTP/1.1 408");
        }
    }

    @Test
    void oneAddressCannotHoldMoreThanItsShareOfConnections() throws Exception {
        try (TestHost host = TestHost.start(Map.of("SWITCHBOARD_HTTP_MAX_CONNECTIONS_PER_ADDRESS", "8"));
             Holders held = new Holders()) {
            for (int i = 0; i < 8; i++) {
                held.openAnswered(host.host().port()); // answered, so surely counted by the server
            }
            try (Socket ninth = new Socket("127.0.0.1", host.host().port())) {
                ninth.setSoTimeout((int) PATIENCE.toMillis());
                ninth.getOutputStream().write("GET /health HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                assertThat(readOrClosed(ninth.getInputStream())).as("the ninth connection is closed unanswered")
                        .isEqualTo(-1);
            }
            held.close();
            // Closing is seen by the server a moment later; then the address has its share again.
            HttpResponse<String> health = await("a connection accepted again").atMost(PATIENCE)
                    .pollInterval(Duration.ofMillis(50)).ignoreException(UncheckedIOException.class) // still over the cap
                    .until(() -> host.anonymous("GET", "/health", null), Objects::nonNull);
            assertThat(health.statusCode()).isEqualTo(200);
        }
    }

    @Test
    void callersThatNeverSendTheirBodyTakeNoListenerSlot() throws Exception {
        try (TestHost host = TestHost.start(); Holders idle = new Holders()) {
            Map<String, Long> behaviors = importPackage(host);
            String guid = (String) listener(host, "{\"name\": \"l\", \"behavior_id\": " + behaviors.get("Echo")
                    + ", \"max_concurrent\": 2}").get("guid");
            for (int i = 0; i < 32; i++) {
                idle.open(host.host().port(), "POST /webhooks/" + guid + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                        + "Content-Length: 100\r\n\r\n");
            }
            RawHttp.Response real = call(host, "POST", guid, "", "a real call");
            assertThat(real.status()).as(real.body()).isEqualTo(200);
            assertThat(real.body()).contains("\"body\":\"a real call\"");
        }
    }

    @Test
    void bodiesAreReadWholeBeforeTheRouteAndCappedServerWide() throws Exception {
        try (TestHost host = TestHost.start(Map.of("SWITCHBOARD_HTTP_MAX_BODY", "4096"))) {
            Map<String, Long> behaviors = importPackage(host);
            String guid = (String) listener(host, "{\"name\": \"l\", \"behavior_id\": " + behaviors.get("Echo") + "}")
                    .get("guid");
            RawHttp.Response tooLarge = call(host, "POST", guid, "", "x".repeat(5000));
            assertThat(tooLarge.status()).isEqualTo(413);

            String chunkedHead = "POST /webhooks/" + guid + " HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked";
            RawHttp.Response chunked = RawHttp.send(host.host().port(), chunkedHead,
                    "5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            assertThat(chunked.status()).isEqualTo(200);
            assertThat(chunked.body()).contains("\"body\":\"hello world\"");
            RawHttp.Response chunkedTooLarge = RawHttp.send(host.host().port(), chunkedHead,
                    ("1388\r\n" + "y".repeat(5000) + "\r\n0\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            assertThat(chunkedTooLarge.status()).isEqualTo(413);

            HttpResponse<String> expecting = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(host.url() + "/webhooks/" + guid)).expectContinue(true).timeout(PATIENCE)
                    .POST(HttpRequest.BodyPublishers.ofString("continued")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(expecting.body()).contains("\"body\":\"continued\"");
        }
    }

    private static int readOrClosed(InputStream in) throws IOException {
        try {
            return in.read();
        } catch (SocketTimeoutException e) {
            return -2;
        } catch (IOException reset) {
            return -1;
        }
    }

    /** Sockets that sent a partial request and wait; all closed at the end. */
    private static final class Holders implements AutoCloseable {
        private final List<Socket> sockets = new ArrayList<>();

        void open(int port, String partialRequest) throws IOException {
            Socket s = new Socket("127.0.0.1", port);
            s.getOutputStream().write(partialRequest.getBytes(StandardCharsets.ISO_8859_1));
            s.getOutputStream().flush();
            sockets.add(s);
        }

        /** A kept-alive connection that has had one answer. */
        void openAnswered(int port) throws IOException {
            open(port, "GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
            Socket s = sockets.get(sockets.size() - 1);
            s.setSoTimeout((int) PATIENCE.toMillis());
            InputStream in = s.getInputStream();
            int length = 0;
            for (String line = line(in); !line.isEmpty(); line = line(in)) {
                if (line.regionMatches(true, 0, "Content-Length:", 0, 15)) {
                    length = Integer.parseInt(line.substring(15).trim());
                }
            }
            assertThat(in.readNBytes(length).length).isEqualTo(length);
        }

        private static String line(InputStream in) throws IOException {
            StringBuilder out = new StringBuilder();
            for (int b = in.read(); b != '\n'; b = in.read()) {
                if (b < 0) {
                    throw new IOException("closed mid-line");
                }
                if (b != '\r') {
                    out.append((char) b);
                }
            }
            return out.toString();
        }

        @Override
        public void close() throws IOException {
            for (Socket s : sockets) {
                s.close();
            }
            sockets.clear();
        }
    }
}
