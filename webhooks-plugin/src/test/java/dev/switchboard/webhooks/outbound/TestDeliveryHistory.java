package dev.switchboard.webhooks.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.host.json.HostJson;
import dev.switchboard.testkit.Receiver;
import dev.switchboard.testkit.TestHost;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A subscription's delivery history as the admin page reads it: filtered by status and by a creation-time range,
 * a range of dead (or succeeded) deliveries replayed to a real receiver, and hourly counts of deliveries and failed
 * attempts for the chart. Two deliveries are moved hours into the past in the database, since a test cannot wait
 * hours for them to age.
 */
class TestDeliveryHistory {
    private static final HostJson JSON = new HostJson();
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final long HOUR = 3_600_000L;

    private static List<?> deliveries(TestHost host, String query) {
        HttpResponse<String> r = host.admin("GET", "/api/webhooks/deliveries?" + query, null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return (List<?>) ((Map<?, ?>) JSON.parse(r.body())).get("deliveries");
    }

    private static List<Object> ids(List<?> deliveries) {
        return deliveries.stream().<Object>map(d -> ((Map<?, ?>) d).get("id")).toList();
    }

    private static long sum(List<?> buckets, String key) {
        return buckets.stream().mapToLong(b -> ((Number) ((Map<?, ?>) b).get(key)).longValue()).sum();
    }

    @Test
    void deliveriesAreFilteredByStatusAndTimeReplayedByRangeAndCountedPerHour() throws Exception {
        Map<String, String> env = Map.of("SWITCHBOARD_OUTBOUND_ALLOWLIST", "127.0.0.1",
                "SWITCHBOARD_WEBHOOKS_OUTBOUND_RETRY_SCHEDULE", "3600");
        try (Receiver receiver = new Receiver(); TestHost host = TestHost.start(env)) {
            HttpResponse<String> created = host.admin("POST", "/api/webhooks/subscriptions", "{\"name\": \"crm\", "
                    + "\"url\": \"" + receiver.url() + "\", \"events\": [\"ticket.created\"]}");
            long sub = ((Number) ((Map<?, ?>) JSON.parse(created.body())).get("id")).longValue();
            String base = "/api/webhooks/subscriptions/" + sub;
            receiver.answer(500, 500, 500);
            for (String subject : List.of("old", "recent", "new")) {
                assertThat(host.admin("POST", "/api/tickets", "{\"subject\": \"" + subject
                        + "\", \"requester\": \"a@example.com\"}").statusCode()).isEqualTo(201);
            }
            receiver.await(3, WAIT);
            await("every delivery attempted").atMost(WAIT).pollInterval(Duration.ofMillis(50))
                    .until(() -> deliveries(host, "subscription=" + sub).stream()
                            .noneMatch(d -> ((Number) ((Map<?, ?>) d).get("attempt_count")).longValue() == 0));
            List<Object> all = ids(deliveries(host, "subscription=" + sub));
            assertThat(all).hasSize(3);
            Object fresh = all.get(0);
            Object recent = all.get(1);
            Object old = all.get(2);
            long now = System.currentTimeMillis();
            host.host().database().write(sql -> {
                sql.update("UPDATE webhook_delivery SET status = 'dead', created_at = ? WHERE id = ?", now - 5 * HOUR, old);
                sql.update("UPDATE webhook_delivery SET status = 'dead', created_at = ? WHERE id = ?", now - 2 * HOUR, recent);
                return null;
            });

            String q = "subscription=" + sub;
            assertThat(ids(deliveries(host, q + "&status=dead"))).containsExactly(recent, old);
            assertThat(ids(deliveries(host, q + "&status=dead&since=" + (now - 3 * HOUR)))).containsExactly(recent);
            assertThat(ids(deliveries(host, q + "&until=" + (now - 3 * HOUR)))).containsExactly(old);
            assertThat(ids(deliveries(host, q + "&since=" + (now - 6 * HOUR) + "&until=" + (now - HOUR))))
                    .containsExactly(recent, old);
            assertThat(ids(deliveries(host, q + "&status=pending"))).containsExactly(fresh);
            HttpResponse<String> badUntil = host.admin("GET", "/api/webhooks/deliveries?until=yesterday", null);
            assertThat(badUntil.statusCode()).isEqualTo(400);
            assertThat(badUntil.body()).contains("\"path\":\"until\"", "whole number");

            Map<?, ?> stats = (Map<?, ?>) JSON.parse(host.admin("GET", base + "/stats", null).body());
            assertThat(stats.get("hours")).isEqualTo(24L);
            assertThat(stats.get("dead_letters")).isEqualTo(2L);
            List<?> buckets = (List<?>) stats.get("buckets");
            assertThat(buckets).hasSize(24);
            assertThat(sum(buckets, "dead")).isEqualTo(2);
            assertThat(sum(buckets, "pending")).isEqualTo(1);
            assertThat(sum(buckets, "succeeded")).isZero();
            assertThat(sum(buckets, "failed_attempts")).isEqualTo(3);
            Map<?, ?> oldBucket = (Map<?, ?>) buckets.get(18);
            long start = ((Number) oldBucket.get("start")).longValue();
            assertThat(now - 5 * HOUR).isBetween(start, start + HOUR - 1);
            assertThat(oldBucket.get("dead")).isEqualTo(1L);
            assertThat(((Map<?, ?>) buckets.get(23)).get("pending")).isEqualTo(1L);
            assertThat(((Map<?, ?>) buckets.get(23)).get("failed_attempts")).isEqualTo(3L);
            assertThat(host.admin("GET", base + "/stats?hours=0", null).body()).contains("\"path\":\"hours\"");
            assertThat(host.admin("GET", base + "/stats?hours=169", null).statusCode()).isEqualTo(400);
            assertThat(host.admin("GET", "/api/webhooks/subscriptions/999/stats", null).statusCode()).isEqualTo(404);

            HttpResponse<String> replay = host.admin("POST", base + "/replay?status=dead&since=" + (now - 3 * HOUR)
                    + "&until=" + now, null);
            assertThat(replay.statusCode()).isEqualTo(202);
            assertThat(replay.body()).isEqualTo("{\"replayed\":1}");
            List<Receiver.Received> got = receiver.await(4, WAIT);
            assertThat(got).hasSize(4);
            await("the replay succeeded").atMost(WAIT).pollInterval(Duration.ofMillis(50))
                    .until(() -> !deliveries(host, q + "&status=succeeded").isEmpty());
            assertThat(ids(deliveries(host, q + "&status=succeeded"))).containsExactly(recent);
            assertThat(ids(deliveries(host, q + "&status=dead"))).containsExactly(old);

            HttpResponse<String> again = host.admin("POST", base + "/replay?status=succeeded&since=0", null);
            assertThat(again.body()).isEqualTo("{\"replayed\":1}");
            assertThat(receiver.await(5, WAIT).get(4).header("webhook-id")).isEqualTo(got.get(3).header("webhook-id"));
            HttpResponse<String> pending = host.admin("POST", base + "/replay?status=pending&since=0", null);
            assertThat(pending.statusCode()).isEqualTo(400);
            assertThat(pending.body()).contains("\"path\":\"status\"");
        }
    }
}
