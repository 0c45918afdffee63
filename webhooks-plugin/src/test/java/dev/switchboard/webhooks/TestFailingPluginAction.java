package dev.switchboard.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.host.json.HostJson;
import dev.switchboard.testkit.PluginJar;
import dev.switchboard.testkit.TestHost;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 21 item 4 as a webhook caller sees it: a plugin action that throws {@code StackOverflowError} fails like any
 * action — the behavior's normal answer (the failed node ends, the next node runs), a request-log row naming the
 * failure — instead of an empty 500 with no row.
 */
class TestFailingPluginAction {
    private static final HostJson JSON = new HostJson();
    private static final String PACKAGE = """
            {"package": {"name": "Deep", "requires": {"cerb_version": "8.3.0", "plugins": ["cerb.webhooks", "acme-overflow"]}},
             "bots": [{"uid": "bot_deep", "name": "Deep", "is_disabled": false, "params": {},
               "owner": {"context": "cerberusweb.contexts.app", "id": 0},
               "behaviors": [{"uid": "deep", "title": "Deep", "is_disabled": false, "is_private": false,
                 "priority": 50, "event": {"key": "event.webhook.received"}, "variables": {},
                 "nodes": [
                   {"type": "action", "title": "Recurse", "params": {"actions": [
                     {"action": "set_http_body", "value": "before"},
                     {"action": "acme_overflow"},
                     {"action": "set_http_body", "value": "skipped"}]}},
                   {"type": "action", "title": "Answer", "params": {"actions": [
                     {"action": "set_http_header", "name": "X-Next-Node", "value": "ran"}]}}]}]}]}
            """;

    @Test
    @SuppressWarnings("unchecked")
    void aStackOverflowInAPluginActionGetsTheBehaviorsAnswerAndARequestLogRow() {
        PluginJar overflow = new PluginJar("acme-overflow", null)
                .source("acme.overflow.Overflow", """
                        package acme.overflow;

                        import dev.switchboard.api.*;
                        import java.util.*;
                        import org.pf4j.Extension;

                        @Extension
                        public final class Overflow implements Action {
                            public String id() { return "acme_overflow"; }
                            public String label() { return "Overflow"; }
                            public List<ActionParam> params() { return List.of(); }
                            public void execute(ActionContext ctx, Map<String, Object> params) { down(0); }
                            private static int down(int n) { return down(n + 1) + 1; }
                        }
                        """)
                .extension("acme.overflow.Overflow");
        try (TestHost host = PluginJar.hostWith(overflow)) {
            assertThat(host.admin("POST", "/api/plugins/acme-overflow/enable", null).statusCode()).isEqualTo(200);
            HttpResponse<String> imported = host.admin("POST", "/api/packages/import", PACKAGE);
            assertThat(imported.statusCode()).as(imported.body()).isEqualTo(201);
            Object behaviorId = ((Map<String, Object>) ((List<?>) ((Map<String, Object>) JSON.parse(imported.body()))
                    .get("behaviors")).get(0)).get("id");
            Map<String, Object> listener = (Map<String, Object>) JSON.parse(host.admin("POST",
                    "/api/webhooks/listeners", "{\"name\": \"deep\", \"behavior_id\": " + behaviorId + "}").body());
            assertThat(listener).containsEntry("log_mode", "durable");

            HttpResponse<String> r = host.anonymous("GET", "/webhooks/" + listener.get("guid"), null);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            assertThat(r.body()).isEqualTo("before");
            assertThat(r.headers().firstValue("X-Next-Node")).hasValue("ran");

            Map<String, Object> log = (Map<String, Object>) JSON.parse(host.admin("GET", "/api/webhooks/listeners/"
                    + listener.get("id") + "/requests", null).body());
            List<Map<String, Object>> requests = (List<Map<String, Object>>) log.get("requests");
            assertThat(requests).as(String.valueOf(log)).hasSize(1);
            assertThat(String.valueOf(requests.get(0).get("error")))
                    .contains("node 'Recurse' (acme_overflow): StackOverflowError");
        }
    }
}
