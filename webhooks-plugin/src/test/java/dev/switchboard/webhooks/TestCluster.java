package dev.switchboard.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.host.json.HostJson;
import dev.switchboard.testkit.ClusterNode;
import dev.switchboard.testkit.Receiver;
import dev.switchboard.testkit.TestHost;
import dev.switchboard.testkit.TestPostgres;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 9's proof, with real processes on one PostgreSQL: three {@code serve} nodes (workers off) and two
 * {@code worker} processes. Inbound requests spread over the three nodes; a listener rebound on node A answers with
 * the new behavior on node C about a second later; 10,000 ticket events reach a local receiver with none lost
 * while one worker is killed with SIGKILL mid-run (only lease expiry may duplicate). Runs in the {@code postgresql}
 * surefire execution; the figures go to {@code target/cluster-report.txt}.
 */
class TestCluster {
    private static final HostJson JSON = new HostJson();
    private static final int TICKETS = 10_000;
    private static final String SIGNING = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path dir;

    @Test
    void threeServeNodesAndTwoWorkersShareOnePostgresqlAndLoseNothingWhenAWorkerIsKilled() throws Exception {
        Assumptions.assumeTrue(TestPostgres.selected(), "runs in the postgresql surefire execution");
        String db = TestPostgres.databaseFor(dir);
        Map<String, String> env = Map.of("SWITCHBOARD_WEBHOOKS_OUTBOUND_TIMEOUT_SECONDS", "5");
        List<ClusterNode> nodes = new ArrayList<>();
        try (Receiver receiver = new Receiver()) {
            ClusterNode a = ClusterNode.start("a", "serve", dir.resolve("a"), db, false, env).awaitHealthy();
            nodes.add(a);
            ClusterNode b = ClusterNode.start("b", "serve", dir.resolve("b"), db, false, env);
            nodes.add(b);
            ClusterNode c = ClusterNode.start("c", "serve", dir.resolve("c"), db, false, env);
            nodes.add(c);
            ClusterNode w1 = ClusterNode.start("w1", "worker", dir.resolve("w1"), db, true, env);
            nodes.add(w1);
            nodes.add(ClusterNode.start("w2", "worker", dir.resolve("w2"), db, true, env));
            b.awaitHealthy();
            c.awaitHealthy();
            StringBuilder report = new StringBuilder();

            Map<?, ?> imported = map(a.admin("POST", "/api/packages/import", WebhookFixture.PACKAGE, 201));
            Map<String, Long> behaviors = new HashMap<>();
            for (Object o : (List<?>) imported.get("behaviors")) {
                behaviors.put((String) ((Map<?, ?>) o).get("title"), ((Number) ((Map<?, ?>) o).get("id")).longValue());
            }
            Map<?, ?> listener = map(a.admin("POST", "/api/webhooks/listeners",
                    "{\"name\": \"spread\", \"behavior_id\": " + behaviors.get("Other") + "}", 201));
            String path = "/webhooks/" + listener.get("guid");
            for (int i = 0; i < 30; i++) {
                awaitBody(List.of(a, b, c).get(i % 3), path, "other", Duration.ofSeconds(5));
            }

            a.admin("PATCH", "/api/webhooks/listeners/" + listener.get("id"),
                    "{\"behavior_id\": " + behaviors.get("Echo") + "}", 200);
            long rebound = System.nanoTime();
            awaitBody(c, path, "\"verb\":\"GET\"", Duration.ofSeconds(10));
            report.append("rebind on node a served by node c after ").append((System.nanoTime() - rebound) / 1_000_000)
                    .append(" ms\n");

            b.admin("POST", "/api/webhooks/subscriptions", "{\"name\": \"all-tickets\", \"url\": \"" + receiver.url()
                    + "\", \"events\": [\"ticket.created\"], \"secret\": \"" + SIGNING + "\"}", 201);
            long t0 = System.nanoTime();
            Thread killer = new Thread(() -> {
                try {
                    receiver.await(TICKETS / 5, Duration.ofMinutes(3));
                    w1.kill(); // SIGKILL: its leases must expire and w2 send those deliveries again
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "kill-w1");
            killer.start();
            createTickets(List.of(a, b, c));
            long createdMs = (System.nanoTime() - t0) / 1_000_000;
            killer.join(Duration.ofMinutes(3).toMillis());
            assertThat(w1.process().isAlive()).as("worker w1 was killed mid-run").isFalse();

            try {
                await("every ticket delivered").atMost(Duration.ofMinutes(6)).pollInterval(Duration.ofMillis(200))
                        .until(() -> distinctIds(receiver) >= TICKETS);
            } catch (ConditionTimeoutException notAll) {
                System.out.println(notAll.getMessage() + "; the report below says how many arrived");
            }
            long deliveredMs = (System.nanoTime() - t0) / 1_000_000;
            int distinct = distinctIds(receiver);
            int total = receiver.received().size();
            List<Long> latencies = latencies(receiver);
            report.append("tickets created: ").append(TICKETS).append(" over 3 serve nodes in ").append(createdMs)
                    .append(" ms\ndelivered distinct: ").append(distinct).append(", lost: ").append(TICKETS - distinct)
                    .append(", duplicates: ").append(total - distinct).append(" (worker w1 killed with SIGKILL after ")
                    .append(TICKETS / 5).append(" deliveries)\nall delivered after ").append(deliveredMs)
                    .append(" ms; ticket-created-to-delivered p50 ").append(percentile(latencies, 50))
                    .append(" ms, p99 ").append(percentile(latencies, 99)).append(" ms\n");
            Files.writeString(Path.of("target", "cluster-report.txt"), report);
            System.out.print(report);
            assertThat(distinct).as(report.toString()).isEqualTo(TICKETS);
        } finally {
            for (ClusterNode n : nodes) {
                n.kill();
            }
        }
    }

    private void awaitBody(ClusterNode n, String path, String expected, Duration max) {
        await(n.url() + path + " answers with " + expected).atMost(max).pollInterval(Duration.ofMillis(20))
                .untilAsserted(() -> {
                    HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(n.url() + path)).build(),
                            HttpResponse.BodyHandlers.ofString());
                    assertThat(r.statusCode()).isEqualTo(200);
                    assertThat(r.body()).contains(expected);
                });
    }

    /** Creates the tickets over the nodes in turn, 16 in flight. */
    private void createTickets(List<ClusterNode> nodes) throws Exception {
        Semaphore inFlight = new Semaphore(16);
        AtomicInteger failed = new AtomicInteger();
        List<CompletableFuture<?>> all = new ArrayList<>();
        for (int i = 0; i < TICKETS; i++) {
            inFlight.acquire();
            HttpRequest req = HttpRequest.newBuilder(URI.create(nodes.get(i % nodes.size()).url() + "/api/tickets"))
                    .header("Authorization", "Bearer " + TestHost.ADMIN_TOKEN)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"subject\": \"cluster " + i
                            + "\", \"requester\": \"load@example.com\"}")).build();
            all.add(client.sendAsync(req, HttpResponse.BodyHandlers.discarding()).whenComplete((r, e) -> {
                if (e != null || r.statusCode() != 201) {
                    failed.incrementAndGet();
                }
                inFlight.release();
            }));
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(5, TimeUnit.MINUTES);
        assertThat(failed.get()).as("ticket creations refused").isZero();
    }

    private static int distinctIds(Receiver receiver) {
        Set<String> ids = new HashSet<>();
        receiver.received().forEach(r -> ids.add(r.header("webhook-id")));
        return ids.size();
    }

    /** Receiver arrival minus the ticket's creation, per first delivery, sorted. */
    private static List<Long> latencies(Receiver receiver) {
        Map<String, Long> first = new HashMap<>();
        for (Receiver.Received r : receiver.received()) {
            Map<?, ?> data = (Map<?, ?>) map(r.body()).get("data");
            long created = ((Number) ((Map<?, ?>) data.get("ticket")).get("created_at")).longValue();
            first.putIfAbsent(r.header("webhook-id"), r.receivedAt() - created);
        }
        return first.values().stream().sorted().toList();
    }

    private static long percentile(List<Long> sorted, int p) {
        return sorted.isEmpty() ? -1 : sorted.get(Math.min(sorted.size() - 1, sorted.size() * p / 100));
    }

    private static Map<?, ?> map(String json) {
        return (Map<?, ?>) JSON.parse(json);
    }
}
