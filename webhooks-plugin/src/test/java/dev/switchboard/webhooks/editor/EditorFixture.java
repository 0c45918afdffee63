package dev.switchboard.webhooks.editor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.host.json.HostJson;
import dev.switchboard.testkit.TestHost;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

/** Trees and calls shared by the behavior editor's tests: the Cerb guide's "Webhook Bot" answer, then a token check. */
final class EditorFixture {
    static final HostJson JSON = new HostJson();

    /** Answers 200 with {@code X-Bot} and a JSON body. */
    static final String ANSWER = """
            {"type": "action", "title": "Answer", "params": {"actions": [
              {"action": "set_http_header", "name": "X-Bot", "value": "{{ va_name }}"},
              {"action": "set_http_header", "name": "Content-Type", "value": "application/json"},
              {"action": "set_http_body", "value": "{\\"ok\\": true, \\"verb\\": \\"{{ http_verb }}\\"}"}
            ]}}""";

    /** Rejects with 401 unless header X-Token is s3cret, then exits. */
    static final String REJECT = """
            {"type": "switch", "title": "Token", "nodes": [
              {"type": "outcome", "title": "Reject unless X-Token is s3cret", "params": {"groups": [{"any": 0,
                "conditions": [{"condition": "http_header", "name": "X-Token", "oper": "!is", "value": "s3cret"}]}]},
               "nodes": [{"type": "action", "title": "401", "params": {"actions": [
                 {"action": "set_http_status", "value": "401"},
                 {"action": "set_http_body", "value": "bad token"},
                 {"action": "_exit"}]}}]}
            ]}""";

    private EditorFixture() {
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(String json) {
        return (Map<String, Object>) JSON.parse(json);
    }

    static Map<String, Object> ok(HttpResponse<String> r, int status) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        return map(r.body());
    }

    static long id(Map<String, Object> m) {
        return ((Number) m.get("id")).longValue();
    }

    /** A bot named "Webhook Bot" and a webhook behavior on it; returns the behavior id. */
    static long webhookBehavior(TestHost host) {
        long bot = id(ok(host.admin("POST", "/api/bots", "{\"name\": \"Webhook Bot\", \"config\": {}}"), 201));
        return id(ok(host.admin("POST", "/api/behaviors", "{\"bot_id\": " + bot + ", \"title\": \"Answer\","
                + " \"event\": \"event.webhook.received\"}"), 201));
    }

    /** The tree document {@code {version, nodes}}. */
    static Map<String, Object> tree(TestHost host, long behavior) {
        return ok(host.admin("GET", "/api/behaviors/" + behavior + "/tree", null), 200);
    }

    static long version(Map<String, Object> tree) {
        return ((Number) tree.get("version")).longValue();
    }

    static HttpResponse<String> put(TestHost host, long behavior, long version, String nodes, String note) {
        return host.admin("PUT", "/api/behaviors/" + behavior + "/tree", "{\"version\": " + version
                + ", \"nodes\": " + nodes + ", \"note\": " + JSON.write(note) + "}");
    }

    /** Saves a draft on the current version and publishes it. */
    static Map<String, Object> publish(TestHost host, long behavior, String nodes, String note) {
        Map<String, Object> saved = ok(put(host, behavior, version(tree(host, behavior)), nodes, note), 200);
        return ok(host.admin("POST", "/api/behaviors/" + behavior + "/publish",
                "{\"version\": " + version(saved) + "}"), 200);
    }

    /** A listener bound to the behavior; returns {id, guid, …}. */
    static Map<String, Object> listener(TestHost host, long behavior) {
        return ok(host.admin("POST", "/api/webhooks/listeners", "{\"name\": \"editor\", \"behavior_id\": " + behavior
                + "}"), 201);
    }

    static HttpResponse<String> call(TestHost host, Map<String, Object> listener, String token) {
        var request = host.request("POST", "/webhooks/" + listener.get("guid"), "{\"hello\": 1}");
        if (token != null) {
            request.header("X-Token", token);
        }
        return host.send(request);
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Map<?, ?> m, String key) {
        return (List<Object>) m.get(key);
    }
}
