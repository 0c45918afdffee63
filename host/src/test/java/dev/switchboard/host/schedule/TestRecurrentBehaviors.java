package dev.switchboard.host.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.host.json.HostJson;
import dev.switchboard.testkit.MovableClock;
import dev.switchboard.testkit.TestHost;
import dev.switchboard.testkit.TestPostgres;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code event.behavior.recurrent} over HTTP, on hosts whose clock the test moves: a behavior imported from a
 * package has its next run listed, runs when the clock reaches it, once for several missed times, and once across
 * two nodes on one PostgreSQL.
 */
class TestRecurrentBehaviors {
    private static final HostJson JSON = new HostJson();
    private static final Map<String, String> FAST = Map.of("SWITCHBOARD_SCHEDULER_POLL_MS", "50");
    // 08:00 in New York on Tuesday 2026-12-01
    private static final Instant START = Instant.parse("2026-12-01T13:00:00Z");
    private static final Instant NINE_NY = Instant.parse("2026-12-01T14:00:00Z");

    static final String PACKAGE = """
            {"package": {"name": "Recurring", "revision": 1,
               "requires": {"cerb_version": "8.3.0", "plugins": []},
               "configure": {"prompts": [], "placeholders": []}},
             "bots": [{"uid": "bot_rec", "name": "Recurring Bot",
               "owner": {"context": "cerberusweb.contexts.app", "id": 0}, "is_disabled": false,
               "params": {"config": null},
               "behaviors": [{"uid": "b_daily", "title": "Daily report", "is_disabled": false, "is_private": false,
                 "priority": 50,
                 "event": {"key": "event.behavior.recurrent", "label": "Recurrent behavior",
                   "params": {"repeat_patterns": "# every day at nine\\r\\n0 9 * * *", "timezone": "America/New_York",
                     "repeat_history": [], "repeat_run_at": 0}},
                 "nodes": [{"type": "action", "title": "Open a ticket", "params": {"actions": [
                   {"action": "create_ticket", "subject": "daily report",
                    "requester": "bot@example.com"}]}}]}]}]}
            """;

    @TempDir
    Path dir;

    @Test
    void anImportedRecurrentBehaviorRunsAtItsTimeAndMissedTimesRunOnce() {
        MovableClock clock = new MovableClock(START);
        try (TestHost host = TestHost.start(dir, FAST, clock)) {
            long behavior = importPackage(host);
            await().atMost(Duration.ofSeconds(30)).until(() -> nextRun(host, behavior) != null);
            assertThat(nextRun(host, behavior)).as("9:00 in New York").isEqualTo(NINE_NY.toEpochMilli());
            assertThat(reports(host)).isEmpty();

            clock.set(NINE_NY.plusSeconds(20));
            await().atMost(Duration.ofSeconds(30)).until(() -> reports(host).size() == 1);
            await().atMost(Duration.ofSeconds(30)).until(() -> Long.valueOf(NINE_NY.plus(Duration.ofDays(1))
                    .toEpochMilli()).equals(nextRun(host, behavior)));

            // three days pass with nothing running: it runs once, then waits for the next nine o'clock
            clock.set(NINE_NY.plus(Duration.ofDays(4)).plusSeconds(60));
            await().atMost(Duration.ofSeconds(30)).until(() -> Long.valueOf(NINE_NY.plus(Duration.ofDays(5))
                    .toEpochMilli()).equals(nextRun(host, behavior)));
            assertThat(reports(host)).as("once on the first day, once for the missed ones").hasSize(2);
        }
    }

    @Test
    void aChangedScheduleMovesTheNextRunAndABadOneIsRefused() {
        MovableClock clock = new MovableClock(START);
        try (TestHost host = TestHost.start(dir, FAST, clock)) {
            long behavior = importPackage(host);
            await().atMost(Duration.ofSeconds(30)).until(() -> nextRun(host, behavior) != null);
            HttpResponse<String> bad = host.admin("PATCH", "/api/behaviors/" + behavior,
                    "{\"event_params\": {\"repeat_patterns\": \"0 25 * * *\"}}");
            assertThat(bad.statusCode()).as(bad.body()).isEqualTo(422);
            assertThat(bad.body()).contains("hour field '25'");
            HttpResponse<String> ok = host.admin("PATCH", "/api/behaviors/" + behavior,
                    "{\"event_params\": {\"repeat_patterns\": \"30 8 * * *\", \"timezone\": \"America/New_York\"}}");
            assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
            assertThat(JSON.parse(ok.body()).toString()).contains("30 8 * * *");
            long halfPastEight = Instant.parse("2026-12-01T13:30:00Z").toEpochMilli();
            await().atMost(Duration.ofSeconds(30)).until(() -> Long.valueOf(halfPastEight)
                    .equals(nextRun(host, behavior)));

            HttpResponse<String> refused = host.admin("POST", "/api/packages/import",
                    PACKAGE.replace("0 9 * * *", "0 9 * *").replace("\"bot_rec\"", "\"bot_rec2\""));
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(422);
            assertThat(refused.body()).contains("must have 5 fields");
        }
    }

    @Test
    void twoNodesOnOnePostgresqlRunEachDueTimeOnce() throws Exception {
        Assumptions.assumeTrue(TestPostgres.selected(), "runs in the postgresql surefire execution");
        String db = TestPostgres.databaseFor(dir);
        MovableClock clock = new MovableClock(START);
        Map<String, String> env = new java.util.HashMap<>(FAST);
        env.put("SWITCHBOARD_DB_URL", db);
        try (TestHost a = TestHost.start(Files.createDirectories(dir.resolve("a")), env, clock);
             TestHost b = TestHost.start(Files.createDirectories(dir.resolve("b")), env, clock)) {
            long behavior = importPackage(a);
            await().atMost(Duration.ofSeconds(30)).until(() -> nextRun(b, behavior) != null);
            for (int day = 0; day < 5; day++) {
                Instant due = NINE_NY.plus(Duration.ofDays(day));
                clock.set(due.plusSeconds(1));
                long following = due.plus(Duration.ofDays(1)).toEpochMilli();
                TestHost reader = day % 2 == 0 ? a : b;
                await().atMost(Duration.ofSeconds(30)).until(() -> Long.valueOf(following)
                        .equals(nextRun(reader, behavior)));
            }
            assertThat(reports(b)).as("one run per day across both nodes").hasSize(5);
        }
    }

    private static long importPackage(TestHost host) {
        HttpResponse<String> r = host.admin("POST", "/api/packages/import", PACKAGE);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        Map<?, ?> answer = (Map<?, ?>) JSON.parse(r.body());
        return ((Number) ((Map<?, ?>) ((List<?>) answer.get("behaviors")).get(0)).get("id")).longValue();
    }

    private static Long nextRun(TestHost host, long behavior) {
        HttpResponse<String> r = host.admin("GET", "/api/scheduled-behaviors?behavior_id=" + behavior, null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        List<?> rows = (List<?>) ((Map<?, ?>) JSON.parse(r.body())).get("scheduled_behaviors");
        for (Object row : rows) {
            Map<?, ?> m = (Map<?, ?>) row;
            if ("behavior.recurrent".equals(m.get("context")) && m.get("run_at") instanceof Number n
                    && n.longValue() != 0) {
                return n.longValue();
            }
        }
        return null;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> reports(TestHost host) {
        HttpResponse<String> r = host.admin("GET", "/api/tickets?limit=100&subject=daily", null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return (List<Map<String, Object>>) ((Map<?, ?>) JSON.parse(r.body())).get("tickets");
    }
}
