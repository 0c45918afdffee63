package dev.switchboard.samples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.host.template.TemplateEngine;
import dev.switchboard.testkit.Receiver;
import dev.switchboard.testkit.TestHost;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The outbound sample (subscriptions/slack-ticket-changes.json): a subscription whose payload_template turns ticket
 * events into Slack's incoming-webhook message ({@code text} plus Block Kit {@code blocks}). The template is checked
 * against the envelopes the host sends; the delivery itself is checked against a real receiver on 127.0.0.1 once the
 * host has its guarded outbound client.
 */
class TestSlackOutboundSample {
    private static final Path FILE = Path.of("..", "sample-behaviors", "src", "main", "resources", "subscriptions",
            "slack-ticket-changes.json");

    /** The shipped subscription with its Slack URL replaced, as the docs tell the admin to do. */
    private static String subscription(String url) throws IOException {
        Map<String, Object> s = new LinkedHashMap<>(Samples.map(Files.readString(FILE)));
        s.put("url", url);
        return Samples.JSON.write(s);
    }

    private static Map<String, Object> ticket(String subject, String status) {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("id", 42L);
        t.put("mask", "KXQ-48213-502");
        t.put("subject", subject);
        t.put("body", "It smells of smoke.");
        t.put("requester", "dana@example.com");
        t.put("status", status);
        t.put("priority", 80L);
        return t;
    }

    /** What the template sees for an envelope: each key of data, then event, id, timestamp, data. */
    private static Map<String, Object> variables(String event, String label, Map<String, Object> data) {
        Map<String, Object> vars = new LinkedHashMap<>(data);
        vars.put("event", Map.of("id", event, "label", label));
        vars.put("id", "msg_2hC8Wm3bS6lYbQfWc4U8yQ3eR1a");
        vars.put("timestamp", "2026-11-23T07:00:00Z");
        vars.put("data", data);
        return vars;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> blocks(Map<String, Object> message) {
        return (List<Map<String, Object>>) message.get("blocks");
    }

    @Test
    void thePayloadTemplateRendersSlacksMessageShapeForEachTicketEvent() throws IOException {
        String template = (String) Samples.map(Files.readString(FILE)).get("payload_template");
        TemplateEngine templates = new TemplateEngine();

        Map<String, Object> created = Samples.map(templates.render(template, variables("ticket.created", "Ticket created",
                Map.of("ticket", ticket("Printer <3rd floor> & fax on fire", "open")))));
        assertThat(created).containsEntry("text", "Ticket created: #42 Printer <3rd floor> & fax on fire [open]");
        assertThat(blocks(created)).hasSize(2);
        assertThat(blocks(created).get(0)).isEqualTo(Map.of("type", "section", "text", Map.of("type", "mrkdwn",
                "text", "*Ticket created*  #42 Printer &lt;3rd floor&gt; &amp; fax on fire")));
        assertThat(blocks(created).get(1)).isEqualTo(Map.of("type", "context", "elements", List.of(Map.of(
                "type", "mrkdwn", "text", "Status: *open*  ·  Priority: 80  ·  dana@example.com  ·  KXQ-48213-502"))));

        Map<String, Object> changes = new LinkedHashMap<>();
        changes.put("status", Map.of("old", "open", "new", "closed"));
        changes.put("body", Map.of("old", "It smells of smoke.", "new", "Fixed."));
        Map<String, Object> updated = Samples.map(templates.render(template, variables("ticket.updated", "Ticket updated",
                Map.of("ticket", ticket("Printer on fire", "closed"), "changes", changes))));
        assertThat(updated).containsEntry("text", "Ticket updated: #42 Printer on fire [closed]");
        assertThat(blocks(updated)).hasSize(3);
        assertThat(blocks(updated).get(2)).isEqualTo(Map.of("type", "section", "text", Map.of("type", "mrkdwn",
                "text", "Changed: status: open → closed, body edited")));
    }

    @Test
    void theDocumentedFilterDropsUpdatesThatLeaveTheStatusAlone() throws IOException {
        String doc = Files.readString(Path.of("..", "docs", "samples.md"));
        Matcher m = Pattern.compile("\"filter\": \"(.*)\"").matcher(doc);
        assertThat(m.find()).as("the filter example in docs/samples.md").isTrue();
        String filter = m.group(1);
        TemplateEngine templates = new TemplateEngine();
        Map<String, Object> ticket = ticket("Printer on fire", "closed");
        assertThat(templates.render(filter, variables("ticket.created", "Ticket created", Map.of("ticket", ticket))))
                .isEqualTo("1");
        assertThat(templates.render(filter, variables("ticket.updated", "Ticket updated", Map.of("ticket", ticket,
                "changes", Map.of("status", Map.of("old", "open", "new", "closed")))))).isEqualTo("1");
        assertThat(templates.render(filter, variables("ticket.updated", "Ticket updated", Map.of("ticket", ticket,
                "changes", Map.of("priority", Map.of("old", 50, "new", 80)))))).isEmpty();
    }

    @Test
    void theSubscriptionIsAcceptedAsShippedAndNeedsNoSecret() throws IOException {
        try (TestHost host = TestHost.start()) {
            HttpResponse<String> r = host.admin("POST", "/api/webhooks/subscriptions",
                    subscription("https://hooks.slack.com/services/T0001/B0001/abcdefghijklmnopqrstuvwx"));
            assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
            assertThat(Samples.map(r.body())).containsEntry("name", "slack-ticket-changes").containsEntry("secret", null)
                    .containsEntry("events", List.of("ticket.created", "ticket.updated", "ticket.deleted"));
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void ticketChangesArriveAtTheIncomingWebhookAsSlackMessages() throws Exception {
        try (Receiver slack = new Receiver(); Receiver probeReceiver = new Receiver();
             TestHost host = TestHost.start(Map.of("SWITCHBOARD_OUTBOUND_ALLOWLIST", "127.0.0.1"))) {
            HttpResponse<String> probe = host.admin("POST", "/api/webhooks/subscriptions", "{\"name\": \"probe\", "
                    + "\"url\": \"" + probeReceiver.url() + "\", \"events\": [\"webhook.test\"]}");
            HttpResponse<String> sent = host.admin("POST", "/api/webhooks/subscriptions/"
                    + Samples.map(probe.body()).get("id") + "/test", null);
            Assumptions.assumeTrue(sent.statusCode() == 200,
                    "the host has no guarded outbound HTTP client yet (POST …/test answered " + sent.statusCode() + ")");
            HttpResponse<String> sub = host.admin("POST", "/api/webhooks/subscriptions", subscription(slack.url()));
            assertThat(sub.statusCode()).as(sub.body()).isEqualTo(201);

            HttpResponse<String> made = host.admin("POST", "/api/tickets",
                    "{\"subject\": \"Printer <3rd floor> on fire\", \"requester\": \"dana@example.com\"}");
            Map<String, Object> ticket = Samples.map(made.body());
            host.admin("PATCH", "/api/tickets/" + ticket.get("id"), "{\"status\": \"closed\"}");

            List<Receiver.Received> got = slack.await(2, Duration.ofSeconds(20));
            List<Map<String, Object>> messages = got.stream().map(r -> Samples.map(r.body()))
                    .sorted((a, b) -> blocks(a).size() - blocks(b).size()).toList();
            assertThat(got.get(0).header("content-type")).startsWith("application/json");
            assertThat(got.get(0).header("webhook-signature")).as("Slack needs no signature").isNull();
            assertThat(messages.get(0)).containsEntry("text", "Ticket created: #" + ticket.get("id")
                    + " Printer <3rd floor> on fire [open]");
            assertThat(messages.get(1)).containsEntry("text", "Ticket updated: #" + ticket.get("id")
                    + " Printer <3rd floor> on fire [closed]");
            assertThat((Map<String, Object>) blocks(messages.get(1)).get(2).get("text"))
                    .containsEntry("text", "Changed: status: open → closed");
        }
    }
}
