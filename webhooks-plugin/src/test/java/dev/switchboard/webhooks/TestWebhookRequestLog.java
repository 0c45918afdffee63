package dev.switchboard.webhooks;

import static dev.switchboard.webhooks.WebhookFixture.call;
import static dev.switchboard.webhooks.WebhookFixture.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.testkit.TestHost;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The request log: every call recorded with secrets redacted, request and response side by side, retention, replay. */
class TestWebhookRequestLog {
    @Test
    @SuppressWarnings("unchecked")
    void callsAreLoggedRedactedAndReplayable() throws InterruptedException {
        try (TestHost host = TestHost.start()) {
            long echo = WebhookFixture.importPackage(host).get("Echo");
            Map<String, Object> listener = WebhookFixture.listener(host,
                    "{\"name\": \"echo\", \"behavior_id\": " + echo + "}");
            String base = "/api/webhooks/listeners/" + listener.get("id") + "/requests";
            RawHttp.Response live = call(host, "POST", listener.get("guid") + "/p?x=1",
                    "Authorization: Bearer s3cret\r\nCookie: session=s3cret\r\nX-Hub-Signature-256: sha256=s3cret\r\n"
                            + "X-Plain: visible\r\nContent-Type: text/plain", "hello");

            List<Map<String, Object>> requests = waitFor(() -> (List<Map<String, Object>>) map(
                    host.admin("GET", base, null).body()).get("requests"), 1);
            Map<String, Object> summary = requests.get(0);
            assertThat(summary).containsEntry("method", "POST").containsEntry("path", "p").containsEntry("query", "x=1")
                    .containsEntry("status", 200L);
            Map<String, Object> detail = map(host.admin("GET", base + "/" + summary.get("id"), null).body());
            String text = WebhookFixture.JSON.write(detail);
            assertThat(text).doesNotContain("s3cret").contains("********").contains("visible");
            Map<String, Object> request = (Map<String, Object>) detail.get("request");
            Map<String, Object> response = (Map<String, Object>) detail.get("response");
            assertThat(request).containsEntry("body", "hello").containsEntry("body_size", 5L);
            assertThat(response).containsEntry("body", live.body().replace("Bearer s3cret", "********")
                    .replace("session=s3cret", "********").replace("sha256=s3cret", "********"))
                    .containsEntry("status", 200L).containsEntry("body_truncated", false);
            assertThat((List<Object>) response.get("headers")).contains(List.of("X-First", "1"));
            assertThat((List<Object>) detail.get("trace")).isNotEmpty();
            assertThat((String) detail.get("trace_text")).contains("action 'Echo'").contains("set_http_body");

            Map<String, Object> replay = map(host.admin("POST", base + "/" + summary.get("id") + "/replay", null)
                    .body());
            assertThat(replay).containsEntry("simulated", true).containsEntry("replay_of", summary.get("id"));
            assertThat((Map<String, Object>) replay.get("response")).containsEntry("status", 200L);
            assertThat((String) ((Map<String, Object>) replay.get("response")).get("body"))
                    .contains("\"body\":\"hello\"").contains("\"x\":\"1\"").contains("********");
            assertThat(waitFor(() -> (List<Map<String, Object>>) map(host.admin("GET", base, null).body())
                    .get("requests"), 2).get(0)).containsEntry("replay_of", summary.get("id"));
            assertThat(host.admin("GET", base + "/999999", null).statusCode()).isEqualTo(404);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void retentionKeepsTheNewestRowsPerListener() throws InterruptedException {
        try (TestHost host = TestHost.start(Map.of("SWITCHBOARD_WEBHOOKS_LOG_MAX_ROWS", "3"))) {
            long echo = WebhookFixture.importPackage(host).get("Echo");
            Map<String, Object> listener = WebhookFixture.listener(host,
                    "{\"name\": \"echo\", \"behavior_id\": " + echo + "}");
            for (int i = 1; i <= 8; i++) {
                call(host, "GET", listener.get("guid") + "?n=" + i, "", "");
            }
            String base = "/api/webhooks/listeners/" + listener.get("id") + "/requests";
            List<Map<String, Object>> kept = await("the three newest rows kept").atMost(Duration.ofSeconds(10))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> (List<Map<String, Object>>) map(host.admin("GET", base, null).body()).get("requests"),
                            rows -> rows.size() == 3 && "n=8".equals(rows.get(0).get("query")));
            assertThat(kept).extracting(r -> r.get("query")).containsExactly("n=8", "n=7", "n=6");
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void aLogOverItsByteBudgetRefusesDurableCallsWith503AndDropsBestEffortRows() throws InterruptedException {
        // queue_bytes below one row's weight: every row is over the budget, as under a flood of large bodies.
        try (TestHost host = TestHost.start(Map.of("SWITCHBOARD_WEBHOOKS_LOG_QUEUE_BYTES", "1024"))) {
            long echo = WebhookFixture.importPackage(host).get("Echo");
            Map<String, Object> durable = WebhookFixture.listener(host,
                    "{\"name\": \"echo\", \"behavior_id\": " + echo + "}");
            Map<String, Object> bestEffort = WebhookFixture.listener(host,
                    "{\"name\": \"echo\", \"behavior_id\": " + echo + ", \"log_mode\": \"best_effort\"}");
            RawHttp.Response refused = call(host, "POST", (String) durable.get("guid"), "Content-Type: text/plain",
                    "x".repeat(65_536));
            assertThat(refused.status()).isEqualTo(503);
            assertThat(refused.header("Retry-After")).isEqualTo("5");
            assertThat(host.anonymous("GET", "/health", null).body()).contains("\"status\":\"degraded\"")
                    .contains("webhooks.request_log").contains("budget");
            RawHttp.Response answered = call(host, "POST", (String) bestEffort.get("guid"), "Content-Type: text/plain",
                    "x".repeat(65_536));
            assertThat(answered.status()).isEqualTo(200);
            // The best-effort row is dropped in the background: once the counter says so, nothing was written.
            String metrics = await("the best-effort row counted as dropped").atMost(Duration.ofSeconds(10))
                    .until(() -> host.send(HttpRequest.newBuilder(URI.create(host.url() + "/metrics"))).body(),
                            m -> Pattern.compile("webhooks_log_dropped_total(\\{[^}]*})? 1\\.0").matcher(m).find());
            assertThat(metrics).containsPattern("webhooks_log_refused_total(\\{[^}]*})? [1-9]");
            for (Map<String, Object> l : List.of(durable, bestEffort)) {
                String base = "/api/webhooks/listeners/" + l.get("id") + "/requests";
                assertThat((List<Object>) map(host.admin("GET", base, null).body()).get("requests")).isEmpty();
            }
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void aDurableCallWaitsForOneCommitNotForTheBatchWindow() throws InterruptedException {
        // A window as long as the commit timeout: a durable row held for the window could only answer 503. It is
        // committed as soon as every waiting durable call is in its batch, so each call answers 200 with its row.
        try (TestHost host = TestHost.start(Map.of("SWITCHBOARD_WEBHOOKS_LOG_BATCH_MS", "1000",
                "SWITCHBOARD_WEBHOOKS_LOG_COMMIT_TIMEOUT_MS", "1000"))) {
            long echo = WebhookFixture.importPackage(host).get("Echo");
            Map<String, Object> durable = WebhookFixture.listener(host,
                    "{\"name\": \"echo\", \"behavior_id\": " + echo + "}");
            for (int i = 0; i < 3; i++) {
                assertThat(call(host, "POST", (String) durable.get("guid"), "Content-Type: text/plain", "call " + i)
                        .status()).isEqualTo(200);
            }
            String base = "/api/webhooks/listeners/" + durable.get("id") + "/requests";
            assertThat((List<Object>) map(host.admin("GET", base, null).body()).get("requests")).hasSize(3);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void multipartFormCallsGiveHttpParamsAreLoggedAndReplayWithTheirFields() throws Exception {
        try (TestHost host = TestHost.start()) {
            long echo = WebhookFixture.importPackage(host).get("Echo");
            Map<String, Object> listener = WebhookFixture.listener(host,
                    "{\"name\": \"echo\", \"behavior_id\": " + echo + "}");
            // As curl -F name='Joe Customer' -F age=37 -F upload=@notes.txt sends it.
            String boundary = "------------------------d74496d66958873e";
            String body = "--" + boundary + "\r\n"
                    + "Content-Disposition: form-data; name=\"name\"\r\n\r\nJoe Customer\r\n"
                    + "--" + boundary + "\r\n"
                    + "Content-Disposition: form-data; name=\"age\"\r\n\r\n37\r\n"
                    + "--" + boundary + "\r\n"
                    + "Content-Disposition: form-data; name=\"upload\"; filename=\"notes.txt\"\r\n"
                    + "Content-Type: text/plain\r\n\r\nline one\r\nline two\r\n"
                    + "--" + boundary + "--\r\n";
            java.net.http.HttpResponse<String> live = host.send(HttpRequest.newBuilder(
                    URI.create(host.url() + "/webhooks/" + listener.get("guid") + "?q=1"))
                    .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .POST(HttpRequest.BodyPublishers.ofString(body)));
            assertThat(live.statusCode()).as(live.body()).isEqualTo(200);
            Map<String, Object> params = (Map<String, Object>) map(live.body()).get("params");
            assertThat(params).containsEntry("name", "Joe Customer").containsEntry("age", "37")
                    .containsEntry("q", "1").doesNotContainKey("upload");
            assertThat((String) map(live.body()).get("body")).contains("line one\r\nline two");

            String base = "/api/webhooks/listeners/" + listener.get("id") + "/requests";
            List<Map<String, Object>> requests = waitFor(() -> (List<Map<String, Object>>) map(
                    host.admin("GET", base, null).body()).get("requests"), 1);
            assertThat(requests.get(0)).containsEntry("status", 200L);
            Map<String, Object> replay = map(host.admin("POST", base + "/" + requests.get(0).get("id") + "/replay",
                    null).body());
            Map<String, Object> replayed = (Map<String, Object>) map((String) ((Map<String, Object>) replay
                    .get("response")).get("body")).get("params");
            assertThat(replayed).isEqualTo(params);
        }
    }

    /** Polls until the list has at least {@code size} entries (bounded: 10 s). */
    private static <T> List<T> waitFor(Supplier<List<T>> list, int size) {
        return await("at least " + size + " entries").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                .until(list::get, got -> got.size() >= size);
    }
}
