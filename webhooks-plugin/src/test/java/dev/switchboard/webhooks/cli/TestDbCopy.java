package dev.switchboard.webhooks.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.host.cli.Cli;
import dev.switchboard.host.json.HostJson;
import dev.switchboard.testkit.TestHost;
import dev.switchboard.testkit.TestPostgres;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Moving a single-node install from SQLite to PostgreSQL with {@code db copy-to}: bots, listeners (same URLs),
 * request log, tickets, subscriptions (secrets still readable) and deliveries arrive intact, new rows get new ids,
 * and a second copy into the now non-empty database is refused without touching it.
 */
class TestDbCopy {
    private static final HostJson JSON = new HostJson();
    /** The shared secret key, and no delivery workers: a retry between copy and comparison would change the rows. */
    private static final Map<String, String> KEY =
            Map.of("SWITCHBOARD_SECRET_KEY", "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=",
                    "SWITCHBOARD_WORKERS_ENABLED", "false");
    private static final List<String> LISTS = List.of("/api/bots", "/api/behaviors", "/api/tickets",
            "/api/webhooks/subscriptions", "/api/webhooks/deliveries");

    @TempDir
    Path pgDir;
    @TempDir
    Path newDir;

    @Test
    void copiesASqliteInstallIntoPostgresqlAndTheNewNodeServesIt() throws Exception {
        Assumptions.assumeFalse(TestPostgres.selected(), "copies from SQLite");
        Map<String, String> before = new HashMap<>();
        String guid;
        Path config;
        try (TestHost old = TestHost.start(KEY)) {
            String seed = Files.readString(Path.of("src", "test", "resources", "webhooks", "webhook-bot.json"));
            Map<?, ?> imported = map(ok(old.admin("POST", "/api/packages/import", seed), 201));
            Object behavior = ((Map<?, ?>) ((List<?>) imported.get("behaviors")).get(0)).get("id");
            Map<?, ?> listener = map(ok(old.admin("POST", "/api/webhooks/listeners",
                    "{\"name\": \"moved\", \"behavior_id\": " + behavior + "}"), 201));
            guid = (String) listener.get("guid");
            ok(old.admin("POST", "/api/webhooks/subscriptions", "{\"name\": \"crm\", \"url\": \"http://127.0.0.1:9/x\","
                    + " \"events\": [\"ticket.created\"]}"), 201);
            for (int i = 0; i < 3; i++) {
                ok(old.admin("POST", "/api/tickets", "{\"subject\": \"t" + i + "\", \"requester\": \"a@example.com\"}"), 201);
                assertThat(call(old, "http://127.0.0.1:" + old.host().port(), guid).statusCode()).isEqualTo(200);
            }
            awaitRequests(old, listener.get("id"), 3);
            for (String list : LISTS) {
                before.put(list, ok(old.admin("GET", list, null), 200));
            }
            before.put("requests", ok(old.admin("GET", "/api/webhooks/listeners/" + listener.get("id") + "/requests", null), 200));
            config = old.cliConfig();
        }
        String pg = TestPostgres.databaseFor(pgDir);

        assertThat(Cli.commandLine().execute("-c", config.toString(), "db", "copy-to", "--url", pg)).isZero();
        assertThat(Cli.commandLine().execute("-c", config.toString(), "db", "copy-to", "--url", pg))
                .as("a second copy into a database that has rows is refused").isEqualTo(1);

        Files.createDirectories(newDir.resolve("plugins"));
        TestHost.copyJars(TestHost.pluginsUnderTest(), newDir.resolve("plugins"));
        Map<String, String> env = new HashMap<>(KEY);
        env.put("SWITCHBOARD_DB_URL", pg);
        try (TestHost moved = TestHost.start(newDir, env)) {
            for (String list : LISTS) {
                assertThat(ok(moved.admin("GET", list, null), 200)).as(list).isEqualTo(before.get(list));
            }
            Map<?, ?> listener = (Map<?, ?>) ((List<?>) map(ok(moved.admin("GET", "/api/webhooks/listeners", null), 200))
                    .get("listeners")).get(0);
            assertThat(listener.get("guid")).isEqualTo(guid);
            assertThat(ok(moved.admin("GET", "/api/webhooks/listeners/" + listener.get("id") + "/requests", null), 200))
                    .isEqualTo(before.get("requests"));
            HttpResponse<String> answer = call(moved, moved.url(), guid);
            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(answer.headers().firstValue("X-Bot")).contains("Webhook Bot");

            Map<?, ?> ticket = map(ok(moved.admin("POST", "/api/tickets", "{\"subject\": \"after\", \"requester\": \"b@example.com\"}"), 201));
            assertThat(((Number) ticket.get("id")).longValue()).as("ids continue after the copied rows").isEqualTo(4);
            Map<?, ?> sub = (Map<?, ?>) ((List<?>) map(before.get("/api/webhooks/subscriptions")).get("subscriptions")).get(0);
            assertThat(ok(moved.admin("POST", "/api/webhooks/subscriptions/" + sub.get("id") + "/rotate-secret", null), 200))
                    .as("the copied secret is still readable with the same key").contains("whsec_");
        }
    }

    private static HttpResponse<String> call(TestHost host, String base, String guid) {
        return host.send(HttpRequest.newBuilder(URI.create(base + "/webhooks/" + guid + "?name=Joe"))
                .POST(HttpRequest.BodyPublishers.ofString("hello")));
    }

    private static void awaitRequests(TestHost host, Object listenerId, int count) {
        await("the request log reaches " + count + " rows").atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(50)).until(() -> ((List<?>) map(ok(host.admin("GET",
                        "/api/webhooks/listeners/" + listenerId + "/requests", null), 200)).get("requests")).size() >= count);
    }

    private static String ok(HttpResponse<String> r, int status) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        return r.body();
    }

    private static Map<?, ?> map(String json) {
        return (Map<?, ?>) JSON.parse(json);
    }
}
