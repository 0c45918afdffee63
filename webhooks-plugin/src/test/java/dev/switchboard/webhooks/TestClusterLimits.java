package dev.switchboard.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.host.json.HostJson;
import dev.switchboard.testkit.ClusterNode;
import dev.switchboard.testkit.Receiver;
import dev.switchboard.testkit.TestPostgres;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 20's proof that limits hold across the cluster, with real processes on one PostgreSQL: a listener limited
 * to 60 a minute accepts about 60 requests, not 120, when two serve nodes share the traffic; a subscription limited
 * to 30 deliveries a minute gets about 30 from two worker processes, not 30 from each. The bounds are counts
 * (the allowance, plus the refill over the measured span, plus at most one leased batch per node), never times;
 * and a failing receiver opens one circuit breaker for both workers.
 * Runs in the {@code postgresql} surefire execution.
 */
class TestClusterLimits {
    private static final HostJson JSON = new HostJson();
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path dir;

    @Test
    void aListenerLimitedTo60AMinuteAcceptsAbout60AcrossTwoNodes() throws Exception {
        Assumptions.assumeTrue(TestPostgres.selected(), "runs in the postgresql surefire execution");
        String db = TestPostgres.databaseFor(dir);
        List<ClusterNode> nodes = new ArrayList<>();
        try {
            ClusterNode a = ClusterNode.start("a", "serve", dir.resolve("a"), db, false, Map.of());
            nodes.add(a);
            ClusterNode b = ClusterNode.start("b", "serve", dir.resolve("b"), db, false, Map.of());
            nodes.add(b);
            a.awaitHealthy();
            b.awaitHealthy();
            Map<?, ?> imported = map(a.admin("POST", "/api/packages/import", WebhookFixture.PACKAGE, 201));
            Object behavior = ((Map<?, ?>) ((List<?>) imported.get("behaviors")).get(0)).get("id");
            Map<?, ?> listener = map(a.admin("POST", "/api/webhooks/listeners",
                    "{\"name\": \"limited\", \"behavior_id\": " + behavior + ", \"rate_limit\": 60}", 201));
            String path = "/webhooks/" + listener.get("guid");
            int accepted = 0;
            int limited = 0;
            // node b learns of the listener from its cache poll (about a second); a 404 takes no token
            int status = await("node b knows the listener").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                    .until(() -> get(b, path).statusCode(), s -> s != 404);
            assertThat(status).as("node b serves the listener").isIn(200, 429);
            accepted += status == 200 ? 1 : 0;
            long first = System.nanoTime();
            for (int i = 0; i < 150; i++) {
                HttpResponse<String> r = get(i % 2 == 0 ? a : b, path);
                assertThat(r.statusCode()).as(r.body()).isIn(200, 429);
                if (r.statusCode() == 200) {
                    accepted++;
                } else {
                    limited++;
                    assertThat(r.headers().firstValue("Retry-After")).isPresent();
                }
            }
            double seconds = (System.nanoTime() - first) / 1e9;
            // 60 in the bucket, one more a second of the run, and what a node leased but had not yet spent
            long most = 60 + (long) Math.ceil(seconds) + 2 * 6;
            assertThat(accepted).as("accepted of 151 (%d limited) in %.1f s", limited, seconds)
                    .isBetween(60, (int) Math.min(most, 75));
        } finally {
            for (ClusterNode n : nodes) {
                n.kill();
            }
        }
    }

    @Test
    void aSubscriptionsRateHoldsAcrossTwoWorkers() throws Exception {
        Assumptions.assumeTrue(TestPostgres.selected(), "runs in the postgresql surefire execution");
        String db = TestPostgres.databaseFor(dir);
        List<ClusterNode> nodes = new ArrayList<>();
        try (Receiver receiver = new Receiver()) {
            ClusterNode a = ClusterNode.start("a", "serve", dir.resolve("a"), db, false, Map.of()).awaitHealthy();
            nodes.add(a);
            a.admin("POST", "/api/webhooks/subscriptions", "{\"name\": \"paced\", \"url\": \"" + receiver.url()
                    + "\", \"events\": [\"ticket.created\"], \"rate_limit\": 30}", 201);
            for (int i = 0; i < 70; i++) {
                a.admin("POST", "/api/tickets", "{\"subject\": \"paced " + i + "\", \"requester\": \"p@example.com\"}",
                        201);
            }
            nodes.add(ClusterNode.start("w1", "worker", dir.resolve("w1"), db, true, Map.of()));
            nodes.add(ClusterNode.start("w2", "worker", dir.resolve("w2"), db, true, Map.of()));
            assertThat(receiver.await(30, Duration.ofMinutes(2))).as("the first minute's allowance arrives")
                    .hasSizeGreaterThanOrEqualTo(30);
            // The pace holds for 8 s: long enough for a second worker with a bucket of its own to send its 30 too.
            await("one bucket paces both workers").during(Duration.ofSeconds(8)).atMost(Duration.ofSeconds(12))
                    .untilAsserted(() -> {
                        List<Receiver.Received> got = receiver.received();
                        long firstAt = got.stream().mapToLong(Receiver.Received::receivedAt).min().orElseThrow();
                        long lastAt = got.stream().mapToLong(Receiver.Received::receivedAt).max().orElseThrow();
                        // 30 in the bucket, one more every 2 s of the span, one leased batch (3) per worker
                        long most = 30 + (long) Math.ceil((lastAt - firstAt) / 2000.0) + 2 * 3;
                        assertThat(got.size()).as("deliveries over %d ms", lastAt - firstAt).isBetween(30, (int) most);
                    });
        } finally {
            for (ClusterNode n : nodes) {
                n.kill();
            }
        }
    }

    @Test
    void aFailingReceiverOpensOneBreakerForEveryWorker() throws Exception {
        Assumptions.assumeTrue(TestPostgres.selected(), "runs in the postgresql surefire execution");
        String db = TestPostgres.databaseFor(dir);
        // one send in flight per worker, open after 4 failures in a row, and stay open for the rest of the test
        Map<String, String> env = Map.of("SWITCHBOARD_WEBHOOKS_OUTBOUND_CONCURRENCY_PER_SUBSCRIPTION", "1",
                "SWITCHBOARD_WEBHOOKS_OUTBOUND_BREAKER_FAILURES", "4",
                "SWITCHBOARD_WEBHOOKS_OUTBOUND_BREAKER_OPEN_SECONDS", "600");
        List<ClusterNode> nodes = new ArrayList<>();
        try (Receiver receiver = new Receiver()) {
            int[] failing = new int[100];
            java.util.Arrays.fill(failing, 500);
            receiver.answer(failing);
            ClusterNode a = ClusterNode.start("a", "serve", dir.resolve("a"), db, false, env).awaitHealthy();
            nodes.add(a);
            a.admin("POST", "/api/webhooks/subscriptions", "{\"name\": \"failing\", \"url\": \"" + receiver.url()
                    + "\", \"events\": [\"ticket.created\"]}", 201);
            for (int i = 0; i < 20; i++) {
                a.admin("POST", "/api/tickets", "{\"subject\": \"f " + i + "\", \"requester\": \"f@example.com\"}",
                        201);
            }
            nodes.add(ClusterNode.start("w1", "worker", dir.resolve("w1"), db, true, env));
            nodes.add(ClusterNode.start("w2", "worker", dir.resolve("w2"), db, true, env));
            assertThat(receiver.await(4, Duration.ofMinutes(2))).hasSizeGreaterThanOrEqualTo(4);
            // 4 failures open the shared breaker; at most one send per worker was already in flight. Breakers of
            // their own would let each worker fail 4 times (8 and more). Watched for 8 s: past the first retry (5 s)
            // and both workers' start.
            await("one breaker for both workers").during(Duration.ofSeconds(8)).atMost(Duration.ofSeconds(12))
                    .untilAsserted(() -> assertThat(receiver.received().size())
                            .as("attempts that reached the failing receiver").isBetween(4, 7));
        } finally {
            for (ClusterNode n : nodes) {
                n.kill();
            }
        }
    }

    private HttpResponse<String> get(ClusterNode n, String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(n.url() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static Map<?, ?> map(String json) {
        return (Map<?, ?>) JSON.parse(json);
    }
}
