package dev.switchboard.webhooks.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.host.json.HostJson;
import dev.switchboard.testkit.Receiver;
import dev.switchboard.testkit.TestHost;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * APIO's route-call events: a subscription with {@code route:METHOD regex} in its events receives the admin API
 * calls it picks, with the request and the response, never the credentials they carried.
 */
class TestRouteCallEvents {
    private static final HostJson JSON = new HostJson();
    private static final String BASE = "/api/webhooks/subscriptions";
    private static final Map<String, String> ENV = Map.of("SWITCHBOARD_OUTBOUND_ALLOWLIST", "127.0.0.1");

    @Test
    void aPickedApiCallIsDeliveredWithItsRequestAndResponse() throws Exception {
        try (Receiver receiver = new Receiver(); TestHost host = TestHost.start(ENV)) {
            created(host.admin("POST", BASE, "{\"name\": \"ticket-calls\", \"url\": \"" + receiver.url()
                    + "\", \"events\": [\"route:POST ^/api/tickets$\"], \"secret\": null}"));
            host.admin("GET", "/api/tickets", null);
            String ticket = created(host.admin("POST", "/api/tickets",
                    "{\"subject\": \"Printer on fire\", \"requester\": \"joe@example.com\"}"));
            host.admin("PATCH", "/api/tickets/" + ((Map<?, ?>) JSON.parse(ticket)).get("id"), "{\"status\": \"closed\"}");

            Receiver.Received got = receiver.await(1, Duration.ofSeconds(10)).get(0);
            Map<?, ?> payload = (Map<?, ?>) JSON.parse(got.body());
            assertThat(payload.get("event")).isEqualTo(Map.of("id", "api.route_called", "label", "API route called"));
            assertThat(payload.get("id")).isEqualTo(got.header("webhook-id"));
            Map<?, ?> request = (Map<?, ?>) payload.get("request");
            assertThat(request.get("tag")).isEqualTo("POST ^/api/tickets$");
            assertThat(request.get("method")).isEqualTo("POST");
            assertThat(request.get("url")).isEqualTo("/api/tickets");
            assertThat((String) request.get("body")).contains("Printer on fire");
            Map<?, ?> response = (Map<?, ?>) payload.get("response");
            assertThat(((Number) response.get("status")).intValue()).isEqualTo(201);
            assertThat(JSON.parse((String) response.get("body"))).isEqualTo(JSON.parse(ticket));
            assertThat(((Map<?, ?>) payload.get("data")).get("actor")).isNotNull();

            receiver.assertStaysAt(1, Duration.ofMillis(500)); // the GET and the PATCH were not picked
        }
    }

    @Test
    void credentialsInTheCallNeverReachTheReceiver() throws Exception {
        try (Receiver receiver = new Receiver(); TestHost host = TestHost.start(ENV)) {
            created(host.admin("POST", BASE, "{\"name\": \"config-audit\", \"url\": \"" + receiver.url()
                    + "\", \"events\": [\"route:* ^/api/webhooks/subscriptions\"]}"));
            String secret = (String) ((Map<?, ?>) JSON.parse(created(host.admin("POST", BASE, """
                    {"name": "erp", "url": "https://erp.example.com/in", "events": ["ticket.created"],
                     "auth": {"type": "basic", "username": "svc", "password": "hunter2-pass"},
                     "custom_header": {"name": "X-Api-Key", "value": "key-1234567"}}""")))).get("secret");

            // Two calls picked: creating config-audit itself (answered after it existed), then erp.
            Receiver.Received got = receiver.await(2, Duration.ofSeconds(10)).stream()
                    .filter(r -> r.body().contains("erp.example.com")).findFirst().orElseThrow();
            assertThat(got.body()).contains("\\\"username\\\":\\\"svc\\\"")
                    .doesNotContain("hunter2-pass", "key-1234567", secret);
        }
    }

    @Test
    void aBadRouteEntryIs422NamingEvents() {
        try (TestHost host = TestHost.start()) {
            for (String entry : List.of("route:FETCH ^/api", "route:POST [unclosed", "route:POST")) {
                HttpResponse<String> r = host.admin("POST", BASE, "{\"name\": \"bad\", \"url\": "
                        + "\"https://x.example.com\", \"events\": [\"" + entry + "\"]}");
                assertThat(r.statusCode()).as(entry).isEqualTo(422);
                assertThat(r.body()).as(entry).contains("\"path\":\"events\"").contains("route");
            }
            assertThat(host.admin("GET", BASE, null).body()).doesNotContain("\"bad\"");
        }
    }

    private static String created(HttpResponse<String> r) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return r.body();
    }
}
