package dev.switchboard.webhooks;

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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scheduler's promises with real processes: a run scheduled before a kill -9 happens once after the restart
 * (SQLite file), and two nodes with schedulers on one PostgreSQL run each due behavior once, not twice.
 */
class TestScheduleDurability {
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private static final Map<String, String> FAST = Map.of("SWITCHBOARD_SCHEDULER_POLL_MS", "100");

    @TempDir
    Path dir;

    @Test
    void aRunScheduledBeforeAKillNineHappensOnceAfterTheRestart() throws Exception {
        Assumptions.assumeFalse(TestPostgres.selected(), "an SQLite file is what this test checks");
        Path data = dir.resolve("node");
        ClusterNode first = ClusterNode.start("first", "serve", data, null, true, FAST).awaitHealthy();
        try {
            String guid = scheduleListener(first);
            // Due well after the kill: the first process never gets to run it.
            assertThat(get(first.url() + "/webhooks/" + guid + "?when=%2B3%20seconds&subject=survivor"))
                    .isEqualTo("scheduled");
            first.kill();
        } finally {
            first.kill();
        }
        ClusterNode second = ClusterNode.start("second", "serve", data, null, true, FAST);
        try {
            second.awaitHealthy();
            awaitNoneScheduled(second);
            assertThat(subjects(second, "survivor")).as("the run happened once").hasSize(1);
            // a second poll round finds nothing more to run
            Thread.sleep(500);
            assertThat(subjects(second, "survivor")).hasSize(1);
        } finally {
            second.close();
        }
    }

    @Test
    void twoNodesOnOnePostgresqlRunEachDueBehaviorOnceNotTwice() throws Exception {
        Assumptions.assumeTrue(TestPostgres.selected(), "runs in the postgresql surefire execution");
        String db = TestPostgres.databaseFor(dir);
        List<ClusterNode> nodes = new ArrayList<>();
        try {
            ClusterNode a = ClusterNode.start("a", "serve", dir.resolve("a"), db, true, FAST).awaitHealthy();
            nodes.add(a);
            String guid = scheduleListener(a);
            ClusterNode b = ClusterNode.start("b", "serve", dir.resolve("b"), db, true, FAST).awaitHealthy();
            nodes.add(b);
            int runs = 40;
            for (int i = 0; i < runs; i++) {
                // spread over both nodes, all due within the next two seconds
                assertThat(get((i % 2 == 0 ? a : b).url() + "/webhooks/" + guid + "?when=%2B" + (1 + i % 2)
                        + "%20seconds&subject=pg-run-" + i)).isEqualTo("scheduled");
            }
            awaitNoneScheduled(a);
            Map<String, Integer> counts = new HashMap<>();
            for (Map<String, Object> t : subjects(a, "pg-run-")) {
                counts.merge(String.valueOf(t.get("subject")), 1, Integer::sum);
            }
            assertThat(counts).hasSize(runs);
            assertThat(counts.values()).as("each run happened once").containsOnly(1);
        } finally {
            for (ClusterNode n : nodes) {
                n.kill();
            }
        }
    }

    private static String scheduleListener(ClusterNode node) throws Exception {
        Map<String, Long> ids = BotCallsFixture.behaviorIds(node.admin("POST", "/api/packages/import",
                BotCallsFixture.PACKAGE, 201));
        return String.valueOf(WebhookFixture.map(node.admin("POST", "/api/webhooks/listeners",
                "{\"name\": \"schedule\", \"behavior_id\": " + ids.get("Schedule") + "}", 201)).get("guid"));
    }

    private static String get(String url) throws Exception {
        HttpResponse<String> r = CLIENT.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return r.body();
    }

    private static void awaitNoneScheduled(ClusterNode node) throws Exception {
        Instant end = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(end)) {
            List<?> left = (List<?>) WebhookFixture.map(node.admin("GET", "/api/scheduled-behaviors", null, 200))
                    .get("scheduled_behaviors");
            if (left.isEmpty()) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("scheduled runs were still waiting after 60 s");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> subjects(ClusterNode node, String subject) throws Exception {
        return (List<Map<String, Object>>) WebhookFixture.map(node.admin("GET", "/api/tickets?limit=500&subject="
                + subject, null, 200)).get("tickets");
    }
}
