package dev.switchboard.webhooks;

import static dev.switchboard.webhooks.WebhookFixture.call;
import static dev.switchboard.webhooks.WebhookFixture.map;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.switchboard.testkit.TestHost;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code http_request} in a behavior imported as a Cerb package: it calls a JSON API on 127.0.0.1, maps the
 * answer into variables and answers the webhook caller with them; a refused call sets {@code error} and the
 * behavior goes on; the simulator does not send.
 */
class TestHttpRequestAction {
    private static final String PACKAGE = """
            {
              "package": {"name": "Lookup", "revision": 1,
                "requires": {"cerb_version": "8.3.0", "plugins": ["cerb.webhooks"]},
                "configure": {"prompts": [], "placeholders": []}},
              "bots": [{
                "uid": "bot_lookup", "name": "Lookup Bot", "owner": {"context": "cerberusweb.contexts.app", "id": 0},
                "is_disabled": false, "params": {"config": null},
                "behaviors": [
                  {"uid": "b_lookup", "title": "Lookup", "is_disabled": false, "is_private": false, "priority": 50,
                   "event": {"key": "event.webhook.received", "label": "Webhook received"},
                   "nodes": [
                     {"type": "action", "title": "Call", "params": {"actions": [
                       {"action": "core.va.action.http_request", "http_verb": "post",
                        "http_url": "{{ http_params.api }}/tickets?id={{ http_params.id }}",
                        "http_headers": "Content-Type: application/json\\nX-Caller: {{ http_params.id }}",
                        "http_body": "{{ {'id': http_params.id}|json_encode }}",
                        "timeout": 5, "response_placeholder": "_http_response",
                        "response_mappers": {"ticket_status": "{{ _http_response.body.ticket.status }}"}},
                       {"action": "set_http_body", "value": "{{ {'code': _http_response.info.http_code, 'status': ticket_status, 'type': _http_response.content_type, 'server': _http_response.headers['x-server'], 'error': _http_response.error}|json_encode }}"}
                     ]}}
                   ]}
                ]
              }]
            }
            """;

    private HttpServer api;
    private final List<String> received = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startApi() throws IOException {
        api = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        api.createContext("/tickets", exchange -> {
            received.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " "
                    + exchange.getRequestHeaders().getFirst("X-Caller") + " "
                    + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            byte[] body = "{\"ticket\": {\"status\": \"waiting\"}}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
            exchange.getResponseHeaders().add("X-Server", "crm");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        api.start();
    }

    @AfterEach
    void stopApi() {
        api.stop(0);
    }

    private String apiUrl() {
        return "http://127.0.0.1:" + api.getAddress().getPort();
    }

    private static long importLookup(TestHost host) {
        HttpResponse<String> r = host.admin("POST", "/api/packages/import", PACKAGE);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> behaviors = (List<Map<String, Object>>) map(r.body()).get("behaviors");
        return ((Number) behaviors.get(0).get("id")).longValue();
    }

    @Test
    void aWebhookCallsAnApiAndAnswersWithTheMappedResponse() {
        try (TestHost host = TestHost.start(Map.of("SWITCHBOARD_OUTBOUND_ALLOWLIST", "127.0.0.1"))) {
            long behavior = importLookup(host);
            Map<String, Object> listener = WebhookFixture.listener(host,
                    "{\"name\": \"lookup\", \"behavior_id\": " + behavior + "}");
            RawHttp.Response r = call(host, "GET", listener.get("guid") + "?id=42&api=" + apiUrl(), "", "");

            assertThat(r.status()).isEqualTo(200);
            assertThat(map(r.body())).containsEntry("code", 200L).containsEntry("status", "waiting")
                    .containsEntry("type", "application/json").containsEntry("server", "crm")
                    .containsEntry("error", null);
            assertThat(received).containsExactly("POST /tickets?id=42 42 {\"id\":\"42\"}");
        }
    }

    @Test
    void aRefusedCallSetsTheErrorAndTheBehaviorGoesOn() {
        try (TestHost host = TestHost.start()) {
            long behavior = importLookup(host);
            Map<String, Object> listener = WebhookFixture.listener(host,
                    "{\"name\": \"lookup\", \"behavior_id\": " + behavior + "}");
            RawHttp.Response r = call(host, "GET", listener.get("guid") + "?id=42&api=" + apiUrl(), "", "");

            assertThat(r.status()).isEqualTo(200);
            assertThat((String) map(r.body()).get("error")).contains("blocked address").contains("127.0.0.0/8");
            assertThat(received).isEmpty();
        }
    }

    @Test
    void theSimulatorDoesNotSend() {
        try (TestHost host = TestHost.start(Map.of("SWITCHBOARD_OUTBOUND_ALLOWLIST", "127.0.0.1"))) {
            long behavior = importLookup(host);
            Map<String, Object> placeholders = new HashMap<>();
            placeholders.put("http_params", Map.of("id", "7", "api", apiUrl()));
            HttpResponse<String> sim = host.admin("POST", "/api/behaviors/" + behavior + "/simulate",
                    WebhookFixture.JSON.write(placeholders));

            assertThat(sim.statusCode()).as(sim.body()).isEqualTo(200);
            assertThat(sim.body()).contains("not sent in the simulator");
            assertThat(received).isEmpty();
        }
    }
}
