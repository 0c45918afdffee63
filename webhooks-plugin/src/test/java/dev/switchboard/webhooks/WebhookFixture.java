package dev.switchboard.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.host.json.HostJson;
import dev.switchboard.testkit.TestHost;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A package with webhook behaviors made for tests ("Echo" answers every placeholder as JSON and exercises each
 * response action; "Other" answers "other"; "Ticket" is on another event) and a listener record for "Echo".
 */
final class WebhookFixture {
    static final HostJson JSON = new HostJson();

    static final String PACKAGE = """
            {
              "package": {"name": "Hooks", "revision": 1,
                "requires": {"cerb_version": "8.3.0", "plugins": ["cerb.webhooks"]},
                "configure": {"prompts": [], "placeholders": []}},
              "bots": [{
                "uid": "bot_hooks", "name": "Hook Bot", "owner": {"context": "cerberusweb.contexts.app", "id": 0},
                "is_disabled": false, "params": {"config": null},
                "behaviors": [
                  {"uid": "b_echo", "title": "Echo", "is_disabled": false, "is_private": false, "priority": 50,
                   "event": {"key": "event.webhook.received", "label": "Webhook received"},
                   "nodes": [
                     {"type": "action", "title": "Echo", "params": {"actions": [
                       {"action": "set_http_header", "name": "X-First", "value": "1"},
                       {"action": "set_http_header", "name": "X-Echo", "value": "a"},
                       {"action": "set_http_header", "name": "x-echo", "value": "b"},
                       {"action": "set_http_header", "name": "X-Injected", "value": "{{ http_params.inject }}"},
                       {"action": "set_http_status", "value": "{{ http_params.status|default('200') }}"},
                       {"action": "set_http_body", "value": "first"},
                       {"action": "set_http_body", "value": "{{ {'verb': http_verb, 'path': http_path, 'headers': http_headers, 'params': http_params, 'body': http_body}|json_encode }}"}
                     ]}},
                     {"type": "switch", "title": "Mode", "nodes": [
                       {"type": "outcome", "title": "Teapot", "params": {"groups": [{"any": 0, "conditions": [
                         {"condition": "http_header", "name": "X-Mode", "oper": "is", "value": "teapot"}]}]},
                        "nodes": [{"type": "action", "title": "418", "params": {"actions": [
                          {"action": "set_http_status", "value": "418 I'm a teapot"}]}}]},
                       {"type": "outcome", "title": "Gone", "params": {"groups": [{"any": 0, "conditions": [
                         {"condition": "http_param", "name": "Mode-X", "oper": "is", "value": "gone"}]}]},
                        "nodes": [{"type": "action", "title": "410", "params": {"actions": [
                          {"action": "set_http_status", "value": "410"}]}}]}
                     ]}
                   ]},
                  {"uid": "b_other", "title": "Other", "is_disabled": false, "is_private": false, "priority": 50,
                   "event": {"key": "event.webhook.received", "label": "Webhook received"},
                   "nodes": [{"type": "action", "title": "Other", "params": {"actions": [
                     {"action": "set_http_body", "value": "other"}]}}]},
                  {"uid": "b_ticket", "title": "Ticket", "is_disabled": false, "is_private": false, "priority": 50,
                   "event": {"key": "ticket.created", "label": "Ticket created"},
                   "nodes": [{"type": "action", "title": "Var", "params": {"actions": [
                     {"action": "_set_custom_var", "var": "x", "value": "1"}]}}]}
                ]
              }],
              "records": [{"uid": "listener_echo", "_context": "webhook_listener", "name": "From package",
                           "extension_id": "cerb.webhooks.listener.engine.va",
                           "extension_params": {"behavior_id": "{{{uid.b_echo}}}"}}]
            }
            """;

    private WebhookFixture() {
    }

    /** Imports the package; returns behavior ids by title. */
    @SuppressWarnings("unchecked")
    static Map<String, Long> importPackage(TestHost host) {
        HttpResponse<String> r = host.admin("POST", "/api/packages/import", PACKAGE);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        Map<String, Long> ids = new HashMap<>();
        for (Map<String, Object> b : (List<Map<String, Object>>) map(r.body()).get("behaviors")) {
            ids.put((String) b.get("title"), ((Number) b.get("id")).longValue());
        }
        return ids;
    }

    /** Creates a listener through the API and returns it. */
    static Map<String, Object> listener(TestHost host, String json) {
        HttpResponse<String> r = host.admin("POST", "/api/webhooks/listeners", json);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return map(r.body());
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(String json) {
        return (Map<String, Object>) JSON.parse(json);
    }

    /** Sends a request to a listener over a raw socket. */
    static RawHttp.Response call(TestHost host, String method, String guidAndQuery, String extraHeaders,
                                 String body) {
        int port = host.host().port();
        byte[] bytes = body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        String head = method + " /webhooks/" + guidAndQuery + " HTTP/1.1\r\nHost: 127.0.0.1:" + port
                + (extraHeaders.isEmpty() ? "" : "\r\n" + extraHeaders)
                + (bytes.length > 0 ? "\r\nContent-Length: " + bytes.length : "");
        return RawHttp.send(port, head, bytes);
    }
}
