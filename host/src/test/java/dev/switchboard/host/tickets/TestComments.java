package dev.switchboard.host.tickets;

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
 * Cerb's {@code create_comment} end to end: behaviors imported from a package comment on the ticket that raised
 * their event and on their bot, and a user reads the comments over the API.
 */
class TestComments {
    private static final HostJson JSON = new HostJson();

    static final String PACKAGE = """
            {"package": {"name": "Commenter", "revision": 1,
               "requires": {"cerb_version": "8.3.0", "plugins": []},
               "configure": {"prompts": [], "placeholders": []}},
             "bots": [{"uid": "bot_commenter", "name": "Commenter Bot",
               "owner": {"context": "cerberusweb.contexts.app", "id": 0}, "is_disabled": false,
               "params": {"config": null},
               "behaviors": [{"uid": "b_thanks", "title": "Thank", "is_disabled": false, "is_private": false,
                 "priority": 50, "event": {"key": "ticket.created", "label": "Ticket created"},
                 "nodes": [{"type": "action", "title": "Comment", "params": {"actions": [
                   {"action": "create_comment", "on": "ticket_id", "content": "Seen: {{ ticket_subject }}",
                    "notify_worker_ids": [3, 5]},
                   {"action": "create_comment", "on": "_trigger_va_id",
                    "content": "commented on {{ ticket_mask }}"}]}}]}]}]}
            """;

    @Test
    void aBehaviorCommentsOnTheTicketAndItsBotAndAUserSeesIt() {
        try (TestHost host = TestHost.start()) {
            HttpResponse<String> imported = host.admin("POST", "/api/packages/import", PACKAGE);
            assertThat(imported.statusCode()).as(imported.body()).isEqualTo(201);
            long bot = ((Number) ((Map<?, ?>) ((List<?>) ((Map<?, ?>) JSON.parse(imported.body())).get("bots"))
                    .get(0)).get("id")).longValue();
            HttpResponse<String> created = host.admin("POST", "/api/tickets",
                    "{\"subject\": \"Printer on fire\", \"requester\": \"ann@example.com\"}");
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            Map<?, ?> ticket = (Map<?, ?>) JSON.parse(created.body());
            long id = ((Number) ticket.get("id")).longValue();

            await().atMost(Duration.ofSeconds(30)).until(() -> comments(host, "/api/tickets/" + id).size() == 1);
            Map<?, ?> c = comments(host, "/api/tickets/" + id).get(0);
            assertThat(c.get("content")).isEqualTo("Seen: Printer on fire");
            assertThat(c.get("context")).isEqualTo("ticket");
            assertThat(String.valueOf(c.get("author"))).startsWith("behavior:");
            assertThat(c.get("notify_worker_ids")).isEqualTo(List.of(3L, 5L));

            await().atMost(Duration.ofSeconds(30)).until(() -> comments(host, "/api/bots/" + bot).size() == 1);
            assertThat(comments(host, "/api/bots/" + bot).get(0).get("content"))
                    .isEqualTo("commented on " + ticket.get("mask"));

            assertThat(host.admin("GET", "/api/tickets/999999/comments", null).statusCode()).isEqualTo(404);
            assertThat(host.admin("DELETE", "/api/tickets/" + id, null).statusCode()).isEqualTo(204);
            assertThat(host.admin("GET", "/api/tickets/" + id + "/comments", null).statusCode()).isEqualTo(404);
        }
    }

    private static List<Map<?, ?>> comments(TestHost host, String on) {
        HttpResponse<String> r = host.admin("GET", on + "/comments", null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        @SuppressWarnings("unchecked")
        List<Map<?, ?>> list = (List<Map<?, ?>>) ((Map<?, ?>) JSON.parse(r.body())).get("comments");
        return list;
    }
}
