package dev.switchboard.host.packages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.host.json.HostJson;
import dev.switchboard.testkit.TestHost;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A bot whose behavior schedules another of its behaviors exports that call as {@code {{{uid.<uid>}}}}, so the
 * package imported again (over HTTP) schedules the behavior it brought, not the id the first import got.
 */
class TestExportBotCalls {
    private static final HostJson JSON = new HostJson();

    private static final String PACKAGE = """
            {"package": {"name": "Later", "requires": {"cerb_version": "8.3.0", "plugins": []}},
             "bots": [{"uid": "bot_later", "name": "Later Bot", "is_disabled": false, "params": {},
               "owner": {"context": "cerberusweb.contexts.app", "id": 0},
               "behaviors": [
                 {"uid": "b_remind", "title": "Remind", "is_disabled": false, "is_private": false, "priority": 50,
                  "event": {"key": "event.macro.bot"}, "variables": {},
                  "nodes": [{"type": "action", "title": "Note", "params": {"actions": [
                    {"action": "_set_custom_var", "var": "seen", "value": "yes"}]}}]},
                 {"uid": "b_plan", "title": "Plan", "is_disabled": false, "is_private": false, "priority": 50,
                  "event": {"key": "ticket.created"}, "variables": {},
                  "nodes": [{"type": "action", "title": "Schedule", "params": {"actions": [
                    {"action": "_schedule_behavior", "on": "_trigger_va_id", "behavior_id": "{{{uid.b_remind}}}",
                     "run_date": "+1 day", "on_dupe": ""},
                    {"action": "_run_behavior", "on": "_trigger_va_id", "behavior_id": "{{{uid.b_remind}}}",
                     "var": "_behavior"}]}}]}
               ]}]}
            """;

    @Test
    @SuppressWarnings("unchecked")
    void callsToTheBotsOwnBehaviorsExportAsUidReferencesAndImportOntoTheNewBehaviors() {
        try (TestHost host = TestHost.start()) {
            Map<String, Object> first = imported(host, PACKAGE);
            long botId = ((Number) ((List<Map<String, Object>>) first.get("bots")).get(0).get("id")).longValue();

            HttpResponse<String> export = host.admin("GET", "/api/bots/" + botId + "/export", null);
            assertThat(export.statusCode()).isEqualTo(200);
            assertThat(export.body()).contains("\"behavior_id\":\"{{{uid.b_remind}}}\"")
                    .doesNotContainPattern("\"behavior_id\":\"?\\d");
            assertThat(host.admin("DELETE", "/api/bots/" + botId, null).statusCode()).isEqualTo(204);

            Map<String, Object> again = imported(host, export.body());
            long remind = ((List<Map<String, Object>>) again.get("behaviors")).stream()
                    .filter(b -> "b_remind".equals(b.get("uid"))).map(b -> ((Number) b.get("id")).longValue())
                    .findFirst().orElseThrow();
            assertThat(host.admin("POST", "/api/tickets", "{\"subject\": \"s\", \"requester\": \"a@example.com\"}")
                    .statusCode()).isEqualTo(201);
            await().atMost(Duration.ofSeconds(30)).until(() -> host.admin("GET",
                    "/api/scheduled-behaviors?behavior_id=" + remind, null).body().contains("\"behavior_id\":" + remind));
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> imported(TestHost host, String pkg) {
        HttpResponse<String> r = host.admin("POST", "/api/packages/import", pkg);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return (Map<String, Object>) JSON.parse(r.body());
    }
}
