package dev.switchboard.webhooks;

import static dev.switchboard.webhooks.WebhookFixture.call;
import static dev.switchboard.webhooks.WebhookFixture.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.testkit.ClusterNode;
import dev.switchboard.testkit.FullDisk;
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
import java.util.List;
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
 * The request log's promise, "a call answered 2xx is in the log": kept across a kill -9 of a real host process under
 * webhook load, and on a full disk by answering 503 with Retry-After (and saying so in {@code /health}) instead of
 * 200 with a lost row; a best-effort listener keeps answering and may lose rows, as it asked to.
 */
class TestRequestLogDurability {
    private static final int SENDERS = 8;

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path dir;

    @Test
    @SuppressWarnings("unchecked")
    void everyCallAnswered2xxIsInTheLogAfterAKillNine() throws Exception {
        Assumptions.assumeFalse(TestPostgres.selected(), "an SQLite file is what this test checks");
        // Retention must not remove what the test looks for.
        Map<String, String> env = Map.of("SWITCHBOARD_WEBHOOKS_LOG_MAX_ROWS", "10000000");
        Path data = dir.resolve("node");
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        long killAfterMs = 2_000 + ThreadLocalRandom.current().nextLong(2_000);
        String listenerId;
        ClusterNode first = ClusterNode.start("first", "serve", data, null, true, env).awaitHealthy();
        try {
            first.admin("POST", "/api/packages/import", WebhookFixture.PACKAGE, 201);
            Map<String, Object> listener = ((List<Map<String, Object>>) map(first.admin("GET",
                    "/api/webhooks/listeners", null, 200)).get("listeners")).get(0);
            assertThat(listener).containsEntry("log_mode", "durable");
            listenerId = String.valueOf(listener.get("id"));
            String url = first.url() + "/webhooks/" + listener.get("guid");
            AtomicBoolean stop = new AtomicBoolean();
            ExecutorService senders = Executors.newFixedThreadPool(SENDERS);
            for (int s = 0; s < SENDERS; s++) {
                int sender = s;
                senders.submit(() -> sendUntilRefused(url, sender, stop, acknowledged));
            }
            Thread.sleep(killAfterMs);
            first.kill();
            stop.set(true);
            senders.shutdown();
            assertThat(senders.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            first.kill();
        }
        assertThat(acknowledged).as("calls answered before the kill").hasSizeGreaterThan(20);

        ClusterNode second = ClusterNode.start("second", "serve", data, null, true, env);
        Set<String> logged;
        try {
            second.awaitHealthy();
            logged = loggedQueries(second, listenerId);
        } finally {
            second.close();
        }
        Set<String> missing = new TreeSet<>(acknowledged);
        missing.removeAll(logged);
        assertThat(missing).as("calls answered 2xx but not in the log (%d answered, killed after %d ms)",
                acknowledged.size(), killAfterMs).isEmpty();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + data.resolve("switchboard.db"));
             ResultSet rs = c.createStatement().executeQuery("PRAGMA integrity_check")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("ok");
        }
    }

    /** Posts calls one after another until the process is gone, noting the query of each one answered 2xx. */
    private void sendUntilRefused(String url, int sender, AtomicBoolean stop, Set<String> acknowledged) {
        for (int i = 0; !stop.get(); i++) {
            String query = "n=" + sender + "-" + i;
            HttpRequest req = HttpRequest.newBuilder(URI.create(url + "?" + query))
                    .header("Content-Type", "application/json").timeout(Duration.ofSeconds(10))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"sender\": " + sender + ", \"i\": " + i + "}"))
                    .build();
            try {
                HttpResponse<String> r = client.send(req, HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() / 100 == 2) {
                    acknowledged.add(query);
                }
            } catch (IOException gone) {
                return; // killed: this call was never answered
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Every logged query of a listener, through the admin API's pages. */
    @SuppressWarnings("unchecked")
    private static Set<String> loggedQueries(ClusterNode node, String listenerId) throws Exception {
        Set<String> out = new HashSet<>();
        String before = "";
        while (true) {
            Map<String, Object> page = map(node.admin("GET", "/api/webhooks/listeners/" + listenerId
                    + "/requests?limit=500" + before, null, 200));
            for (Map<String, Object> r : (List<Map<String, Object>>) page.get("requests")) {
                out.add((String) r.get("query"));
            }
            if (page.get("next") == null) {
                return out;
            }
            before = "&before=" + page.get("next");
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void onAFullDiskDurableCallsAnswer503WithRetryAfterHealthSaysDegradedAndBothRecover()
            throws InterruptedException {
        Assumptions.assumeFalse(TestPostgres.selected(), "SQLITE_FULL via max_page_count is SQLite's");
        try (TestHost host = TestHost.start()) {
            long echo = WebhookFixture.importPackage(host).get("Echo");
            Map<String, Object> durable = WebhookFixture.listener(host,
                    "{\"name\": \"durable\", \"behavior_id\": " + echo + "}");
            Map<String, Object> bestEffort = WebhookFixture.listener(host,
                    "{\"name\": \"best effort\", \"behavior_id\": " + echo + ", \"log_mode\": \"best_effort\"}");
            assertThat(durable).containsEntry("log_mode", "durable");
            assertThat(bestEffort).containsEntry("log_mode", "best_effort");
            String big = "x".repeat(20_000);
            assertThat(call(host, "POST", durable.get("guid") + "?seed=1", "Content-Type: text/plain", big).status())
                    .isEqualTo(200);
            String requests = "/api/webhooks/listeners/" + durable.get("id") + "/requests";
            Object seed = ((List<Map<String, Object>>) map(host.admin("GET", requests, null).body()).get("requests"))
                    .get(0).get("id");

            FullDisk.fill(host);
            RawHttp.Response refused = null;
            Set<String> answered2xx = new HashSet<>();
            for (int i = 0; i < 300 && refused == null; i++) {
                RawHttp.Response r = call(host, "POST", durable.get("guid") + "?n=" + i, "Content-Type: text/plain",
                        big);
                if (r.status() / 100 == 2) {
                    answered2xx.add("n=" + i);
                } else {
                    refused = r;
                }
            }
            assertThat(refused).as("a call refused once the file cannot grow").isNotNull();
            assertThat(refused.status()).isEqualTo(503);
            assertThat(refused.header("Retry-After")).isEqualTo("5");

            HttpResponse<String> health = host.anonymous("GET", "/health", null);
            assertThat(health.statusCode()).isEqualTo(503);
            Map<String, Object> checks = (Map<String, Object>) map(health.body()).get("checks");
            assertThat(map(health.body())).containsEntry("status", "degraded");
            assertThat((Map<String, Object>) checks.get("webhooks.request_log")).containsEntry("status", "degraded")
                    .containsKey("message");
            assertThat((Map<String, Object>) checks.get("database")).containsEntry("status", "degraded");
            // /health is public: it names the failure, never the statement or the data it carried.
            assertThat(health.body()).doesNotContain("INSERT").doesNotContain("xxxxxxxx");

            // Best effort, as asked: the caller is answered, the row is lost (counted).
            assertThat(call(host, "POST", bestEffort.get("guid") + "?lost=1", "Content-Type: text/plain", big)
                    .status()).isEqualTo(200);
            // its row waits for its batch (webhooks.log.batch_ms): the disk stays full until that batch has failed
            await().atMost(Duration.ofSeconds(30)).until(() -> host.send(HttpRequest.newBuilder(
                    URI.create(host.url() + "/metrics"))).body().matches("(?s).*webhooks_log_failed_total(\\{[^}]*})? [1-9].*"));
            // A plugin's admin write on a full disk is a 503 too (replay writes its row at once, through the API).
            HttpResponse<String> replay = host.admin("POST", requests + "/" + seed + "/replay", null);
            assertThat(replay.statusCode()).as(replay.body()).isEqualTo(503);
            assertThat(replay.headers().firstValue("Retry-After")).hasValue("5");

            FullDisk.free(host);
            RawHttp.Response again = call(host, "POST", durable.get("guid") + "?again=1", "Content-Type: text/plain",
                    "space is back");
            assertThat(again.status()).isEqualTo(200);
            HttpResponse<String> recovered = host.anonymous("GET", "/health", null);
            assertThat(recovered.statusCode()).as(recovered.body()).isEqualTo(200);
            assertThat(map(recovered.body())).containsEntry("status", "ok");

            List<Map<String, Object>> rows = (List<Map<String, Object>>) map(host.admin("GET",
                    requests + "?limit=500", null).body()).get("requests");
            Set<Object> queries = new HashSet<>();
            rows.forEach(r -> queries.add(r.get("query")));
            assertThat(queries).contains("again=1").containsAll(answered2xx);
            String metrics = host.send(HttpRequest.newBuilder(URI.create(host.url() + "/metrics"))).body();
            assertThat(metrics).containsPattern("webhooks_log_failed_total(\\{[^}]*})? [1-9]")
                    .containsPattern("webhooks_log_refused_total(\\{[^}]*})? [1-9]");
        }
    }
}
