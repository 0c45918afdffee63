package dev.switchboard.webhooks.packages;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.host.json.HostJson;
import dev.switchboard.testkit.TestHost;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Packages as Cerb's importer accepts them, over the real API: a behavior export with nothing but its event,
 * Cerb 8.3.10's version check, Cerb 9's {@code behavior_nodes} added to an existing webhook behavior (its CR LF
 * template answering with LF over a real listener), and one refusal that names everything a package lacks.
 */
class TestCerbPackageImport {
    private static final HostJson JSON = new HostJson();

    /** A bot with an empty webhook behavior and its listener, as a Cerb admin would have before adding snippets. */
    private static final String HOOK = """
            {"package": {"name": "Hook", "revision": 1,
               "requires": {"cerb_version": "8.3.4", "plugins": ["cerb.webhooks"]}},
             "bots": [{"uid": "bot_hook", "name": "Hook Bot", "owner": {}, "is_disabled": false,
               "params": {"config": null},
               "behaviors": [{"uid": "b_hook", "title": "Answer", "is_disabled": false, "is_private": false,
                 "priority": 50, "event": {"key": "event.webhook.received", "label": "Webhook received"},
                 "nodes": [{"type": "action", "title": "Status", "params": {"actions": [
                   {"action": "set_http_status", "value": "202"}]}}]},
                 {"uid": "b_ticket", "title": "On tickets", "is_disabled": false, "is_private": false,
                 "priority": 50, "event": {"key": "ticket.created", "label": "Ticket created"}, "nodes": []}]}],
             "records": [{"uid": "hook", "_context": "webhook_listener", "name": "Hook",
               "extension_id": "cerb.webhooks.listener.engine.va",
               "extension_params": {"behavior_id": "{{{uid.b_hook}}}"}}]}
            """;

    /** Our own snippet in the shape of Cerb 9's library: two nodes, a CR LF template, behavior and parent prompted. */
    private static final String SNIPPET = """
            {"package": {"name": "Snippet: answer JSON", "revision": 1,
               "requires": {"cerb_version": "9.2.0", "plugins": []},
               "configure": {"placeholders": [], "prompts": [
                 {"type": "chooser", "label": "Behavior", "key": "behavior_id", "hidden": true,
                  "params": {"context": "cerberusweb.contexts.behavior", "single": true, "query": ""}},
                 {"type": "text", "label": "Parent ID", "key": "parent_id", "hidden": true, "params": {}}]}},
             "behavior_nodes": [
               {"uid": "node_body", "behavior_id": "{{{behavior_id}}}", "parent_id": "{{{parent_id}}}",
                "type": "action", "title": "Body", "status": "live", "params": {"actions": [
                  {"action": "set_http_body", "value": "{% set j = {\\r\\n\\t\\"ok\\": true\\r\\n} %}\\r\\nline one\\r\\n{{ j|json_encode }}\\r\\n"}]}},
               {"uid": "node_type", "behavior_id": "{{{behavior_id}}}", "parent_id": "{{{parent_id}}}",
                "type": "action", "title": "Type", "params": {"actions": [
                  {"action": "set_http_header", "name": "Content-Type", "value": "text/plain"}]}}]}
            """;

    @Test
    void aBehaviorExportNeedsOnlyItsEventAndGetsCerbsDefaults() {
        try (TestHost host = TestHost.start()) {
            long bot = number(first(map(imported(host, "", HOOK)), "bots").get("id"));
            String export = """
                    {"behavior": {"event": {"key": "event.webhook.received", "label": "Webhook received"},
                      "priority": 0,
                      "nodes": [{"type": "action", "title": "Hi", "params": {"actions": [
                        {"action": "set_http_body", "value": "hi"}]}}]}}
                    """;
            Map<String, Object> created = first(map(imported(host, "?bot_id=" + bot, export)), "behaviors");
            Map<String, Object> stored = map(host.admin("GET", "/api/behaviors/" + created.get("id"), null).body());
            assertThat(stored).containsEntry("title", "Webhook received").containsEntry("priority", 50L)
                    .containsEntry("is_disabled", false).containsEntry("is_private", false);

            HttpResponse<String> bare = host.admin("POST", "/api/packages/import?bot_id=" + bot,
                    "{\"behavior\": {\"event\": {\"key\": \"ticket.created\"}}}");
            assertThat(bare.statusCode()).as(bare.body()).isEqualTo(201);
            assertThat(first(map(bare.body()), "behaviors")).containsEntry("title", "ticket.created");

            HttpResponse<String> noEvent = host.admin("POST", "/api/packages/import?bot_id=" + bot,
                    "{\"behavior\": {\"title\": \"x\", \"nodes\": []}}");
            assertThat(noEvent.statusCode()).isEqualTo(422);
            assertThat(error(noEvent)).containsEntry("path", "behavior.event");
        }
    }

    @Test
    void theVersionCheckIsCerb8310s() {
        try (TestHost host = TestHost.start()) {
            String bot = "\"bots\": [{\"uid\": \"b\", \"name\": \"B\", \"owner\": {}, \"is_disabled\": false,"
                    + " \"params\": {}, \"behaviors\": []}]";
            for (String ok : List.of("8.3.4", "8.3.10", "8.3.10-beta", "8.3")) { // one bot each time, on purpose
                HttpResponse<String> r = host.admin("POST", "/api/packages/import?on_duplicate=import_again",
                        "{\"package\": {\"requires\":"
                        + " {\"cerb_version\": \"" + ok + "\"}}, " + bot + "}");
                assertThat(r.statusCode()).as(ok + ": " + r.body()).isEqualTo(201);
            }
            for (String newer : List.of("8.3.11", "9.0.0", "8.3.10-pl1")) {
                HttpResponse<String> r = host.admin("POST", "/api/packages/import", "{\"package\": {\"requires\":"
                        + " {\"cerb_version\": \"" + newer + "\"}}, " + bot + "}");
                assertThat(r.statusCode()).as(newer).isEqualTo(422);
                assertThat(error(r)).containsEntry("message",
                        "This package requires Cerb version " + newer + " or later. (at package.requires.cerb_version)");
            }
            assertThat((List<?>) map(host.admin("GET", "/api/bots", null).body()).get("bots")).hasSize(4);
        }
    }

    @Test
    void behaviorNodesAreAddedToAnExistingBehaviorAndItsCrLfTemplateAnswersWithLf() {
        try (TestHost host = TestHost.start()) {
            Map<String, Object> hook = map(imported(host, "", HOOK));
            long behavior = number(first(hook, "behaviors").get("id"));
            String url = String.valueOf(first(hook, "records").get("url"));
            String guid = url.substring(url.lastIndexOf('/') + 1);

            Map<String, Object> added = map(imported(host, "?behavior_id=" + behavior + "&parent_id=0", SNIPPET));
            assertThat((List<?>) added.get("behavior_nodes")).hasSize(2);
            assertThat(first(added, "behavior_nodes")).containsEntry("uid", "node_body")
                    .containsEntry("behavior_id", behavior).containsEntry("type", "action");
            Map<String, Object> stored = map(host.admin("GET", "/api/behaviors/" + behavior, null).body());
            assertThat((List<?>) stored.get("nodes")).hasSize(3);

            HttpResponse<String> answer = host.anonymous("POST", "/webhooks/" + guid, "{}");
            assertThat(answer.statusCode()).isEqualTo(202);
            assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(
                    t -> assertThat(t).startsWith("text/plain"));
            assertThat(answer.body()).isEqualTo("line one\n{\"ok\":true}\n");
        }
    }

    @Test
    void behaviorNodesThatDoNotFitTheirBehaviorAreRefusedAndChangeNothing() {
        try (TestHost host = TestHost.start()) {
            Map<String, Object> hook = map(imported(host, "", HOOK));
            long ticketBehavior = number(nth(hook, "behaviors", 1).get("id"));
            Object before = map(host.admin("GET", "/api/behaviors/" + ticketBehavior, null).body()).get("nodes");

            HttpResponse<String> wrongEvent = host.admin("POST", "/api/packages/import?behavior_id=" + ticketBehavior
                    + "&parent_id=0", SNIPPET);
            assertThat(wrongEvent.statusCode()).as(wrongEvent.body()).isEqualTo(422);
            assertThat(error(wrongEvent).get("message").toString()).contains("set_http_body")
                    .contains("is not available in event 'ticket.created'");
            assertThat(error(wrongEvent)).containsEntry("path", "behavior_nodes[0].params.actions[0].action");

            HttpResponse<String> noBehavior = host.admin("POST", "/api/packages/import?behavior_id=999&parent_id=0",
                    SNIPPET);
            assertThat(noBehavior.statusCode()).isEqualTo(422);
            assertThat(error(noBehavior)).containsEntry("path", "behavior_nodes[0].behavior_id");

            HttpResponse<String> nested = host.admin("POST", "/api/packages/import?behavior_id=" + ticketBehavior
                    + "&parent_id=7", SNIPPET);
            assertThat(nested.statusCode()).isEqualTo(422);
            assertThat(error(nested)).containsEntry("path", "behavior_nodes[0].parent_id");

            String mixed = SNIPPET.replace("\"behavior_nodes\": [", "\"bots\": [], \"behavior_nodes\": [");
            HttpResponse<String> newer = host.admin("POST", "/api/packages/import?behavior_id=" + ticketBehavior
                    + "&parent_id=0", mixed);
            assertThat(newer.statusCode()).isEqualTo(422);
            assertThat(error(newer)).containsEntry("path", "package.requires.cerb_version");

            assertThat(map(host.admin("GET", "/api/behaviors/" + ticketBehavior, null).body()).get("nodes"))
                    .isEqualTo(before);
        }
    }

    @Test
    void aRefusalNamesEveryMissingCapabilityByItsCerbNameAndWritesNothing() {
        try (TestHost host = TestHost.start()) {
            String pkg = """
                    {"package": {"name": "Needs a lot", "requires": {"cerb_version": "8.3.0",
                       "plugins": ["wgm.nowhere"]}},
                     "classifiers": [],
                     "bots": [{"uid": "b", "name": "B", "owner": {}, "is_disabled": false, "params": {},
                       "behaviors": [
                         {"uid": "x", "title": "X", "is_disabled": false, "is_private": false, "priority": 50,
                          "event": {"key": "event.macro.nowhere"}, "nodes": [
                            {"type": "action", "title": "A", "params": {"actions": [
                              {"action": "send_carrier_pigeon"}, {"action": "_set_custom_var", "var": "v",
                               "value": "1"}]}},
                            {"type": "switch", "title": "S", "nodes": [{"type": "outcome", "title": "O",
                              "nodes": [{"type": "action", "title": "B", "params": {"actions": [
                                {"action": "send_carrier_pigeon"}, {"action": "ring_bell"}]}}]}]}]}]}],
                     "records": [{"uid": "r", "_context": "cerberusweb.contexts.nowhere"},
                                 {"uid": "s", "_context": "cerberusweb.contexts.nowhere"}]}
                    """;
            HttpResponse<String> r = host.admin("POST", "/api/packages/import", pkg);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(422);
            Map<String, Object> error = error(r);
            assertThat(error.get("message")).isEqualTo("This package requires the wgm.nowhere plugin to be installed"
                    + " and enabled. (at package.requires.plugins[0]) Also missing: section 'classifiers'; record type"
                    + " cerberusweb.contexts.nowhere; event event.macro.nowhere; action send_carrier_pigeon;"
                    + " action ring_bell.");
            assertThat(error.get("missing")).isEqualTo(List.of(
                    Map.of("capability", "plugin wgm.nowhere", "path", "package.requires.plugins[0]"),
                    Map.of("capability", "section 'classifiers'", "path", "classifiers"),
                    Map.of("capability", "record type cerberusweb.contexts.nowhere", "path", "records[0]._context"),
                    Map.of("capability", "event event.macro.nowhere", "path", "bots[0].behaviors[0].event.key"),
                    Map.of("capability", "action send_carrier_pigeon",
                            "path", "bots[0].behaviors[0].nodes[0].params.actions[0].action"),
                    Map.of("capability", "action ring_bell",
                            "path", "bots[0].behaviors[0].nodes[1].nodes[0].nodes[0].params.actions[1].action")));
            assertThat(map(host.admin("GET", "/api/bots", null).body()).get("bots")).isEqualTo(List.of());
        }
    }

    private static String imported(TestHost host, String query, String pkg) {
        HttpResponse<String> r = host.admin("POST", "/api/packages/import" + query, pkg);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return r.body();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> error(HttpResponse<String> r) {
        return (Map<String, Object>) map(r.body()).get("error");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(String json) {
        return (Map<String, Object>) JSON.parse(json);
    }

    private static Map<String, Object> first(Map<String, Object> created, String key) {
        return nth(created, key, 0);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> nth(Map<String, Object> created, String key, int i) {
        return ((List<Map<String, Object>>) created.get(key)).get(i);
    }

    private static long number(Object v) {
        return ((Number) v).longValue();
    }
}
