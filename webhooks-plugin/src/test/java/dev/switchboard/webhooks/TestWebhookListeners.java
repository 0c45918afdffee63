package dev.switchboard.webhooks;

import static dev.switchboard.webhooks.WebhookFixture.call;
import static dev.switchboard.webhooks.WebhookFixture.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.testkit.TestHost;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Listeners over the real API and real HTTP: package records, create/update/delete, 422 for a behavior on another
 * event, regenerate (old URL dead at once), rebinding seen on the next request, 404/503/413/429.
 */
class TestWebhookListeners {
    @Test
    @SuppressWarnings("unchecked")
    void listenersAreManagedThroughTheApiAndChangesApplyOnTheNextRequest() {
        try (TestHost host = TestHost.start()) {
            Map<String, Long> behaviors = WebhookFixture.importPackage(host);
            List<Map<String, Object>> listed = (List<Map<String, Object>>) map(
                    host.admin("GET", "/api/webhooks/listeners", null).body()).get("listeners");
            assertThat(listed).singleElement().satisfies(l -> {
                assertThat(l).containsEntry("name", "From package")
                        .containsEntry("behavior_id", behaviors.get("Echo"));
                assertThat((String) l.get("guid")).matches("[0-9a-f]{40}");
            });

            HttpResponse<String> wrongEvent = host.admin("POST", "/api/webhooks/listeners",
                    "{\"name\": \"x\", \"behavior_id\": " + behaviors.get("Ticket") + "}");
            assertThat(wrongEvent.statusCode()).isEqualTo(422);
            assertThat(wrongEvent.body()).contains("\"path\":\"behavior_id\"").contains("ticket.created");
            assertThat(host.admin("POST", "/api/webhooks/listeners", "{\"behavior_id\": 1}").statusCode())
                    .isEqualTo(422);
            HttpResponse<String> unknownField = host.admin("POST", "/api/webhooks/listeners",
                    "{\"name\": \"x\", \"bogus\": 1}");
            assertThat(unknownField.statusCode()).isEqualTo(422);
            assertThat(unknownField.body()).contains("\"path\":\"bogus\"");
            assertThat(host.admin("POST", "/api/webhooks/listeners", "{\"name\": ").statusCode()).isEqualTo(400);
            HttpResponse<String> wrongMethod = host.admin("PUT", "/api/webhooks/listeners", "{}");
            assertThat(wrongMethod.statusCode()).isEqualTo(405);
            assertThat(wrongMethod.headers().firstValue("Allow")).hasValue("GET, POST");
            assertThat(host.admin("GET", "/api/webhooks/listeners/abc", null).statusCode()).isEqualTo(404);

            Map<String, Object> created = WebhookFixture.listener(host,
                    "{\"name\": \"Mine\", \"behavior_id\": " + behaviors.get("Echo") + "}");
            String id = String.valueOf(created.get("id"));
            String guid = (String) created.get("guid");
            assertThat(created.keySet()).contains("id", "name", "guid", "url", "behavior_id", "updated_at");
            assertThat(call(host, "GET", guid, "", "").body()).contains("\"verb\":\"GET\"");

            HttpResponse<String> rebound = host.admin("PATCH", "/api/webhooks/listeners/" + id,
                    "{\"behavior_id\": " + behaviors.get("Other") + "}");
            assertThat(rebound.statusCode()).as(rebound.body()).isEqualTo(200);
            assertThat(call(host, "GET", guid, "", "").body()).isEqualTo("other");
            assertThat(host.admin("PATCH", "/api/webhooks/listeners/" + id,
                    "{\"behavior_id\": " + behaviors.get("Ticket") + "}").statusCode()).isEqualTo(422);
            assertThat(call(host, "GET", guid, "", "").body()).isEqualTo("other");

            Map<String, Object> regenerated = map(host.admin("POST", "/api/webhooks/listeners/" + id + "/regenerate",
                    null).body());
            String newGuid = (String) regenerated.get("guid");
            assertThat(newGuid).matches("[0-9a-f]{40}").isNotEqualTo(guid);
            assertThat(call(host, "GET", guid, "", "").status()).isEqualTo(404);
            assertThat(call(host, "GET", newGuid + "/any/path", "", "").body()).isEqualTo("other");

            assertThat(host.admin("DELETE", "/api/webhooks/listeners/" + id, null).statusCode()).isEqualTo(204);
            assertThat(call(host, "GET", newGuid, "", "").status()).isEqualTo(404);
            assertThat(host.admin("GET", "/api/webhooks/listeners/" + id, null).statusCode()).isEqualTo(404);
            assertThat(call(host, "GET", "0".repeat(40), "", "").status()).isEqualTo(404);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void listenerBodiesAreBoundStrictlyAndAPatchKeepsWhatItDoesNotSend() {
        try (TestHost host = TestHost.start()) {
            Map<String, Long> behaviors = WebhookFixture.importPackage(host);
            String echo = String.valueOf(behaviors.get("Echo"));
            // One 422 naming the field, for a create and a change alike; nothing is written.
            Map<String, String> refused = Map.of(
                    "{\"name\": \"x\", \"behavior_id\": \"" + echo + "\"}", "behavior_id",
                    "{\"name\": 7, \"behavior_id\": " + echo + "}", "name",
                    "{\"name\": \"x\", \"behavior_id\": " + echo + ", \"body_limit\": \"big\"}", "body_limit",
                    "{\"name\": \"x\", \"behavior_id\": " + echo + ", \"rate_limit\": 1.5}", "rate_limit",
                    "{\"name\": \"x\", \"behavior_id\": " + echo + ", \"log_mode\": \"sometimes\"}", "log_mode",
                    "{\"name\": \"x\", \"behavior_id\": " + echo + ", \"run_timeout_ms\": 5}", "run_timeout_ms",
                    "{\"name\": \"x\", \"behavior_id\": " + echo + ", \"extension_params\": []}", "extension_params");
            refused.forEach((body, field) -> {
                HttpResponse<String> r = host.admin("POST", "/api/webhooks/listeners", body);
                assertThat(r.statusCode()).as(body).isEqualTo(422);
                assertThat(((Map<String, Object>) map(r.body()).get("error")).get("path")).as(body).isEqualTo(field);
            });
            assertThat((List<?>) map(host.admin("GET", "/api/webhooks/listeners", null).body()).get("listeners"))
                    .hasSize(1); // the package's only

            Map<String, Object> created = WebhookFixture.listener(host, "{\"name\": \"Limits\", \"behavior_id\": "
                    + echo + ", \"rate_limit\": 60, \"body_limit\": 2048, \"log_mode\": \"best_effort\"}");
            String path = "/api/webhooks/listeners/" + created.get("id");
            for (String body : List.of("{\"rate_limit\": \"60\"}", "{\"colour\": 1}", "{\"name\": null}",
                    "{\"max_concurrent\": 0}")) {
                HttpResponse<String> r = host.admin("PATCH", path, body);
                assertThat(r.statusCode()).as(body).isEqualTo(422);
            }
            Map<String, Object> renamed = map(host.admin("PATCH", path, "{\"name\": \"Renamed\"}").body());
            assertThat(renamed).containsEntry("name", "Renamed").containsEntry("rate_limit", 60L)
                    .containsEntry("body_limit", 2048L).containsEntry("log_mode", "best_effort");
            Map<String, Object> cleared = map(host.admin("PATCH", path,
                    "{\"rate_limit\": null, \"log_mode\": null}").body());
            assertThat(cleared).containsEntry("rate_limit", null).containsEntry("body_limit", 2048L)
                    .containsEntry("log_mode", "best_effort").containsEntry("name", "Renamed");
        }
    }

    @Test
    void aChangeMadeByAnotherProcessIsPickedUpByPollingTheChangeVersion() throws InterruptedException {
        try (TestHost host = TestHost.start()) {
            Map<String, Long> behaviors = WebhookFixture.importPackage(host);
            Map<String, Object> created = WebhookFixture.listener(host,
                    "{\"name\": \"Mine\", \"behavior_id\": " + behaviors.get("Echo") + "}");
            String guid = (String) created.get("guid");
            assertThat(call(host, "GET", guid, "", "").body()).contains("\"verb\":\"GET\"");
            // written straight to the database, as another process would: only the version poll can notice it
            host.host().database().write(sql -> {
                sql.update("UPDATE webhook_listener SET behavior_id = ? WHERE id = ?", behaviors.get("Other"),
                        ((Number) created.get("id")).longValue());
                return sql.update("UPDATE webhook_listener_version SET version = version + 1");
            });
            await("the listener answers with the other behavior").atMost(Duration.ofSeconds(10))
                    .pollInterval(Duration.ofMillis(100)).until(() -> call(host, "GET", guid, "", "").body(), "other"::equals);
        }
    }

    @Test
    void disabledBehaviorBodyLimitAndRateLimitAnswer503And413And429() {
        try (TestHost host = TestHost.start()) {
            Map<String, Long> behaviors = WebhookFixture.importPackage(host);
            long echo = behaviors.get("Echo");
            String small = (String) WebhookFixture.listener(host,
                    "{\"name\": \"small\", \"behavior_id\": " + echo + ", \"body_limit\": 10}").get("guid");
            assertThat(call(host, "POST", small, "", "0123456789").status()).isEqualTo(200);
            RawHttp.Response tooLarge = call(host, "POST", small, "", "0123456789A");
            assertThat(tooLarge.status()).isEqualTo(413);

            String limited = (String) WebhookFixture.listener(host,
                    "{\"name\": \"limited\", \"behavior_id\": " + echo + ", \"rate_limit\": 1}").get("guid");
            assertThat(call(host, "GET", limited, "", "").status()).isEqualTo(200);
            RawHttp.Response throttled = call(host, "GET", limited, "", "");
            assertThat(throttled.status()).isEqualTo(429);
            assertThat(Long.parseLong(throttled.header("Retry-After"))).isBetween(1L, 60L);

            assertThat(host.admin("POST", "/api/behaviors/" + echo + "/disable", null).statusCode()).isEqualTo(200);
            RawHttp.Response unavailable = call(host, "GET", small, "", "");
            assertThat(unavailable.status()).isEqualTo(503);
            assertThat(unavailable.body()).isEqualTo("<h1>503: Temporarily unavailable</h1>");
            assertThat(unavailable.header("X-Frame-Options")).isEqualTo("SAMEORIGIN");
        }
    }
}
