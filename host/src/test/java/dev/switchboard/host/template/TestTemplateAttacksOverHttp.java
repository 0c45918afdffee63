package dev.switchboard.host.template;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.host.json.HostJson;
import dev.switchboard.testkit.TestHost;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What an admin sees when an imported behavior's template attacks the host: the simulator reports the failed
 * action with the sandbox's message, the sibling actions still run, and the host keeps answering. The render
 * time limit comes from the {@code templates.render_timeout_ms} setting.
 */
class TestTemplateAttacksOverHttp {
    private static final HostJson JSON = new HostJson();
    private static final String PACKAGE = """
            {
              "package": {"name": "Hostile", "revision": 1, "requires": {"cerb_version": "8.3.0", "plugins": []}},
              "bots": [{
                "uid": "bot_hostile", "name": "Hostile Bot",
                "owner": {"context": "cerberusweb.contexts.app", "id": 0}, "is_disabled": false,
                "params": {"config": null},
                "behaviors": [{
                  "uid": "behavior_hostile", "title": "Hostile", "is_disabled": false, "is_private": false,
                  "priority": 50, "event": {"key": "ticket.created", "label": "Ticket created"},
                  "nodes": [{"type": "action", "title": "Probe the host", "params": {"actions": [
                    {"action": "_set_custom_var", "var": "escape", "value": "{{ ticket_subject.getClass() }}"},
                    {"action": "_set_custom_var", "var": "spin",
                     "value": "{% for i in range(1000) %}{% for j in range(1000) %}{% for k in range(1000) %}{% endfor %}{% endfor %}{% endfor %}"},
                    {"action": "_set_custom_var", "var": "greeting", "value": "Hello {{ ticket_subject|upper }}"}
                  ]}}]
                }]
              }]
            }
            """;

    @Test
    void aHostileTemplateFailsItsActionWithAMessageAndTheHostKeepsServing() {
        try (TestHost host = TestHost.start(Map.of("SWITCHBOARD_TEMPLATES_RENDER_TIMEOUT_MS", "300"))) {
            HttpResponse<String> imported = host.admin("POST", "/api/packages/import", PACKAGE);
            assertThat(imported.statusCode()).as(imported.body()).isEqualTo(201);
            long behaviorId = ((Number) first(map(imported.body()), "behaviors").get("id")).longValue();

            for (int i = 0; i < 2; i++) {
                HttpResponse<String> sim = host.admin("POST", "/api/behaviors/" + behaviorId + "/simulate",
                        "{\"ticket_id\": 1, \"ticket_subject\": \"printer\"}");
                assertThat(sim.statusCode()).as(sim.body()).isEqualTo(200);
                Map<String, Object> result = map(sim.body());
                String errors = JSON.write(result.get("errors"));
                assertThat(errors).contains("Probe the host")
                        .contains("'getClass()' cannot be called on text")
                        .contains("300 ms limit (templates.render_timeout_ms)");
                assertThat(map(JSON.write(result.get("dictionary")))).containsEntry("greeting", "Hello PRINTER")
                        .doesNotContainKey("escape");
            }
            assertThat(host.anonymous("GET", "/health", null).statusCode()).isEqualTo(200);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(String json) {
        return (Map<String, Object>) JSON.parse(json);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> first(Map<String, Object> created, String key) {
        return ((List<Map<String, Object>>) created.get(key)).get(0);
    }
}
