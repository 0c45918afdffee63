package dev.switchboard.webhooks.editor;

import static dev.switchboard.webhooks.editor.EditorFixture.JSON;
import static dev.switchboard.webhooks.editor.EditorFixture.list;
import static dev.switchboard.webhooks.editor.EditorFixture.map;
import static dev.switchboard.webhooks.editor.EditorFixture.ok;
import static dev.switchboard.webhooks.editor.EditorFixture.put;
import static dev.switchboard.webhooks.editor.EditorFixture.tree;
import static dev.switchboard.webhooks.editor.EditorFixture.version;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.testkit.TestHost;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every tree written through {@code PUT /api/behaviors/{id}/tree} is validated before it is stored: each problem is
 * a 422 naming the offending node's JSON path, and neither the draft, the version nor the revisions change.
 */
class TestTreeValidation {
    private static final String OUTCOME = """
            [{"type": "switch", "title": "S", "nodes": [{"type": "outcome", "title": "O", "params": {"groups": [
              {"any": 0, "conditions": [%s]}]}, "nodes": [{"type": "action", "title": "A", "params": {"actions": [
              %s]}}]}]}]""";
    private static final String GOOD_CONDITION = "{\"condition\": \"http_verb\", \"oper\": \"is\", \"value\": \"POST\"}";
    private static final String GOOD_ACTION = "{\"action\": \"set_http_status\", \"value\": \"201\"}";
    private static final String ACTION_AT = "nodes[0].nodes[0].nodes[0].params.actions[0]";
    private static final String CONDITION_AT = "nodes[0].nodes[0].params.groups[0].conditions[0]";

    @Test
    void eachProblemIsA422NamingTheNodePathAndNothingIsStored() {
        try (TestHost host = TestHost.start()) {
            long behavior = EditorFixture.webhookBehavior(host);
            long bot = ((Number) map(host.admin("GET", "/api/behaviors/" + behavior, null).body()).get("bot_id"))
                    .longValue();
            long onTickets = EditorFixture.id(ok(host.admin("POST", "/api/behaviors", "{\"bot_id\": " + bot
                    + ", \"title\": \"T\", \"event\": \"ticket.created\"}"), 201));
            Map<String, Object> before = tree(host, behavior);

            refused(host, behavior, action("{\"action\": \"no_such_action\"}"), ACTION_AT + ".action",
                    "Unknown action 'no_such_action'");
            refused(host, onTickets, action("{\"action\": \"set_http_status\", \"value\": \"401\"}"),
                    ACTION_AT + ".action", "not available in event 'ticket.created'");
            refused(host, behavior, action("{\"action\": \"set_http_header\", \"value\": \"v\"}"), ACTION_AT,
                    "param 'name' is required");
            refused(host, behavior, action("{\"action\": \"search_tickets\", \"limit\": \"lots\"}"), ACTION_AT,
                    "limit");
            refused(host, behavior, action("{\"action\": \"set_http_body\", \"value\": \"line 1\\nHi {{ http_verb \"}"),
                    ACTION_AT + ".value", "line 2, column 4: '{{' is never closed");
            refused(host, behavior, String.format(OUTCOME, "{\"condition\": \"http_cookie\", \"oper\": \"is\","
                    + " \"value\": \"x\"}", GOOD_ACTION), CONDITION_AT + ".condition",
                    "event 'event.webhook.received' has no such placeholder");
            refused(host, behavior, action("{\"action\": \"_run_subroutine\", \"subroutine\": \"Missing\"}"),
                    ACTION_AT + ".subroutine", "No subroutine titled 'Missing'");
            refused(host, behavior, "[{\"type\": \"branch\"}]", "nodes[0].type", "unknown node type 'branch'");

            assertThat(tree(host, behavior)).isEqualTo(before);
            assertThat(list(ok(host.admin("GET", "/api/behaviors/" + behavior + "/revisions", null), 200),
                    "revisions")).hasSize(1);

            // what the tree itself sets, and the event's own conditions, may be tested
            String sets = "[{\"type\": \"action\", \"title\": \"Set\", \"params\": {\"actions\": [{\"action\":"
                    + " \"_set_custom_var\", \"var\": \"mine\", \"value\": \"1\"}]}}," + String.format(OUTCOME,
                    "{\"condition\": \"mine\", \"oper\": \"is\", \"value\": \"1\"}, {\"condition\": \"http_header\","
                            + " \"name\": \"X-A\", \"oper\": \"is\", \"value\": \"b\"}", GOOD_ACTION).substring(1);
            HttpResponse<String> good = put(host, behavior, version(before), sets, "fine");
            assertThat(good.statusCode()).as(good.body()).isEqualTo(200);
            assertThat(tree(host, behavior).get("nodes")).isEqualTo(JSON.parse(sets));
        }
    }

    private static String action(String action) {
        return String.format(OUTCOME, GOOD_CONDITION, action);
    }

    private static void refused(TestHost host, long behavior, String nodes, String path, String problem) {
        HttpResponse<String> r = put(host, behavior, version(tree(host, behavior)), nodes, "bad");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(422);
        Map<?, ?> error = (Map<?, ?>) map(r.body()).get("error");
        assertThat(error.get("path")).as(r.body()).isEqualTo(path);
        assertThat(String.valueOf(error.get("message"))).contains(problem);
    }
}
