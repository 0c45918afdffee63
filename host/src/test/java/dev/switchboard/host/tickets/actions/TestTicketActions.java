package dev.switchboard.host.tickets.actions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.api.BehaviorRun;
import dev.switchboard.host.json.HostJson;
import dev.switchboard.host.plugins.PokePlugin;
import dev.switchboard.host.tickets.TestTicketApi;
import dev.switchboard.host.tickets.Tickets;
import dev.switchboard.testkit.PluginJar;
import dev.switchboard.testkit.TestHost;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The ticket record actions in behaviors imported as a Cerb package: a broadcast behavior on {@code ticket.created}
 * that updates the new ticket after commit, and a behavior that creates, retrieves, searches and deletes.
 */
class TestTicketActions {
    private static final HostJson JSON = new HostJson();

    private static final String PACKAGE = """
            {"package": {"name": "Ticket bot", "requires": {"cerb_version": "8.3.0", "plugins": []}},
             "bots": [{"uid": "bot", "name": "Ticket Bot", "is_disabled": false, "params": {},
               "owner": {"context": "cerberusweb.contexts.app", "id": 0},
               "behaviors": [
                 {"uid": "triage", "title": "Triage urgent tickets", "is_disabled": false, "is_private": false,
                  "priority": 50, "event": {"key": "ticket.created"}, "variables": {},
                  "nodes": [{"type": "switch", "title": "Urgent?", "nodes": [
                    {"type": "outcome", "title": "yes", "params": {"groups": [{"any": 0, "conditions": [
                      {"condition": "ticket_subject", "oper": "contains", "value": "urgent"}]}]},
                     "nodes": [{"type": "action", "title": "Raise", "params": {"actions": [
                       {"action": "update_ticket", "id": "{{ticket_id}}", "priority": "90", "status": "waiting"}]}}]}]}]},
                 {"uid": "chores", "title": "Ticket chores", "is_disabled": false, "is_private": false,
                  "priority": 50, "event": {"key": "acme.poked"}, "variables": {},
                  "nodes": [{"type": "action", "title": "Chores", "params": {"actions": [
                    {"action": "create_ticket", "subject": "Hello {{who}}", "requester": "{{who}}@example.com",
                     "body": "first", "object_placeholder": "made"},
                    {"action": "retrieve_ticket", "id": "{{made.mask}}", "object_placeholder": "fetched"},
                    {"action": "search_tickets", "requester": "{{who}}@EXAMPLE.com", "object_placeholder": "found"},
                    {"action": "update_ticket", "id": "{{made.id}}", "status": "bogus"},
                    {"action": "delete_ticket", "id": "{{made.id}}"},
                    {"action": "retrieve_ticket", "id": "{{made.id}}", "object_placeholder": "after"}]}}]}
               ]}]}
            """;

    private static HttpResponse<String> imported(TestHost host) {
        HttpResponse<String> r = host.admin("POST", "/api/packages/import", PACKAGE);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return r;
    }

    @SuppressWarnings("unchecked")
    private static long behaviorId(HttpResponse<String> imported, String uid) {
        Map<String, Object> body = (Map<String, Object>) JSON.parse(imported.body());
        return ((List<Map<String, Object>>) body.get("behaviors")).stream().filter(b -> uid.equals(b.get("uid")))
                .map(b -> (Long) b.get("id")).findFirst().orElseThrow();
    }

    @Test
    void aBroadcastBehaviorUpdatesTheTicketAfterItIsCreated() throws Exception {
        try (TestHost host = PluginJar.hostWith(PokePlugin.jar())) {
            HttpResponse<String> imported = host.admin("POST", "/api/packages/import", PACKAGE);
            assertThat(imported.statusCode()).as(imported.body()).isEqualTo(201);

            String calm = host.admin("POST", "/api/tickets", "{\"subject\": \"calm\", \"requester\": \"a@example.com\"}")
                    .body();
            HttpResponse<String> urgent = host.admin("POST", "/api/tickets",
                    "{\"subject\": \"urgent: down\", \"requester\": \"a@example.com\"}");
            // The API answers with the ticket as committed; the behavior runs after commit.
            assertThat(urgent.body()).contains("\"status\":\"open\"");
            long id = ((Number) ((Map<?, ?>) JSON.parse(urgent.body())).get("id")).longValue();

            await("the behavior sets the ticket waiting").atMost(Duration.ofSeconds(10))
                    .until(() -> host.host().tickets().get(id).orElseThrow().status().equals("waiting"));
            assertThat(host.host().tickets().get(id).orElseThrow().priority()).isEqualTo(90);
            long calmId = ((Number) ((Map<?, ?>) JSON.parse(calm)).get("id")).longValue();
            assertThat(host.host().tickets().get(calmId).orElseThrow().status()).isEqualTo("open");
            assertThat(host.admin("GET", "/api/audit", null).body()).doesNotContain("behavior:");
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void createRetrieveSearchUpdateDeleteFromABehavior() {
        try (TestHost host = PluginJar.hostWith(PokePlugin.jar())) {
            long chores = behaviorId(imported(host), "chores");

            BehaviorRun run = host.host().engine().behaviors().run(chores, Map.of("who", "zoe"), false);

            Map<String, Object> made = (Map<String, Object>) run.dictionary().get("made");
            assertThat(made).containsEntry("subject", "Hello zoe").containsEntry("requester", "zoe@example.com")
                    .containsEntry("body", "first").containsEntry("status", "open");
            assertThat(run.dictionary().get("fetched")).isEqualTo(made);
            assertThat((List<Map<String, Object>>) run.dictionary().get("found")).extracting(m -> m.get("id"))
                    .containsExactly(made.get("id"));
            assertThat(run.errors()).hasSize(2);
            assertThat(run.errors().get(0)).contains("'status' must be one of open, waiting, closed");
            assertThat(run.errors().get(1)).contains("no ticket '" + made.get("id") + "'");
            assertThat(run.dictionary()).doesNotContainKey("after");
            assertThat(host.host().tickets().get((Long) made.get("id"))).isEmpty();
        }
    }

    @Test
    void theSimulatorDescribesTicketChangesWithoutMakingThem() {
        try (TestHost host = PluginJar.hostWith(PokePlugin.jar())) {
            long chores = behaviorId(imported(host), "chores");
            BehaviorRun sim = host.host().engine().behaviors().run(chores, Map.of("who", "sim"), true);
            assertThat(sim.trace().toString()).contains("not run in the simulator");
            assertThat(host.admin("GET", "/api/tickets", null).body()).contains("\"tickets\":[]");
        }
    }

    @Test
    void aPluginListenerVetoFailsTheActionWithItsMessageAndChangesNothing() {
        try (TestHost host = TestTicketApi.hostWithListener(PokePlugin.jar())) {
            long chores = behaviorId(imported(host), "chores");
            BehaviorRun run = host.host().engine().behaviors().run(chores, Map.of("who", "forbidden"), false);
            assertThat(run.errors()).isNotEmpty();
            assertThat(run.errors().get(0)).contains("acme refused: forbidden subject");
            assertThat(run.dictionary()).doesNotContainKey("made");
            assertThat(host.host().tickets().search(new Tickets.Query(null, null, null, 10, 0)).tickets()).isEmpty();
            assertThat(TestTicketApi.seen(host)).isEmpty();
        }
    }
}
