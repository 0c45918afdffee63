package dev.switchboard.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.host.storage.HostDatabase;
import dev.switchboard.testkit.TestHost;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Retention: request-log rows older than {@code webhooks.log.max_days} and finished deliveries older than
 * {@code webhooks.outbound.retention_days} are deleted by a job that one process claims per period; newer rows and
 * pending deliveries stay.
 */
class TestHousekeeping {
    private static long count(HostDatabase db, String query) {
        return db.read(sql -> sql.first(query).map(r -> r.getLong("n")).orElse(0L));
    }

    @Test
    void oldRequestLogRowsAndFinishedDeliveriesGoNewerOnesStay() throws Exception {
        try (TestHost host = TestHost.start(Map.of("SWITCHBOARD_WEBHOOKS_HOUSEKEEPING_SECONDS", "1",
                "SWITCHBOARD_WEBHOOKS_LOG_MAX_DAYS", "2", "SWITCHBOARD_WEBHOOKS_OUTBOUND_RETENTION_DAYS", "3",
                "SWITCHBOARD_WEBHOOKS_OUTBOUND_RETRY_SCHEDULE", "3600"))) {
            Map<String, Long> ids = WebhookFixture.importPackage(host);
            Map<String, Object> listener = WebhookFixture.listener(host,
                    "{\"name\": \"kept\", \"behavior_id\": " + ids.get("Other") + "}");
            assertThat(host.admin("POST", "/api/webhooks/subscriptions", "{\"name\": \"s\", \"url\": "
                    + "\"http://127.0.0.1:9/x\", \"events\": [\"ticket.created\"]}").statusCode()).isEqualTo(201);
            for (int i = 0; i < 4; i++) {
                WebhookFixture.call(host, "GET", listener.get("guid").toString(), "", "");
                host.admin("POST", "/api/tickets", "{\"subject\": \"t" + i + "\", \"requester\": \"a@example.com\"}");
            }
            HostDatabase db = host.host().database();
            // Every delivery tried once and rescheduled an hour out, so the worker leaves the rows to this test.
            await(() -> count(db, "SELECT COUNT(*) AS n FROM webhook_request") == 4
                    && count(db, "SELECT COUNT(*) AS n FROM webhook_delivery WHERE attempts >= 1") == 4);

            long day = Duration.ofDays(1).toMillis();
            long now = System.currentTimeMillis();
            db.write(sql -> {
                sql.update("UPDATE webhook_request SET received_at = ? WHERE id IN (SELECT id FROM webhook_request "
                        + "ORDER BY id LIMIT 2)", now - 3 * day);
                sql.update("UPDATE webhook_delivery SET status = 'succeeded', updated_at = ? WHERE id = "
                        + "(SELECT MIN(id) FROM webhook_delivery)", now - 4 * day);
                sql.update("UPDATE webhook_delivery SET status = 'dead', updated_at = ? WHERE id = "
                        + "(SELECT MAX(id) FROM webhook_delivery)", now - day);
                sql.update("UPDATE webhook_delivery SET updated_at = ? WHERE status = 'pending'", now - 4 * day);
                return sql.update("UPDATE webhook_job SET next_run_at = 0");
            });

            await(() -> count(db, "SELECT COUNT(*) AS n FROM webhook_request") == 2);
            await(() -> count(db, "SELECT COUNT(*) AS n FROM webhook_delivery") == 3);
            assertThat(count(db, "SELECT COUNT(*) AS n FROM webhook_delivery WHERE status = 'succeeded'"))
                    .as("the old succeeded delivery is gone").isZero();
            assertThat(count(db, "SELECT COUNT(*) AS n FROM webhook_delivery WHERE status = 'dead'"))
                    .as("a dead delivery younger than the retention stays for replay").isEqualTo(1);
            assertThat(count(db, "SELECT COUNT(*) AS n FROM webhook_job WHERE holder IS NOT NULL AND next_run_at > "
                    + (now + Duration.ofMinutes(50).toMillis()))).as("each job claimed for its hour").isEqualTo(2);
        }
    }

    private static void await(java.util.concurrent.Callable<Boolean> condition) {
        Awaitility.await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(50)).until(condition);
    }
}
