package dev.switchboard.webhooks.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.host.json.HostJson;
import dev.switchboard.testkit.Receiver;
import dev.switchboard.testkit.TestHost;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Deliveries to a real receiver on 127.0.0.1 through the host's guarded client: signed (verified independently),
 * retried with the same webhook-id, dead-lettered, redelivered, replayed, disabled on 410 with an event, XML
 * well-formed, sync_critical vetoing the change, and durable across a restart.
 */
class TestDelivery {
    private static final HostJson JSON = new HostJson();
    private static final String KEY = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final Duration WAIT = Duration.ofSeconds(20);

    private static Map<String, String> env(String schedule) {
        return Map.of("SWITCHBOARD_OUTBOUND_ALLOWLIST", "127.0.0.1",
                "SWITCHBOARD_WEBHOOKS_OUTBOUND_RETRY_SCHEDULE", schedule);
    }

    private static long subscribe(TestHost host, String name, String url, String extra) {
        HttpResponse<String> r = host.admin("POST", "/api/webhooks/subscriptions", "{\"name\": \"" + name
                + "\", \"url\": \"" + url + "\", \"secret\": \"" + KEY + "\"" + extra + "}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return ((Number) ((Map<?, ?>) JSON.parse(r.body())).get("id")).longValue();
    }

    private static HttpResponse<String> ticket(TestHost host, String subject) {
        return host.admin("POST", "/api/tickets", "{\"subject\": \"" + subject + "\", \"requester\": \"a@example.com\"}");
    }

    private static Map<?, ?> onlyDelivery(TestHost host, String query) {
        List<?> list = await("a delivery for " + query).atMost(WAIT).pollInterval(Duration.ofMillis(50))
                .until(() -> (List<?>) ((Map<?, ?>) JSON.parse(host.admin("GET", "/api/webhooks/deliveries?" + query,
                        null).body())).get("deliveries"), found -> !found.isEmpty());
        assertThat(list).as(query).hasSize(1);
        return (Map<?, ?>) JSON.parse(host.admin("GET", "/api/webhooks/deliveries/" + ((Map<?, ?>) list.get(0))
                .get("id"), null).body());
    }

    @Test
    void aTicketIsDeliveredSignedAndTheHistoryHoldsNoSecret() throws Exception {
        try (Receiver receiver = new Receiver(); TestHost host = TestHost.start(env("1"))) {
            subscribe(host, "crm", receiver.url(), ", \"events\": [\"ticket.created\"], "
                    + "\"auth\": {\"type\": \"bearer\", \"token\": \"tok-secret-1\"}");
            assertThat(ticket(host, "hello").statusCode()).isEqualTo(201);
            Receiver.Received r = receiver.await(1, WAIT).get(0);
            assertThat(Receiver.verifies(r, KEY)).isTrue();
            assertThat(r.header("authorization")).isEqualTo("Bearer tok-secret-1");
            Map<?, ?> body = (Map<?, ?>) JSON.parse(r.body());
            assertThat(body.get("id")).isEqualTo(r.header("webhook-id"));
            assertThat(body.get("event")).isEqualTo(Map.of("id", "ticket.created", "label", "Ticket created"));

            Map<?, ?> d = onlyDelivery(host, "status=succeeded");
            assertThat(d.get("webhook_id")).isEqualTo(r.header("webhook-id"));
            assertThat((List<?>) d.get("attempts")).hasSize(1);
            String shown = JSON.write(d) + host.admin("GET", "/api/audit", null).body();
            assertThat(shown).doesNotContain("tok-secret-1", KEY.substring(6)).contains("answered 200");
        }
    }

    @Test
    void theTestEventIsSentNowItsAttemptReturnedAndKeptInTheHistoryMarkedTest() throws Exception {
        try (Receiver receiver = new Receiver(); TestHost host = TestHost.start(env("1"))) {
            long sub = subscribe(host, "crm", receiver.url(), ", \"events\": [\"ticket.created\"]");
            receiver.answer(202);
            HttpResponse<String> r = host.admin("POST", "/api/webhooks/subscriptions/" + sub + "/test", null);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            Map<?, ?> answer = (Map<?, ?>) JSON.parse(r.body());
            Map<?, ?> attempt = (Map<?, ?>) answer.get("attempt");
            assertThat(attempt.get("succeeded")).isEqualTo(true);
            Receiver.Received got = receiver.received().get(0);
            assertThat(Receiver.verifies(got, KEY)).isTrue();
            assertThat(got.body()).contains("\"webhook.test\"");

            Map<?, ?> kept = onlyDelivery(host, "subscription=" + sub);
            assertThat(kept.get("id")).isEqualTo(answer.get("delivery_id"));
            assertThat(new HashMap<Object, Object>(kept)).containsEntry("test", true)
                    .containsEntry("status", "succeeded").containsEntry("event_type", "webhook.test").containsEntry("webhook_id", got.header("webhook-id"))
                    .containsEntry("next_attempt_at", null);
            Map<?, ?> response = (Map<?, ?>) ((Map<?, ?>) ((List<?>) kept.get("attempts")).get(0)).get("response");
            assertThat(response.get("status")).isEqualTo(202L);
            assertThat(response.get("body")).isEqualTo("answered 202");

            receiver.answer(500);
            Map<?, ?> failed = (Map<?, ?>) JSON.parse(host.admin("POST", "/api/webhooks/subscriptions/" + sub + "/test",
                    null).body());
            Map<?, ?> dead = (Map<?, ?>) JSON.parse(host.admin("GET", "/api/webhooks/deliveries/"
                    + failed.get("delivery_id"), null).body());
            assertThat(new HashMap<Object, Object>(dead)).as("a test is not retried").containsEntry("test", true)
                    .containsEntry("status", "dead").containsEntry("last_status", 500L);
            long since = System.currentTimeMillis();
            assertThat(ticket(host, "a real one").statusCode()).isEqualTo(201);
            assertThat(new HashMap<Object, Object>(onlyDelivery(host, "subscription=" + sub + "&status=succeeded&since="
                    + since))).containsEntry("test", false).containsEntry("event_type", "ticket.created");
        }
    }

    @Test
    void failuresAreRetriedWithTheSameIdThenDeadLetteredRedeliveredAndReplayed() throws Exception {
        try (Receiver receiver = new Receiver(); TestHost host = TestHost.start(env("0,1"))) {
            long sub = subscribe(host, "crm", receiver.url(), ", \"events\": [\"ticket.created\"]");
            receiver.answer(500, 503, 500);
            ticket(host, "one");
            List<Receiver.Received> got = receiver.await(3, WAIT);
            assertThat(got).hasSize(3).extracting(r -> r.header("webhook-id")).containsOnly(got.get(0).header("webhook-id"));
            Map<?, ?> dead = onlyDelivery(host, "status=dead");
            assertThat((List<?>) dead.get("attempts")).hasSize(3);

            HttpResponse<String> again = host.admin("POST", "/api/webhooks/deliveries/" + dead.get("id") + "/redeliver", null);
            assertThat(again.statusCode()).isEqualTo(202);
            assertThat(receiver.await(4, WAIT).get(3).header("webhook-id")).isEqualTo(got.get(0).header("webhook-id"));
            onlyDelivery(host, "status=succeeded");

            receiver.answer(500, 500, 500);
            ticket(host, "two");
            receiver.await(7, WAIT);
            onlyDelivery(host, "status=dead");
            HttpResponse<String> replay = host.admin("POST", "/api/webhooks/subscriptions/" + sub + "/replay?since=0", null);
            assertThat(replay.body()).isEqualTo("{\"replayed\":1}");
            assertThat(receiver.await(8, WAIT)).hasSize(8);
        }
    }

    @Test
    void retryAfterIsHonoured() throws Exception {
        try (Receiver receiver = new Receiver(); TestHost host = TestHost.start(env("3600"))) {
            subscribe(host, "crm", receiver.url(), ", \"events\": [\"ticket.created\"]");
            receiver.answerRetryAfter(429, 1);
            ticket(host, "slow down");
            assertThat(receiver.await(2, WAIT)).hasSize(2);
        }
    }

    @Test
    void a410DisablesTheSubscriptionAndAnnouncesIt() throws Exception {
        try (Receiver receiver = new Receiver(); Receiver watcher = new Receiver();
             TestHost host = TestHost.start(env("1"))) {
            long sub = subscribe(host, "gone", receiver.url(), ", \"events\": [\"ticket.created\"]");
            subscribe(host, "watch", watcher.url(), ", \"events\": [\"webhook.subscription.disabled\"]");
            receiver.answer(410);
            ticket(host, "x");
            Receiver.Received announced = watcher.await(1, WAIT).get(0);
            assertThat(announced.body()).contains("webhook.subscription.disabled", "410 Gone", "\"name\":\"gone\"");
            assertThat(host.admin("GET", "/api/webhooks/subscriptions/" + sub, null).body())
                    .contains("\"enabled\":false", "410 Gone");
        }
    }

    @Test
    void aSubscriptionFailingLongerThanTheLimitIsDisabledAndAnnounced() throws Exception {
        Map<String, String> env = new java.util.HashMap<>(env("1"));
        env.put("SWITCHBOARD_WEBHOOKS_OUTBOUND_DISABLE_AFTER_HOURS", "0");
        try (Receiver receiver = new Receiver(); Receiver watcher = new Receiver(); TestHost host = TestHost.start(env)) {
            long sub = subscribe(host, "flaky", receiver.url(), ", \"events\": [\"ticket.created\"]");
            subscribe(host, "watch", watcher.url(), ", \"events\": [\"webhook.subscription.disabled\"]");
            receiver.answer(500);
            ticket(host, "x");
            assertThat(watcher.await(1, WAIT).get(0).body()).contains("failing continuously since", "\"name\":\"flaky\"");
            assertThat(host.admin("GET", "/api/webhooks/subscriptions/" + sub, null).body()).contains("\"enabled\":false");
            onlyDelivery(host, "status=dead&subscription=" + sub);
        }
    }

    @Test
    void xmlPayloadsAreWellFormed() throws Exception {
        try (Receiver receiver = new Receiver(); TestHost host = TestHost.start(env("1"))) {
            subscribe(host, "erp", receiver.url(), ", \"events\": [\"ticket.created\"], \"payload_format\": \"xml\"");
            ticket(host, "a <b> & \\u0001 c");
            Receiver.Received r = receiver.await(1, WAIT).get(0);
            assertThat(r.header("content-type")).startsWith("application/xml");
            var doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                    .parse(new ByteArrayInputStream(r.body().getBytes(StandardCharsets.UTF_8)));
            assertThat(doc.getDocumentElement().getNodeName()).isEqualTo("webhook");
            assertThat(doc.getElementsByTagName("subject").item(0).getTextContent()).startsWith("a <b> & ");
            assertThat(Receiver.verifies(r, KEY)).isTrue();
        }
    }

    @Test
    void syncCriticalRefusalVetoesTheTicketWithTheReceiversMessage() throws Exception {
        try (Receiver receiver = new Receiver(); TestHost host = TestHost.start(env("1"))) {
            subscribe(host, "gate", receiver.url(), ", \"events\": [\"ticket.created\"], \"post_mode\": \"sync_critical\"");
            receiver.answer(403);
            HttpResponse<String> refused = ticket(host, "blocked");
            assertThat(refused.statusCode()).isEqualTo(403);
            assertThat(refused.body()).contains("answered 403");
            assertThat(host.admin("GET", "/api/tickets", null).body()).doesNotContain("blocked");
            assertThat(ticket(host, "allowed").statusCode()).isEqualTo(201);
        }
    }

    @Test
    void aDeliveryInterruptedByARestartArrivesAfterwardsWithTheSameId() throws Exception {
        Path dir = Files.createTempDirectory("switchboard-restart");
        Files.createDirectories(dir.resolve("plugins"));
        TestHost.copyJars(TestHost.pluginsUnderTest(), dir.resolve("plugins"));
        try (Receiver receiver = new Receiver()) {
            receiver.answer(500);
            String firstId;
            try (TestHost host = TestHost.start(dir, env("2"))) {
                subscribe(host, "crm", receiver.url(), ", \"events\": [\"ticket.created\"]");
                ticket(host, "survives");
                firstId = receiver.await(1, WAIT).get(0).header("webhook-id");
                await("the 500 recorded").atMost(WAIT).pollInterval(Duration.ofMillis(25)).until(() ->
                        host.admin("GET", "/api/webhooks/deliveries", null).body().contains("\"last_status\":500"));
            }
            try (TestHost host = TestHost.start(dir, env("2"))) {
                List<Receiver.Received> got = receiver.await(2, WAIT);
                assertThat(got).hasSize(2);
                assertThat(got.get(1).header("webhook-id")).isEqualTo(firstId);
                assertThat(Receiver.verifies(got.get(1), KEY)).isTrue();
                onlyDelivery(host, "status=succeeded");
            }
        }
    }

    @Test
    void fixingTheAllowlistThroughTheApiSendsTheDeliveriesItRefusedAtOnceNotAfterTheirBackoff() throws Exception {
        // no allowlist at start, and a retry schedule of an hour: only the allowlist change can make it due again
        try (Receiver receiver = new Receiver();
             TestHost host = TestHost.start(Map.of("SWITCHBOARD_WEBHOOKS_OUTBOUND_RETRY_SCHEDULE", "3600"))) {
            long sub = subscribe(host, "crm", receiver.url(), ", \"events\": [\"ticket.created\"]");
            assertThat(ticket(host, "refused first").statusCode()).isEqualTo(201);
            Map<?, ?> refused = await("the guard's refusal recorded").atMost(WAIT).pollInterval(Duration.ofMillis(50))
                    .until(() -> onlyDelivery(host, "subscription=" + sub),
                            d -> ((Number) d.get("attempt_count")).longValue() == 1);
            assertThat(refused.get("status")).isEqualTo("pending");
            assertThat(String.valueOf(refused.get("last_error"))).startsWith("blocked: ")
                    .contains("PUT /api/outbound/allowlist");
            assertThat(((Number) refused.get("next_attempt_at")).longValue())
                    .as("an hour away, jittered").isGreaterThan(System.currentTimeMillis() + Duration.ofMinutes(30).toMillis());
            assertThat(receiver.received()).isEmpty();

            String port = receiver.url().replaceAll(".*:(\\d+)/.*", "$1");
            HttpResponse<String> bad = host.admin("PUT", "/api/outbound/allowlist",
                    "{\"entries\": [\"127.0.0.1:" + port + "\", \"example.com\"]}");
            assertThat(bad.statusCode()).as(bad.body()).isEqualTo(422);
            assertThat(bad.body()).contains("\"path\":\"entries[1]\"").contains("example.com");
            assertThat(host.admin("GET", "/api/outbound/allowlist", null).body())
                    .as("a refused change changes nothing").contains("\"entries\":[]");

            HttpResponse<String> fixed = host.admin("PUT", "/api/outbound/allowlist",
                    "{\"entries\": [\"127.0.0.1:" + port + "\"]}");
            assertThat(fixed.statusCode()).as(fixed.body()).isEqualTo(200);
            assertThat(JSON.parse(fixed.body())).isEqualTo(Map.of("entries", List.of("127.0.0.1:" + port),
                    "configured", List.of(), "allow_private", false));
            Receiver.Received got = receiver.await(1, WAIT).get(0);
            assertThat(Receiver.verifies(got, KEY)).isTrue();
            assertThat(got.header("webhook-id")).isEqualTo(refused.get("webhook_id"));
            Map<?, ?> sent = await("the delivery recorded as succeeded").atMost(WAIT)
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> onlyDelivery(host, "subscription=" + sub), d -> "succeeded".equals(d.get("status")));
            assertThat((List<?>) sent.get("attempts")).hasSize(2);
            assertThat(host.admin("GET", "/api/audit", null).body()).contains("outbound.allowlist.update");

            HttpResponse<String> cleared = host.admin("PUT", "/api/outbound/allowlist", "{\"entries\": []}");
            assertThat(cleared.statusCode()).isEqualTo(200);
            HttpResponse<String> test = host.admin("POST", "/api/webhooks/subscriptions/" + sub + "/test", null);
            assertThat(test.body()).as("removed entries are refused again").contains("blocked");
            assertThat(receiver.received()).hasSize(1);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "localhost", "[::1]", "2130706433", "[::ffff:127.0.0.1]"})
    void withoutTheAllowlistNoDeliveryReachesLoopback(String loopback) {
        try (Receiver receiver = new Receiver();
             TestHost host = TestHost.start(Map.of("SWITCHBOARD_WEBHOOKS_OUTBOUND_RETRY_SCHEDULE", "1"))) {
            long sub = subscribe(host, "ssrf", receiver.url().replace("127.0.0.1", loopback),
                    ", \"events\": [\"ticket.created\"]");
            HttpResponse<String> r = host.admin("POST", "/api/webhooks/subscriptions/" + sub + "/test", null);
            Map<?, ?> attempt = (Map<?, ?>) ((Map<?, ?>) JSON.parse(r.body())).get("attempt");
            assertThat(attempt).as(r.body()).isNotNull();
            assertThat(attempt.get("succeeded")).isEqualTo(false);
            assertThat(String.valueOf(attempt.get("error"))).containsAnyOf("blocked", "dns");
            assertThat(receiver.received()).isEmpty();
        }
    }
}
