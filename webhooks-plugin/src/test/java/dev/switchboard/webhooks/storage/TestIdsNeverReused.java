package dev.switchboard.webhooks.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.host.json.HostJson;
import dev.switchboard.host.storage.HostDatabase;
import dev.switchboard.testkit.TestHost;
import dev.switchboard.testkit.TestPostgres;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An id names one object for ever: after the newest ticket, bot or listener is deleted, the next one gets a new id,
 * so an id in an old log line or audit entry never points at something else. Also on a database made before
 * SQLite tables had AUTOINCREMENT, whose rows, ids and cascades survive the rebuild.
 */
class TestIdsNeverReused {
    private static final HostJson JSON = new HostJson();
    private static final String TICKET = "{\"subject\": \"s\", \"requester\": \"a@example.com\"}";

    @TempDir
    Path dir;

    @Test
    void deletingTheNewestRecordDoesNotGiveItsIdToTheNextOne() {
        try (TestHost host = TestHost.start()) {
            long first = id(host.admin("POST", "/api/tickets", TICKET), 201);
            long newest = id(host.admin("POST", "/api/tickets", TICKET), 201);
            assertThat(host.admin("DELETE", "/api/tickets/" + newest, null).statusCode()).isEqualTo(204);
            assertThat(id(host.admin("POST", "/api/tickets", TICKET), 201)).isGreaterThan(newest).isGreaterThan(first);

            long behavior = importWebhookBot(host);
            long listener = id(host.admin("POST", "/api/webhooks/listeners",
                    "{\"name\": \"second\", \"behavior_id\": " + behavior + "}"), 201);
            assertThat(host.admin("DELETE", "/api/webhooks/listeners/" + listener, null).statusCode()).isEqualTo(204);
            assertThat(id(host.admin("POST", "/api/webhooks/listeners",
                    "{\"name\": \"third\", \"behavior_id\": " + behavior + "}"), 201)).isGreaterThan(listener);
        }
    }

    @Test
    void aDatabaseFromBeforeKeepsItsRowsAndStopsReusingIds() throws Exception {
        Assumptions.assumeFalse(TestPostgres.selected(), "SQLite's rowid reuse; PostgreSQL identities never reuse");
        Path plugins = dir.resolve("plugins");
        Files.createDirectories(plugins);
        TestHost.copyJars(TestHost.pluginsUnderTest(), plugins);
        // The schema as the migrations before V3_1 made it, with the id column as it was then.
        try (HostDatabase db = HostDatabase.open(dir.resolve("data"), "FULL");
             URLClassLoader webhooks = new URLClassLoader(new URL[] {plugins.resolve("webhooks-plugin.jar").toUri().toURL()},
                     null)) {
            oldSchema(db, "host", getClass().getClassLoader());
            oldSchema(db, "webhooks", webhooks);
            try (Connection c = db.writerDataSource().getConnection(); Statement s = c.createStatement()) {
                s.execute("INSERT INTO bot(id, name, is_disabled, params, owner, created_at, updated_at) "
                        + "VALUES (1, 'Old', 0, '{}', '{}', 0, 0), (2, 'Newest', 0, '{}', '{}', 0, 0)");
                s.execute("INSERT INTO behavior(id, bot_id, title, event_id, priority, is_disabled, is_private, "
                        + "variables, nodes, created_at, updated_at) VALUES (7, 1, 'Kept', 'ticket.created', 50, 0, 0, "
                        + "'{}', '[]', 0, 0), (8, 2, 'Goes with its bot', 'ticket.created', 50, 0, 0, '{}', '[]', 0, 0)");
                s.execute("INSERT INTO ticket(id, mask, subject, body, requester, status, priority, created_at, "
                        + "updated_at) VALUES (5, 'AAA-00005', 'old', '', 'a@example.com', 'open', 50, 0, 0)");
                s.execute("INSERT INTO webhook_subscription(id, name, description, enabled, url, events, "
                        + "payload_format, post_mode, auth_type, github_signature, secret_in_payload, created_at, "
                        + "updated_at) VALUES (3, 'crm', '', 0, 'http://127.0.0.1:9/x', '[]', 'json', 'async', 'none', "
                        + "0, 0, 0, 0)");
                s.execute("INSERT INTO webhook_delivery(id, webhook_id, subscription_id, event_type, envelope, status, "
                        + "attempts, next_attempt_at, created_at, updated_at) VALUES (4, 'msg_1', 3, 'ticket.created', "
                        + "'{}', 'pending', 0, 9000000000000, 0, 0)");
            }
        }

        try (TestHost host = TestHost.start(dir, Map.of("SWITCHBOARD_WORKERS_ENABLED", "false"))) {
            assertThat(host.admin("GET", "/api/behaviors/7", null).statusCode()).as("rows and ids kept").isEqualTo(200);
            assertThat(host.admin("GET", "/api/webhooks/deliveries?subscription=3", null).body())
                    .as("a delivery kept with its subscription").contains("msg_1");
            assertThat(host.admin("DELETE", "/api/bots/2", null).statusCode()).isEqualTo(204);
            assertThat(host.admin("GET", "/api/behaviors/8", null).statusCode())
                    .as("ON DELETE CASCADE still works on the rebuilt tables").isEqualTo(404);
            assertThat(id(host.admin("POST", "/api/tickets", TICKET), 201)).isEqualTo(6);
            String pkg = new String(getClass().getResourceAsStream("/webhooks/webhook-bot.json").readAllBytes(),
                    java.nio.charset.StandardCharsets.UTF_8);
            Map<?, ?> imported = (Map<?, ?>) JSON.parse(ok(host.admin("POST", "/api/packages/import", pkg), 201));
            assertThat(((Number) ((Map<?, ?>) ((List<?>) imported.get("bots")).get(0)).get("id")).longValue())
                    .as("bot 2 was deleted: the next bot is 3, not 2 again").isEqualTo(3);
        }
    }

    private static void oldSchema(HostDatabase db, String owner, ClassLoader loader) {
        Flyway.configure(loader).dataSource(db.writerDataSource()).locations("classpath:db/" + owner)
                .table("schema_history_" + owner).baselineOnMigrate(true).baselineVersion("0").target("3")
                .placeholders(Map.of("id_pk", "INTEGER PRIMARY KEY", "blob", "BLOB")).load().migrate();
    }

    private static long importWebhookBot(TestHost host) {
        try {
            String pkg = new String(TestIdsNeverReused.class.getResourceAsStream("/webhooks/webhook-bot.json")
                    .readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            Map<?, ?> imported = (Map<?, ?>) JSON.parse(ok(host.admin("POST", "/api/packages/import", pkg), 201));
            return ((Number) ((Map<?, ?>) ((List<?>) imported.get("behaviors")).get(0)).get("id")).longValue();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static long id(HttpResponse<String> r, int status) {
        return ((Number) ((Map<?, ?>) JSON.parse(ok(r, status))).get("id")).longValue();
    }

    private static String ok(HttpResponse<String> r, int status) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        return r.body();
    }
}
