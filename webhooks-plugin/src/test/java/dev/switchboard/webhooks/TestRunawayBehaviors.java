package dev.switchboard.webhooks;

import static dev.switchboard.webhooks.WebhookFixture.JSON;
import static dev.switchboard.webhooks.WebhookFixture.call;
import static dev.switchboard.webhooks.WebhookFixture.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.switchboard.testkit.TestHost;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Behaviors that would run forever, called over real HTTP: a {@code like} condition that backtracks on a 10 KB body,
 * fanned-out macro calls no single node of which is slow, and a loop of renders each within its own limit. Every
 * call is answered, the listener keeps answering, and a run past its deadline (host-wide
 * {@code engine.run_timeout_ms} or the listener's {@code run_timeout_ms}) answers 500 with the stop in the request
 * log.
 */
class TestRunawayBehaviors {
    /** 10^8 macro calls, none of them deeper than 9 or longer than ten nodes. */
    private static final String FAN_OUT = IntStream.rangeClosed(1, 8)
            .mapToObj(i -> "{% macro m" + i + "() %}" + ("{{ m" + (i - 1) + "() }}").repeat(10) + "{% endmacro %}")
            .collect(Collectors.joining("", "{% macro m0() %}{% endmacro %}", "{{ m8() }}"));
    /** Spins until the render limit (a billion empty loop passes). */
    private static final String SPIN = "{% for i in range(1000) %}{% for j in range(1000) %}"
            + "{% for k in range(1000) %}{% endfor %}{% endfor %}{% endfor %}";

    private static String behavior(String uid, String title, String nodes) {
        return "{\"uid\": \"" + uid + "\", \"title\": \"" + title + "\", \"is_disabled\": false, \"is_private\": false,"
                + " \"priority\": 50, \"event\": {\"key\": \"event.webhook.received\", \"label\": \"Webhook\"},"
                + " \"nodes\": " + nodes + "}";
    }

    private static String body(String template) {
        return "[{\"type\": \"action\", \"title\": \"Answer\", \"params\": {\"actions\": ["
                + "{\"action\": \"set_http_body\", \"value\": " + JSON.write(template) + "}]}}]";
    }

    private static final String LIKE = "[{\"type\": \"switch\", \"title\": \"Body\", \"nodes\": ["
            + "{\"type\": \"outcome\", \"title\": \"Like\", \"params\": {\"groups\": [{\"any\": 0, \"conditions\": ["
            + "{\"condition\": \"http_body\", \"oper\": \"like\", \"value\": \"*a*a*b*\"}]}]},"
            + " \"nodes\": [{\"type\": \"action\", \"title\": \"Yes\", \"params\": {\"actions\": ["
            + "{\"action\": \"set_http_body\", \"value\": \"matched\"}]}}]},"
            + "{\"type\": \"outcome\", \"title\": \"Else\", \"params\": {\"groups\": []},"
            + " \"nodes\": [{\"type\": \"action\", \"title\": \"No\", \"params\": {\"actions\": ["
            + "{\"action\": \"set_http_body\", \"value\": \"no match\"}]}}]}]}]";

    /** 200 items, each rendering a template that spins until its own render limit. */
    private static final String LOOP = "[{\"type\": \"loop\", \"title\": \"Each\", \"params\": {\"foreach_json\": "
            + JSON.write(JSON.write(IntStream.range(0, 200).boxed().toList())) + ", \"as_placeholder\": \"item\"},"
            + " \"nodes\": [{\"type\": \"action\", \"title\": \"Spin\", \"params\": {\"actions\": ["
            + "{\"action\": \"set_http_body\", \"value\": " + JSON.write(SPIN) + "}]}}]}]";

    private static final String PACKAGE = "{\"package\": {\"name\": \"Runaway\", \"revision\": 1, \"requires\": "
            + "{\"cerb_version\": \"8.3.0\", \"plugins\": [\"cerb.webhooks\"]}},"
            + " \"bots\": [{\"uid\": \"bot_runaway\", \"name\": \"Runaway Bot\", \"owner\": {\"context\": "
            + "\"cerberusweb.contexts.app\", \"id\": 0}, \"is_disabled\": false, \"params\": {\"config\": null},"
            + " \"behaviors\": [" + String.join(", ", behavior("b_like", "Like", LIKE),
                    behavior("b_fan", "Fan out", body(FAN_OUT)), behavior("b_loop", "Loop", LOOP)) + "]}]}";

    @Test
    void likeOnALargeBodyAnswersAndTheListenerIsNotLockedOut() {
        try (TestHost host = TestHost.start()) {
            Map<String, Long> ids = importPackage(host);
            String guid = (String) WebhookFixture.listener(host,
                    "{\"name\": \"like\", \"behavior_id\": " + ids.get("Like") + "}").get("guid");
            String large = "a".repeat(10_000);
            ExecutorService callers = Executors.newFixedThreadPool(8);
            try {
                List<Future<RawHttp.Response>> calls = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    calls.add(callers.submit(() -> call(host, "POST", guid, "Content-Type: text/plain", large)));
                }
                assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
                    for (Future<RawHttp.Response> c : calls) {
                        RawHttp.Response r = c.get();
                        assertThat(r.status()).isEqualTo(200);
                        assertThat(r.body()).isEqualTo("no match");
                    }
                });
            } finally {
                callers.shutdownNow();
            }
            RawHttp.Response next = call(host, "POST", guid, "Content-Type: text/plain", "xAxxaYb");
            assertThat(next.status()).isEqualTo(200);
            assertThat(next.body()).isEqualTo("matched");
        }
    }

    @Test
    void fannedOutMacrosStopAtTheRenderLimitAndRunsStopAtTheirDeadline() {
        try (TestHost host = TestHost.start(Map.of("SWITCHBOARD_TEMPLATES_RENDER_TIMEOUT_MS", "1000",
                "SWITCHBOARD_ENGINE_RUN_TIMEOUT_MS", "3000"))) {
            Map<String, Long> ids = importPackage(host);
            Map<String, Object> fan = WebhookFixture.listener(host,
                    "{\"name\": \"fan\", \"behavior_id\": " + ids.get("Fan out") + "}");
            Map<String, Object> tight = WebhookFixture.listener(host,
                    "{\"name\": \"tight\", \"behavior_id\": " + ids.get("Fan out") + ", \"run_timeout_ms\": 200}");
            assertThat(tight).containsEntry("run_timeout_ms", 200L);
            Map<String, Object> loop = WebhookFixture.listener(host,
                    "{\"name\": \"loop\", \"behavior_id\": " + ids.get("Loop") + "}");

            assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
                // the render limit (1 s) ends the render; the run had time left and answers what it built
                RawHttp.Response fanned = call(host, "GET", (String) fan.get("guid"), "", "");
                assertThat(fanned.status()).isEqualTo(200);
                assertThat(lastError(host, fan)).contains("1000 ms limit (templates.render_timeout_ms)");

                // the listener's 200 ms deadline ends the render and the run: a clear 500
                RawHttp.Response cut = call(host, "GET", (String) tight.get("guid"), "", "");
                assertThat(cut.status()).isEqualTo(500);
                assertThat(cut.body()).isEqualTo("<h1>500: Internal error</h1>");
                assertThat(lastError(host, tight)).contains("the run stopped")
                        .contains("200 ms deadline").contains("run_timeout_ms");

                // 200 renders of 1 s each: the host-wide 3 s run deadline ends the loop
                RawHttp.Response looped = call(host, "GET", (String) loop.get("guid"), "", "");
                assertThat(looped.status()).isEqualTo(500);
                assertThat(lastError(host, loop)).contains("the run stopped")
                        .contains("3000 ms deadline (engine.run_timeout_ms)");
            });
            assertThat(host.anonymous("GET", "/health", null).statusCode()).isEqualTo(200);
            HttpResponse<String> bad = host.admin("PATCH", "/api/webhooks/listeners/" + tight.get("id"),
                    "{\"run_timeout_ms\": 0}");
            assertThat(bad.statusCode()).isEqualTo(422);
            assertThat(bad.body()).contains("run_timeout_ms");
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Long> importPackage(TestHost host) {
        HttpResponse<String> r = host.admin("POST", "/api/packages/import", PACKAGE);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        Map<String, Long> ids = new HashMap<>();
        for (Map<String, Object> b : (List<Map<String, Object>>) map(r.body()).get("behaviors")) {
            ids.put((String) b.get("title"), ((Number) b.get("id")).longValue());
        }
        return ids;
    }

    /** The error and trace the request log kept for the listener's latest call. */
    @SuppressWarnings("unchecked")
    private static String lastError(TestHost host, Map<String, Object> listener) {
        String base = "/api/webhooks/listeners/" + listener.get("id") + "/requests";
        List<Map<String, Object>> requests = await("a request logged for listener " + listener.get("id"))
                .atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                .until(() -> (List<Map<String, Object>>) map(host.admin("GET", base, null).body()).get("requests"),
                        list -> !list.isEmpty());
        return JSON.write(map(host.admin("GET", base + "/" + requests.get(0).get("id"), null).body()));
    }
}
