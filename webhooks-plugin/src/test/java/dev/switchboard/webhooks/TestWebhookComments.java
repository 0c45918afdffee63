package dev.switchboard.webhooks;

import static dev.switchboard.webhooks.WebhookFixture.call;
import static dev.switchboard.webhooks.WebhookFixture.map;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.testkit.TestHost;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code create_comment} in the webhook event, with {@code on} as Cerb's packages write it: {@code _trigger_va_id}
 * (the bot, as the jotform package does) and a placeholder holding a ticket ({@code create_ticket}'s
 * {@code object_placeholder}); a user reads both comments over the API.
 */
class TestWebhookComments {
    static final String PACKAGE = """
            {"package": {"name": "Webhook comments", "revision": 1,
               "requires": {"cerb_version": "8.3.0", "plugins": ["cerb.webhooks"]},
               "configure": {"prompts": [], "placeholders": []}},
             "bots": [{"uid": "bot_wc", "name": "Webhook Commenter",
               "owner": {"context": "cerberusweb.contexts.app", "id": 0}, "is_disabled": false,
               "params": {"config": null},
               "behaviors": [{"uid": "b_wc", "title": "Comment", "is_disabled": false, "is_private": false,
                 "priority": 50, "event": {"key": "event.webhook.received", "label": "Webhook received"},
                 "nodes": [{"type": "action", "title": "Ticket and comments", "params": {"actions": [
                   {"action": "create_ticket", "subject": "{{ http_params.subject }}",
                    "requester": "form@example.com", "object_placeholder": "new_ticket"},
                   {"action": "create_comment", "on": "new_ticket", "content": "note: {{ http_params.note }}"},
                   {"action": "create_comment", "on": "_trigger_va_id",
                    "content": "received {{ http_params.subject }}"}]}}]}]}]}
            """;

    @Test
    @SuppressWarnings("unchecked")
    void aWebhookBehaviorCommentsOnTheTicketItMadeAndOnItsBot() {
        try (TestHost host = TestHost.start()) {
            HttpResponse<String> imported = host.admin("POST", "/api/packages/import", PACKAGE);
            assertThat(imported.statusCode()).as(imported.body()).isEqualTo(201);
            Map<String, Object> answer = map(imported.body());
            long bot = ((Number) ((List<Map<String, Object>>) answer.get("bots")).get(0).get("id")).longValue();
            long behavior = ((Number) ((List<Map<String, Object>>) answer.get("behaviors")).get(0).get("id"))
                    .longValue();
            Object guid = WebhookFixture.listener(host, "{\"name\": \"wc\", \"behavior_id\": " + behavior + "}")
                    .get("guid");

            assertThat(call(host, "GET", guid + "?subject=form-42&note=call%20back", "", "").status())
                    .isEqualTo(200);

            List<Map<String, Object>> tickets = (List<Map<String, Object>>) map(host.admin("GET",
                    "/api/tickets?subject=form-42", null).body()).get("tickets");
            assertThat(tickets).hasSize(1);
            List<Map<String, Object>> onTicket = (List<Map<String, Object>>) map(host.admin("GET",
                    "/api/tickets/" + tickets.get(0).get("id") + "/comments", null).body()).get("comments");
            assertThat(onTicket).extracting(c -> c.get("content")).containsExactly("note: call back");
            List<Map<String, Object>> onBot = (List<Map<String, Object>>) map(host.admin("GET",
                    "/api/bots/" + bot + "/comments", null).body()).get("comments");
            assertThat(onBot).extracting(c -> c.get("content")).containsExactly("received form-42");
        }
    }
}
