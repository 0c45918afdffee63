package dev.switchboard.webhooks;

import static dev.switchboard.webhooks.WebhookFixture.call;
import static dev.switchboard.webhooks.WebhookFixture.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.testkit.TestHost;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Credentials never come out in clear (issue 19, 9): a bot's secret config is sealed at rest and masked by the bots
 * API, the simulator and export while behaviors still use it; {@code http_request} header credentials are masked in
 * the trace and the simulator; secret query parameters are masked in the request log. One policy, one mask.
 */
class TestCredentialRedaction {
    private static final String BOT_SECRET = "S3cr3tValue-xyz";
    private static final String PACKAGE = """
            {
              "package": {"name": "Secretive", "revision": 1,
                "requires": {"cerb_version": "8.3.0", "plugins": ["cerb.webhooks"]},
                "configure": {"prompts": [
                  {"type": "text", "key": "hook_secret", "label": "Shared secret", "params": {}, "hidden": true},
                  {"type": "text", "key": "greeting", "label": "Greeting", "params": {}}
                ], "placeholders": []}},
              "bots": [{
                "uid": "bot_s", "name": "Secret Bot", "owner": {"context": "cerberusweb.contexts.app", "id": 0},
                "is_disabled": false,
                "params": {"config": {"shared": "{{{hook_secret}}}", "greeting": "{{{greeting}}}",
                                      "api_token": "named-like-a-token-42"}},
                "behaviors": [
                  {"uid": "b_s", "title": "Uses the secret", "is_disabled": false, "is_private": false,
                   "priority": 50, "event": {"key": "event.webhook.received", "label": "Webhook received"},
                   "nodes": [
                     {"type": "action", "title": "Use", "params": {"actions": [
                       {"action": "_set_custom_var", "var": "copy", "value": "{{ va_config.shared }}"},
                       {"action": "core.va.action.http_request", "http_verb": "get",
                        "http_url": "http://127.0.0.1:9/x?api_key=K3yValue123&page=2",
                        "http_headers": "Authorization: Bearer T0kenValue999\\nX-Trace: visible",
                        "timeout": 2, "response_placeholder": "_r"},
                       {"action": "set_http_body", "value": "{{ va_config.greeting }} {{ va_config.shared|length }}"}
                     ]}}
                   ]}
                ]
              }]
            }
            """;

    private static long importPackage(TestHost host) {
        String query = "?hook_secret=" + URLEncoder.encode(BOT_SECRET, StandardCharsets.UTF_8) + "&greeting=hello";
        HttpResponse<String> r = host.admin("POST", "/api/packages/import" + query, PACKAGE);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> behaviors = (List<Map<String, Object>>) map(r.body()).get("behaviors");
        return ((Number) behaviors.get(0).get("id")).longValue();
    }

    @Test
    @SuppressWarnings("unchecked")
    void aBotsSecretConfigIsSealedAtRestMaskedInEveryOutputAndStillUsedByItsBehaviors() throws Exception {
        try (TestHost host = TestHost.start()) {
            long behavior = importPackage(host);
            String bots = host.admin("GET", "/api/bots", null).body();
            assertThat(bots).doesNotContain(BOT_SECRET).doesNotContain("named-like-a-token-42")
                    .contains("\"shared\":\"********\"").contains("\"api_token\":\"********\"")
                    .contains("\"greeting\":\"hello\"").contains("\"secret_config\":[\"api_token\",\"shared\"]");
            Map<String, Object> bot = ((List<Map<String, Object>>) map(bots).get("bots")).get(0);
            assertThat(host.admin("GET", "/api/bots/" + bot.get("id"), null).body()).doesNotContain(BOT_SECRET);

            var row = host.host().database().read(sql -> sql.first("SELECT params, secrets FROM bot")).orElseThrow();
            assertThat(row.getString("params")).doesNotContain(BOT_SECRET).contains("********");
            assertThat(new String(row.getBytes("secrets"), StandardCharsets.ISO_8859_1)).doesNotContain(BOT_SECRET);

            Map<String, Object> listener = WebhookFixture.listener(host,
                    "{\"name\": \"s\", \"behavior_id\": " + behavior + "}");
            RawHttp.Response live = call(host, "GET", listener.get("guid") + "?x=1", "", "");
            assertThat(live.body()).as("the engine sees the real value").isEqualTo("hello " + BOT_SECRET.length());

            String simulated = host.admin("POST", "/api/behaviors/" + behavior + "/simulate", "{}").body();
            assertThat(simulated).doesNotContain(BOT_SECRET).doesNotContain("named-like-a-token-42")
                    .contains("\"shared\":\"********\"");

            String base = "/api/webhooks/listeners/" + listener.get("id") + "/requests";
            List<Map<String, Object>> logged = waitFor(() -> (List<Map<String, Object>>) map(
                    host.admin("GET", base, null).body()).get("requests"));
            assertThat(host.admin("GET", base + "/" + logged.get(0).get("id"), null).body())
                    .doesNotContain(BOT_SECRET);

            String exported = host.admin("GET", "/api/bots/" + bot.get("id") + "/export", null).body();
            assertThat(exported).doesNotContain(BOT_SECRET).doesNotContain("named-like-a-token-42")
                    .contains("{{{shared}}}").contains("\"hidden\":true");
            HttpResponse<String> again = host.admin("POST", "/api/packages/import?shared=another-secret-1"
                    + "&api_token=another-token-2&on_duplicate=import_again", exported);
            assertThat(again.statusCode()).as(again.body()).isEqualTo(201);
            assertThat(host.admin("GET", "/api/bots", null).body()).doesNotContain("another-secret-1");
        }
    }

    @Test
    void httpRequestCredentialsAreMaskedInTheSimulatorAndTheRequestLogTrace() throws Exception {
        try (TestHost host = TestHost.start()) {
            long behavior = importPackage(host);
            String simulated = host.admin("POST", "/api/behaviors/" + behavior + "/simulate", "{}").body();
            assertThat(simulated).doesNotContain("T0kenValue999").doesNotContain("K3yValue123")
                    .contains("Authorization: ********").contains("X-Trace: visible").contains("api_key=********")
                    .contains("page=2");

            Map<String, Object> listener = WebhookFixture.listener(host,
                    "{\"name\": \"s\", \"behavior_id\": " + behavior + "}");
            call(host, "GET", listener.get("guid") + "", "", "");
            String base = "/api/webhooks/listeners/" + listener.get("id") + "/requests";
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> logged = waitFor(() -> (List<Map<String, Object>>) map(
                    host.admin("GET", base, null).body()).get("requests"));
            String detail = host.admin("GET", base + "/" + logged.get(0).get("id"), null).body();
            assertThat(detail).contains("http_request").contains("Authorization: ********")
                    .doesNotContain("T0kenValue999").doesNotContain("K3yValue123");
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void secretQueryParametersAreMaskedInTheRequestLog() throws Exception {
        try (TestHost host = TestHost.start()) {
            long echo = WebhookFixture.importPackage(host).get("Echo");
            Map<String, Object> listener = WebhookFixture.listener(host,
                    "{\"name\": \"echo\", \"behavior_id\": " + echo + "}");
            RawHttp.Response live = call(host, "GET", listener.get("guid")
                    + "?token=Qu3ryT0ken&x=1&api_key=Ap1Key777&password=pw12345", "", "");
            assertThat(live.body()).as("the behavior saw them").contains("Qu3ryT0ken");
            String base = "/api/webhooks/listeners/" + listener.get("id") + "/requests";
            List<Map<String, Object>> logged = waitFor(() -> (List<Map<String, Object>>) map(
                    host.admin("GET", base, null).body()).get("requests"));
            assertThat(logged.get(0)).containsEntry("query", "token=********&x=1&api_key=********&password=********");
            String detail = host.admin("GET", base + "/" + logged.get(0).get("id"), null).body();
            assertThat(detail).doesNotContain("Qu3ryT0ken").doesNotContain("Ap1Key777").doesNotContain("pw12345")
                    .contains("x=1");
        }
    }

    @Test
    void botsStoredInClearByAnOlderVersionAreSealedAtStart() {
        java.nio.file.Path dir;
        try (TestHost host = TestHost.start()) {
            dir = host.dir();
            host.host().database().write(sql -> sql.update("INSERT INTO bot(uid, name, is_disabled, params, owner,"
                    + " created_at, updated_at) VALUES ('old', 'Old Bot', 0, ?, '{}', 0, 0)",
                    "{\"config\": {\"github_secret\": \"" + BOT_SECRET + "\", \"team\": \"blue\"}}"));
        }
        try (TestHost host = TestHost.start(dir, Map.of())) {
            var row = host.host().database().read(sql -> sql.first("SELECT params, secrets FROM bot")).orElseThrow();
            assertThat(row.getString("params")).doesNotContain(BOT_SECRET).contains("blue");
            assertThat(row.getBytes("secrets")).isNotNull();
            assertThat(host.host().engine().store().bots().get(0).config())
                    .isEqualTo(Map.of("github_secret", BOT_SECRET, "team", "blue"));
            assertThat(host.admin("GET", "/api/bots", null).body()).doesNotContain(BOT_SECRET);
        }
    }

    private static <T> List<T> waitFor(Supplier<List<T>> read) {
        List<T> got = await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                .until(read::get, list -> !list.isEmpty());
        return got;
    }
}
