package dev.switchboard.samples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.testkit.TestHost;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The Slack slash-command sample (slack-ticket-command.json) as Slack drives it: a form-encoded {@code /ticket 42}
 * signed with Slack's v0 scheme answered at once with a JSON message (text and blocks) about that ticket; an unknown
 * ticket answered politely; a forged signature or a replayed (stale) request refused with 401.
 */
class TestSlackCommandSample {
    private static final String SECRET = "8f742231b10e8888abcd99yyyzzz85a5";

    private static HttpResponse<String> command(TestHost host, Map<String, Object> listener, String text, long timestamp,
                                                String secret) {
        String body = Samples.fixture("slack-command.txt")
                .replace("__TEXT__", URLEncoder.encode(text, StandardCharsets.UTF_8));
        String signature = "v0=" + Samples.hmacSha256Hex(secret, "v0:" + timestamp + ":" + body);
        return Samples.post(host, listener, body,
                "Content-Type", "application/x-www-form-urlencoded",
                "User-Agent", "Slackbot 1.0 (+https://api.slack.com/robots)",
                "X-Slack-Request-Timestamp", Long.toString(timestamp),
                "X-Slack-Signature", signature);
    }

    private static long now() {
        return Instant.now().getEpochSecond();
    }

    @Test
    @SuppressWarnings("unchecked")
    void slashTicketAnswersWithTheTicketAsASlackMessage() {
        try (TestHost host = Samples.host()) {
            Map<String, Object> listener = Samples.importWithListener(host, "slack-ticket-command.json",
                    Map.of("slack_signing_secret", SECRET));
            HttpResponse<String> made = host.admin("POST", "/api/tickets", "{\"subject\": \"Printer <3rd floor> & fax on fire\","
                    + " \"requester\": \"dana@example.com\", \"priority\": 80}");
            Map<String, Object> ticket = Samples.map(made.body());

            HttpResponse<String> r = command(host, listener, "#" + ticket.get("id"), now(), SECRET);
            assertThat(r.body()).as(() -> Samples.requestLog(host, listener)).isNotEmpty();
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            assertThat(Samples.mediaType(r)).isEqualTo("application/json; charset=utf-8");
            Map<String, Object> message = Samples.map(r.body());
            assertThat(message).containsEntry("response_type", "ephemeral")
                    .containsEntry("text", "Ticket #" + ticket.get("id") + " (" + ticket.get("mask")
                            + "): Printer <3rd floor> & fax on fire [open]");
            List<Map<String, Object>> blocks = (List<Map<String, Object>>) message.get("blocks");
            assertThat(blocks).hasSize(2);
            assertThat(blocks.get(0)).containsEntry("type", "section").containsEntry("text", Map.of("type", "mrkdwn",
                    "text", "*#" + ticket.get("id") + " Printer &lt;3rd floor&gt; &amp; fax on fire*"));
            assertThat(blocks.get(1)).containsEntry("type", "context");
            assertThat(r.body()).contains("Status: *open*").contains("Priority: 80")
                    .contains("Requester: dana@example.com").contains((String) ticket.get("mask"));

            HttpResponse<String> byMask = command(host, listener, (String) ticket.get("mask"), now(), SECRET);
            assertThat(byMask.body()).contains("\"text\":\"Ticket #" + ticket.get("id"));

            HttpResponse<String> unknown = command(host, listener, "999", now(), SECRET);
            assertThat(unknown.statusCode()).isEqualTo(200);
            assertThat(Samples.map(unknown.body())).isEqualTo(Map.of("response_type", "ephemeral", "text", "No ticket 999."));

            HttpResponse<String> empty = command(host, listener, "", now(), SECRET);
            assertThat(Samples.map(empty.body())).containsEntry("text", "Usage: /ticket <ticket id or mask>");
        }
    }

    @Test
    void aForgedOrStaleRequestIs401AndRevealsNothing() {
        try (TestHost host = Samples.host()) {
            Map<String, Object> listener = Samples.importWithListener(host, "slack-ticket-command.json",
                    Map.of("slack_signing_secret", SECRET));
            host.admin("POST", "/api/tickets", "{\"subject\": \"Secret project\", \"requester\": \"dana@example.com\"}");

            HttpResponse<String> forged = command(host, listener, "1", now(), "another app's secret");
            assertThat(forged.statusCode()).isEqualTo(401);
            assertThat(forged.body()).doesNotContain("Secret project");

            HttpResponse<String> replayed = command(host, listener, "1", now() - 600, SECRET);
            assertThat(replayed.statusCode()).isEqualTo(401);
            assertThat(replayed.body()).doesNotContain("Secret project");

            HttpResponse<String> fromTheFuture = command(host, listener, "1", now() + 600, SECRET);
            assertThat(fromTheFuture.statusCode()).isEqualTo(401);
            assertThat(Samples.tickets(host)).hasSize(1);
        }
    }
}
