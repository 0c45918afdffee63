package dev.switchboard.webhooks.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.host.json.HostJson;
import dev.switchboard.testkit.ClusterNode;
import dev.switchboard.testkit.Receiver;
import dev.switchboard.testkit.TestHost;
import dev.switchboard.testkit.TestPostgres;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The outbox's promise, tested the hard way: a host process creating tickets under load with an async subscription
 * is killed with SIGKILL at a random moment; after a restart on the same SQLite file every ticket whose creation
 * was acknowledged (201) reaches the receiver, and the database passes {@code PRAGMA integrity_check}.
 */
class TestCrashRecovery {
    private static final HostJson JSON = new HostJson();
    private static final int WRITERS = 8;

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path dir;

    @Test
    void everyAcknowledgedTicketIsDeliveredAfterAKillNineAndTheDatabaseIsIntact() throws Exception {
        Assumptions.assumeFalse(TestPostgres.selected(), "an SQLite file is what this test checks");
        // A short send timeout keeps the lease of a delivery that was in flight at the kill short (timeout + 30 s).
        Map<String, String> env = Map.of("SWITCHBOARD_WEBHOOKS_OUTBOUND_TIMEOUT_SECONDS", "2");
        Path data = dir.resolve("node");
        Set<Long> acknowledged = ConcurrentHashMap.newKeySet();
        long killAfterMs = 500 + ThreadLocalRandom.current().nextLong(2_000);
        try (Receiver receiver = new Receiver()) {
            ClusterNode first = ClusterNode.start("first", "serve", data, null, true, env).awaitHealthy();
            try {
                first.admin("POST", "/api/webhooks/subscriptions", "{\"name\": \"crash\", \"url\": \"" + receiver.url()
                        + "\", \"events\": [\"ticket.created\"]}", 201);
                AtomicBoolean stop = new AtomicBoolean();
                ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
                for (int w = 0; w < WRITERS; w++) {
                    writers.submit(() -> createUntilRefused(first, stop, acknowledged));
                }
                Thread.sleep(killAfterMs);
                first.kill();
                stop.set(true);
                writers.shutdown();
                assertThat(writers.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
            } finally {
                first.kill();
            }
            assertThat(acknowledged).as("tickets created before the kill").isNotEmpty();

            ClusterNode second = ClusterNode.start("second", "serve", data, null, true, env);
            try {
                second.awaitHealthy();
                await("every acknowledged ticket delivered").atMost(Duration.ofMinutes(3))
                        .pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
                            Set<Long> missing = new TreeSet<>(acknowledged);
                            missing.removeAll(delivered(receiver));
                            assertThat(missing).as("acknowledged tickets never delivered (%d acknowledged, killed"
                                    + " after %d ms)", acknowledged.size(), killAfterMs).isEmpty();
                        });
            } finally {
                second.close();
            }
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + data.resolve("switchboard.db"));
             ResultSet rs = c.createStatement().executeQuery("PRAGMA integrity_check")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("ok");
        }
    }

    /** Creates tickets one after another until the process is gone, noting each one the host acknowledged. */
    private void createUntilRefused(ClusterNode node, AtomicBoolean stop, Set<Long> acknowledged) {
        for (int i = 0; !stop.get(); i++) {
            HttpRequest req = HttpRequest.newBuilder(URI.create(node.url() + "/api/tickets"))
                    .header("Authorization", "Bearer " + TestHost.ADMIN_TOKEN)
                    .header("Content-Type", "application/json")
                    .timeout(Duration.ofSeconds(10))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"subject\": \"crash " + i
                            + "\", \"requester\": \"load@example.com\"}")).build();
            try {
                HttpResponse<String> r = client.send(req, HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 201) {
                    acknowledged.add(((Number) ((Map<?, ?>) JSON.parse(r.body())).get("id")).longValue());
                }
            } catch (IOException gone) {
                return; // the process was killed: this request was never acknowledged
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static Set<Long> delivered(Receiver receiver) {
        Set<Long> ids = new HashSet<>();
        for (Receiver.Received r : receiver.received()) {
            Map<?, ?> data = (Map<?, ?>) ((Map<?, ?>) JSON.parse(r.body())).get("data");
            ids.add(((Number) ((Map<?, ?>) data.get("ticket")).get("id")).longValue());
        }
        return ids;
    }
}
