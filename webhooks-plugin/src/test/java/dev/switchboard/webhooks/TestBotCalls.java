package dev.switchboard.webhooks;

import static dev.switchboard.webhooks.WebhookFixture.call;
import static dev.switchboard.webhooks.WebhookFixture.map;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.testkit.TestHost;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Bots that call, schedule and store, end to end over HTTP: a package using {@code event.macro.bot},
 * {@code _run_behavior}, {@code _schedule_behavior}, {@code _unschedule_behavior}, {@code _get_key} and
 * {@code _set_key} imports, and webhook listeners bound to its behaviors answer with what those actions did.
 */
class TestBotCalls {

    @Test
    void aWebhookBehaviorRunsACustomBehaviorWithInputsAndAnswersWithItsReturnedVariable() {
        try (TestHost host = TestHost.start()) {
            Map<String, Long> ids = importPackage(host);
            Map<String, Object> ask = WebhookFixture.listener(host, "{\"name\": \"ask\", \"behavior_id\": "
                    + ids.get("Ask") + "}");
            RawHttp.Response r = call(host, "GET", ask.get("guid") + "?n=21", "", "");
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.body()).isEqualTo("42");
        }
    }

    @Test
    void aBotStoresKeysAndAnExpiredKeyReadsAsMissing() {
        try (TestHost host = TestHost.start()) {
            Map<String, Long> ids = importPackage(host);
            Object store = WebhookFixture.listener(host, "{\"name\": \"store\", \"behavior_id\": "
                    + ids.get("Store") + "}").get("guid");
            Object read = WebhookFixture.listener(host, "{\"name\": \"read\", \"behavior_id\": "
                    + ids.get("Read") + "}").get("guid");
            assertThat(call(host, "GET", store + "?k=a&v=kept&exp=", "", "").body()).isEqualTo("[kept]");
            assertThat(call(host, "GET", read + "?k=a", "", "").body()).isEqualTo("[kept]");
            assertThat(call(host, "GET", store + "?k=b&v=later&exp=%2B30%20mins", "", "").body())
                    .isEqualTo("[later]");
            assertThat(call(host, "GET", store + "?k=c&v=gone&exp=-1%20sec", "", "").body())
                    .as("expired as soon as written").isEqualTo("[]");
            assertThat(call(host, "GET", read + "?k=b", "", "").body()).isEqualTo("[later]");
            assertThat(call(host, "GET", read + "?k=nothing", "", "").body()).isEqualTo("[]");
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void scheduledRunsAreListedCanBeCancelledOrUnscheduledAndADueOneRuns() throws InterruptedException {
        try (TestHost host = TestHost.start(Map.of("SWITCHBOARD_SCHEDULER_POLL_MS", "100"))) {
            Map<String, Long> ids = importPackage(host);
            Object schedule = WebhookFixture.listener(host, "{\"name\": \"schedule\", \"behavior_id\": "
                    + ids.get("Schedule") + "}").get("guid");
            Object unschedule = WebhookFixture.listener(host, "{\"name\": \"unschedule\", \"behavior_id\": "
                    + ids.get("Unschedule") + "}").get("guid");

            assertThat(call(host, "GET", schedule + "?when=%2B1%20hour&subject=later", "", "").body())
                    .isEqualTo("scheduled");
            List<Map<String, Object>> listed = scheduled(host);
            assertThat(listed).hasSize(1);
            assertThat(((Number) listed.get(0).get("behavior_id")).longValue()).isEqualTo(ids.get("Ticketer"));
            assertThat(listed.get(0)).containsEntry("context", "bot").containsEntry("variables", Map.of("var_subject", "later"));
            long inAnHour = ((Number) listed.get(0).get("run_at")).longValue() - System.currentTimeMillis();
            assertThat(inAnHour).isBetween(Duration.ofMinutes(55).toMillis(), Duration.ofMinutes(61).toMillis());

            HttpResponse<String> cancel = host.admin("DELETE", "/api/scheduled-behaviors/" + listed.get(0).get("id"),
                    null);
            assertThat(cancel.statusCode()).isEqualTo(204);
            assertThat(scheduled(host)).isEmpty();
            HttpResponse<String> again = host.admin("DELETE", "/api/scheduled-behaviors/" + listed.get(0).get("id"),
                    null);
            assertThat(again.statusCode()).isEqualTo(404);
            assertThat(again.body()).contains("no scheduled behavior with id");

            call(host, "GET", schedule + "?when=%2B2%20days&subject=a", "", "");
            call(host, "GET", schedule + "?when=%2B3%20days&subject=b", "", "");
            assertThat(scheduled(host)).hasSize(2);
            assertThat(call(host, "GET", unschedule.toString(), "", "").body()).isEqualTo("unscheduled");
            assertThat(scheduled(host)).isEmpty();

            assertThat(call(host, "GET", schedule + "?when=now&subject=due%20now", "", "").body())
                    .isEqualTo("scheduled");
            Instant end = Instant.now().plus(Duration.ofSeconds(30));
            while (!scheduled(host).isEmpty() && Instant.now().isBefore(end)) {
                Thread.sleep(50);
            }
            assertThat(scheduled(host)).as("the due run was taken and finished").isEmpty();
            List<Map<String, Object>> tickets = (List<Map<String, Object>>) map(host.admin("GET",
                    "/api/tickets?subject=due%20now", null).body()).get("tickets");
            assertThat(tickets).hasSize(1);
        }
    }

    @Test
    void aBadRunDateFailsTheActionNamingTheTextAndSchedulesNothing() {
        try (TestHost host = TestHost.start()) {
            Map<String, Long> ids = importPackage(host);
            HttpResponse<String> sim = host.admin("POST", "/api/behaviors/" + ids.get("Schedule") + "/simulate",
                    "{\"http_params\": {\"when\": \"someday\"}}");
            assertThat(sim.statusCode()).isEqualTo(200);
            Object schedule = WebhookFixture.listener(host, "{\"name\": \"schedule\", \"behavior_id\": "
                    + ids.get("Schedule") + "}").get("guid");
            assertThat(call(host, "GET", schedule + "?when=someday&subject=x", "", "").status()).isEqualTo(200);
            assertThat(scheduled(host)).isEmpty();
            HttpResponse<String> run = host.admin("POST", "/api/behaviors/" + ids.get("Ask") + "/simulate",
                    "{\"http_params\": {\"n\": \"4\"}}");
            assertThat(run.body()).contains("would run behavior " + ids.get("Double"));
        }
    }

    @Test
    void onlyCustomBehaviorsCanBeRunAndABehaviorCallingItselfStopsAtTheNestingLimit() {
        try (TestHost host = TestHost.start()) {
            Map<String, Long> ids = importPackage(host);
            Object wrong = WebhookFixture.listener(host, "{\"name\": \"wrong\", \"behavior_id\": "
                    + ids.get("Wrong") + "}").get("guid");
            assertThat(call(host, "GET", wrong.toString(), "", "").body()).as("the run goes on").isEqualTo("wrong");
            HttpResponse<String> sim = host.admin("POST", "/api/behaviors/" + ids.get("Wrong") + "/simulate", "{}");
            assertThat(sim.body()).contains("behavior " + ids.get("Ask") + " is on event.webhook.received; only custom"
                    + " behaviors on a bot (event.macro.bot) can be run or scheduled");
            HttpResponse<String> loop = host.admin("POST", "/api/behaviors/" + ids.get("Loop") + "/simulate", "{}");
            assertThat(loop.statusCode()).isEqualTo(200);
            assertThat(loop.body()).contains("behaviors calling behaviors nested deeper than 8");
        }
    }

    static Map<String, Long> importPackage(TestHost host) {
        HttpResponse<String> r = host.admin("POST", "/api/packages/import", BotCallsFixture.PACKAGE);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return BotCallsFixture.behaviorIds(r.body());
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> scheduled(TestHost host) {
        HttpResponse<String> r = host.admin("GET", "/api/scheduled-behaviors", null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return (List<Map<String, Object>>) map(r.body()).get("scheduled_behaviors");
    }
}
