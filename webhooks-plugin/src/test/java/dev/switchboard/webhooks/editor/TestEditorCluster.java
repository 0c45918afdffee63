package dev.switchboard.webhooks.editor;

import static dev.switchboard.webhooks.editor.EditorFixture.ANSWER;
import static dev.switchboard.webhooks.editor.EditorFixture.REJECT;
import static dev.switchboard.webhooks.editor.EditorFixture.map;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.testkit.ClusterNode;
import dev.switchboard.testkit.TestPostgres;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two {@code serve} nodes on one PostgreSQL: a draft saved on node A changes no answer on either node; publishing it
 * on A makes node B answer with it within the change poll; a rollback on B reaches A the same way.
 */
class TestEditorCluster {
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path dir;

    @Test
    void aPublishOnOneNodeIsServedByTheOtherAndADraftByNeither() throws Exception {
        Assumptions.assumeTrue(TestPostgres.selected(), "runs in the postgresql surefire execution");
        String db = TestPostgres.databaseFor(dir);
        try (ClusterNode a = ClusterNode.start("a", "serve", dir.resolve("a"), db, false, Map.of()).awaitHealthy();
             ClusterNode b = ClusterNode.start("b", "serve", dir.resolve("b"), db, false, Map.of()).awaitHealthy()) {
            long bot = EditorFixture.id(map(a.admin("POST", "/api/bots", "{\"name\": \"Webhook Bot\"}", 201)));
            long behavior = EditorFixture.id(map(a.admin("POST", "/api/behaviors", "{\"bot_id\": " + bot
                    + ", \"title\": \"Answer\", \"event\": \"event.webhook.received\"}", 201)));
            String guid = String.valueOf(map(a.admin("POST", "/api/webhooks/listeners", "{\"name\": \"c\","
                    + " \"behavior_id\": " + behavior + "}", 201)).get("guid"));
            long v0 = EditorFixture.version(map(a.admin("GET", "/api/behaviors/" + behavior + "/tree", null, 200)));
            long v1 = EditorFixture.version(map(a.admin("PUT", "/api/behaviors/" + behavior + "/tree",
                    "{\"version\": " + v0 + ", \"nodes\": [" + ANSWER + "]}", 200)));
            long v2 = EditorFixture.version(map(a.admin("POST", "/api/behaviors/" + behavior + "/publish",
                    "{\"version\": " + v1 + "}", 200)));
            assertThat(await(b, guid, 200, Duration.ofSeconds(10))).as("node b serves the published tree").isTrue();

            // a draft saved on b: neither node answers with it
            long v3 = EditorFixture.version(map(b.admin("PUT", "/api/behaviors/" + behavior + "/tree",
                    "{\"version\": " + v2 + ", \"nodes\": [" + REJECT + ", " + ANSWER + "]}", 200)));
            assertThat(call(a, guid).statusCode()).isEqualTo(200);
            assertThat(call(b, guid).statusCode()).isEqualTo(200);
            // a stale write on a is refused even though a saw nothing of b's draft through its cache
            a.admin("PUT", "/api/behaviors/" + behavior + "/tree", "{\"version\": " + v2 + ", \"nodes\": []}", 409);

            long v4 = EditorFixture.version(map(b.admin("POST", "/api/behaviors/" + behavior + "/publish",
                    "{\"version\": " + v3 + "}", 200)));
            assertThat(await(a, guid, 401, Duration.ofSeconds(10))).as("node a serves b's publish").isTrue();
            b.admin("POST", "/api/behaviors/" + behavior + "/revisions/2/rollback", "{\"version\": " + v4 + "}", 200);
            assertThat(await(a, guid, 200, Duration.ofSeconds(10))).as("node a serves b's rollback").isTrue();
        }
    }

    /** Calls until the node answers {@code status} with the guide's X-Bot on 200, or the bound passes. */
    private boolean await(ClusterNode node, String guid, int status, Duration max) throws Exception {
        Instant end = Instant.now().plus(max);
        while (Instant.now().isBefore(end)) {
            HttpResponse<String> r = call(node, guid);
            if (r.statusCode() == status && (status != 200 || r.headers().firstValue("X-Bot").isPresent())) {
                return true;
            }
            Thread.sleep(20);
        }
        return false;
    }

    private HttpResponse<String> call(ClusterNode node, String guid) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(node.url() + "/webhooks/" + guid))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
    }
}
