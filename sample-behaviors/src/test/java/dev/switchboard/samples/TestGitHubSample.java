package dev.switchboard.samples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.testkit.TestHost;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The GitHub sample (github-issues.json) as GitHub drives it: a signed {@code ping} when the webhook is added, an
 * {@code issues} "opened" delivery that creates a ticket, a "closed" delivery for the same issue that updates it,
 * and a delivery signed with another secret refused with 401 and nothing created.
 */
class TestGitHubSample {
    static final String SECRET = "It's a Secret to Everybody";

    static HttpResponse<String> deliver(TestHost host, Map<String, Object> listener, String event, String body,
                                                String signature) {
        return Samples.post(host, listener, body,
                "Content-Type", "application/json",
                "User-Agent", "GitHub-Hookshot/7a3f1c2",
                "X-GitHub-Event", event,
                "X-GitHub-Delivery", UUID.randomUUID().toString(),
                "X-GitHub-Hook-ID", "109948940",
                "X-Hub-Signature-256", signature);
    }

    static String sign(String body) {
        return "sha256=" + Samples.hmacSha256Hex(SECRET, body);
    }

    @Test
    void pingThenAnIssueOpenedAndClosedKeepOneTicketInStep() {
        try (TestHost host = Samples.host()) {
            Map<String, Object> listener = Samples.importWithListener(host, "github-issues.json",
                    Map.of("github_secret", SECRET));

            String ping = Samples.fixture("github-ping.json");
            HttpResponse<String> pong = deliver(host, listener, "ping", ping, sign(ping));
            assertThat(pong.statusCode()).as(pong.body()).isEqualTo(200);
            assertThat(Samples.mediaType(pong)).isEqualTo("application/json; charset=utf-8");
            assertThat(Samples.map(pong.body())).containsEntry("ok", true).containsEntry("hook_id", 109948940L)
                    .containsEntry("zen", "Keep it logically awesome.");

            // An issue created with a label fires "labeled" alongside "opened"; only "opened" (or a later edit,
            // close or reopen) creates the ticket, so the two cannot race into two tickets.
            String labeled = Samples.fixture("github-issues-opened.json").replace("\"action\": \"opened\"",
                    "\"action\": \"labeled\"");
            HttpResponse<String> early = deliver(host, listener, "issues", labeled, sign(labeled));
            assertThat(early.statusCode()).isEqualTo(200);
            assertThat(Samples.map(early.body())).containsEntry("ignored", "issues.labeled");
            assertThat(Samples.tickets(host)).isEmpty();

            String opened = Samples.fixture("github-issues-opened.json");
            HttpResponse<String> created = deliver(host, listener, "issues", opened, sign(opened));
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            List<Map<String, Object>> tickets = Samples.tickets(host);
            assertThat(tickets).hasSize(1);
            Map<String, Object> ticket = tickets.get(0);
            assertThat(ticket)
                    .containsEntry("subject", "[octocat/Hello-World#1347] Found a bug: export fails on tickets with émoji 🎉")
                    .containsEntry("requester", "octocat@users.noreply.github.com")
                    .containsEntry("status", "open");
            assertThat((String) ticket.get("body")).contains("subject has \"quotes\" & <tags>")
                    .endsWith("https://github.com/octocat/Hello-World/issues/1347");
            assertThat(Samples.map(created.body())).containsEntry("created", true)
                    .containsEntry("ticket", Map.of("id", ticket.get("id"), "mask", ticket.get("mask"), "status", "open"));

            String closed = Samples.fixture("github-issues-closed.json");
            HttpResponse<String> updated = deliver(host, listener, "issues", closed, sign(closed));
            assertThat(updated.statusCode()).as(updated.body()).isEqualTo(200);
            assertThat(Samples.map(updated.body())).containsEntry("created", false);
            assertThat(Samples.tickets(host)).singleElement()
                    .satisfies(t -> assertThat(t).containsEntry("id", ticket.get("id")).containsEntry("status", "closed"));
            HttpResponse<String> lateLabel = deliver(host, listener, "issues", labeled, sign(labeled));
            assertThat(Samples.map(lateLabel.body())).containsEntry("created", false);

            HttpResponse<String> star = deliver(host, listener, "star", "{\"action\": \"created\"}",
                    sign("{\"action\": \"created\"}"));
            assertThat(star.statusCode()).isEqualTo(200);
            assertThat(star.body()).isEqualTo("{\"ignored\":\"star\"}");
            assertThat(Samples.requestLog(host, listener)).as("the trace shows the check, never the shared secret")
                    .contains("verify_hmac_signature").contains("secret=********").doesNotContain(SECRET);
        }
    }

    @Test
    void aDeliveryWithAWrongOrMissingSignatureIs401AndCreatesNothing() {
        try (TestHost host = Samples.host()) {
            Map<String, Object> listener = Samples.importWithListener(host, "github-issues.json",
                    Map.of("github_secret", SECRET));
            String opened = Samples.fixture("github-issues-opened.json");

            String otherSecret = "sha256=" + Samples.hmacSha256Hex("not the secret", opened);
            HttpResponse<String> forged = deliver(host, listener, "issues", opened, otherSecret);
            assertThat(forged.statusCode()).isEqualTo(401);
            assertThat(forged.body()).contains("X-Hub-Signature-256 does not match");

            HttpResponse<String> tampered = deliver(host, listener, "issues", opened.replace("1347", "1348"), sign(opened));
            assertThat(tampered.statusCode()).isEqualTo(401);

            HttpResponse<String> unsigned = Samples.post(host, listener, opened, "Content-Type", "application/json",
                    "X-GitHub-Event", "issues");
            assertThat(unsigned.statusCode()).isEqualTo(401);

            assertThat(Samples.tickets(host)).isEmpty();
        }
    }
}
