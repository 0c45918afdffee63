package dev.switchboard.host.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.host.json.HostJson;
import dev.switchboard.testkit.FullDisk;
import dev.switchboard.testkit.TestHost;
import dev.switchboard.testkit.TestPostgres;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * A full disk under the admin API: writes answer 503 with Retry-After (the client retries; nothing is half-written),
 * {@code /health} says the database is degraded, and both recover once space returns and a write succeeds.
 */
class TestDiskFull {
    private static final HostJson JSON = new HostJson();

    @Test
    @SuppressWarnings("unchecked")
    void apiWritesAnswer503WithRetryAfterAndHealthIsDegradedUntilAWriteSucceeds() {
        Assumptions.assumeFalse(TestPostgres.selected(), "SQLITE_FULL via max_page_count is SQLite's");
        try (TestHost host = TestHost.start()) {
            HttpResponse<String> healthy = host.anonymous("GET", "/health", null);
            assertThat(healthy.statusCode()).isEqualTo(200);
            assertThat((Map<String, Object>) JSON.parse(healthy.body())).containsEntry("status", "ok");

            FullDisk.fill(host);
            String big = "x".repeat(16_000);
            HttpResponse<String> refused = null;
            for (int i = 0; i < 500 && refused == null; i++) {
                HttpResponse<String> r = host.admin("POST", "/api/tickets", "{\"subject\": \"full " + i
                        + "\", \"body\": \"" + big + "\", \"requester\": \"ann@example.com\"}");
                if (r.statusCode() != 201) {
                    refused = r;
                }
            }
            assertThat(refused).as("a ticket write refused once the file cannot grow").isNotNull();
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
            assertThat(refused.headers().firstValue("Retry-After")).hasValue("5");
            assertThat(refused.body()).contains("\"status\":503");
            HttpResponse<String> degraded = host.anonymous("GET", "/health", null);
            assertThat(degraded.statusCode()).isEqualTo(503);
            Map<String, Object> health = (Map<String, Object>) JSON.parse(degraded.body());
            assertThat(health).containsEntry("status", "degraded");
            Map<String, Object> database = (Map<String, Object>) ((Map<String, Object>) health.get("checks"))
                    .get("database");
            assertThat(database).containsEntry("status", "degraded");
            assertThat((String) database.get("message")).contains("full");

            FullDisk.free(host);
            assertThat(host.anonymous("GET", "/health", null).statusCode())
                    .as("degraded until a write succeeds, not merely until space returns").isEqualTo(503);
            HttpResponse<String> created = host.admin("POST", "/api/tickets",
                    "{\"subject\": \"space again\", \"requester\": \"ann@example.com\"}");
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            HttpResponse<String> recovered = host.anonymous("GET", "/health", null);
            assertThat(recovered.statusCode()).as(recovered.body()).isEqualTo(200);
            assertThat((Map<String, Object>) JSON.parse(recovered.body())).containsEntry("status", "ok");
        }
    }
}
