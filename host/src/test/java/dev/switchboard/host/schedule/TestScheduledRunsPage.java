package dev.switchboard.host.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.host.json.HostJson;
import dev.switchboard.testkit.Browser;
import dev.switchboard.testkit.MovableClock;
import dev.switchboard.testkit.TestHost;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The admin page's scheduled runs on the Bots & behaviors page (headless Chromium, screenshots under
 * target/screenshots/): a run a behavior scheduled with {@code _schedule_behavior} and a recurrent behavior's next
 * run are listed with their time, behavior, bot and inputs; cancelling the scheduled one (after the confirmation)
 * removes it from the API too.
 */
class TestScheduledRunsPage {
    private static final HostJson JSON = new HostJson();
    private static final Instant START = Instant.parse("2026-12-01T13:00:00Z");

    private static final String SCHEDULER = """
            {"package": {"name": "Later", "requires": {"cerb_version": "8.3.0", "plugins": []}},
             "bots": [{"uid": "bot_later", "name": "Later Bot", "is_disabled": false, "params": {},
               "owner": {"context": "cerberusweb.contexts.app", "id": 0},
               "behaviors": [
                 {"uid": "b_remind", "title": "Remind", "is_disabled": false, "is_private": false, "priority": 50,
                  "event": {"key": "event.macro.bot"},
                  "variables": {"var_note": {"key": "var_note", "label": "Note", "type": "S", "is_private": "0",
                    "params": []}},
                  "nodes": [{"type": "action", "title": "Ticket", "params": {"actions": [
                    {"action": "create_ticket", "subject": "{{ var_note }}", "requester": "bot@example.com"}]}}]},
                 {"uid": "b_plan", "title": "Plan a reminder", "is_disabled": false, "is_private": false,
                  "priority": 50, "event": {"key": "ticket.created"}, "variables": {},
                  "nodes": [{"type": "switch", "title": "Not a reminder", "nodes": [{"type": "outcome",
                    "title": "yes", "params": {"groups": [{"any": 0, "conditions": [
                      {"condition": "ticket_subject", "oper": "!contains", "value": "follow up"}]}]},
                    "nodes": [{"type": "action", "title": "Schedule", "params": {"actions": [
                      {"action": "_schedule_behavior", "on": "_trigger_va_id", "behavior_id": "{{{uid.b_remind}}}",
                       "run_date": "+1 day", "on_dupe": "", "var_note": "follow up {{ ticket_subject }}"}]}}]}]}]}
               ]}]}
            """;

    @TempDir
    Path dir;

    @Test
    void theBotsPageListsScheduledAndRecurringRunsAndCancelsOne() {
        MovableClock clock = new MovableClock(START);
        try (TestHost host = TestHost.start(dir, Map.of("SWITCHBOARD_SCHEDULER_POLL_MS", "50"), clock);
             Browser b = Browser.start()) {
            imported(host, TestRecurrentBehaviors.PACKAGE);
            imported(host, SCHEDULER);
            assertThat(host.admin("POST", "/api/tickets", "{\"subject\": \"printer\", \"requester\": \"a@example.com\"}")
                    .statusCode()).isEqualTo(201);
            await().atMost(Duration.ofSeconds(30)).until(() -> runs(host).size() == 2
                    && runs(host).stream().allMatch(r -> ((Number) r.get("run_at")).longValue() > 0));

            b.signIn(host.url(), TestHost.ADMIN_TOKEN);
            b.open(host.url() + "/admin#/bots");
            WebElement section = b.find(By.id("scheduled-runs"));
            b.until(d -> d.findElements(By.cssSelector("#scheduled-runs tr[data-scheduled]")).size() == 2 ? true : null);
            String text = b.find(By.id("scheduled-runs")).getText();
            assertThat(text).contains("Daily report", "Recurring Bot", "recurring", "0 9 * * * (America/New_York)",
                    "Remind", "Later Bot", "scheduled", "{\"var_note\":\"follow up printer\"}", "Skip", "Cancel");
            b.scrollTo("scheduled-runs");
            b.screenshot("30-scheduled-runs");
            assertThat(section.isDisplayed()).isTrue();

            long scheduledId = runs(host).stream().filter(r -> "bot".equals(r.get("context")))
                    .map(r -> ((Number) r.get("id")).longValue()).findFirst().orElseThrow();
            b.find(By.cssSelector("#scheduled-runs tr[data-scheduled='" + scheduledId + "'] button")).click();
            b.until(d -> d.switchTo().alert()).accept();
            b.until(d -> d.findElements(By.cssSelector("#scheduled-runs tr[data-scheduled]")).size() == 1 ? true : null);
            assertThat(runs(host)).extracting(r -> r.get("context")).containsExactly("behavior.recurrent");
            assertThat(b.find(By.id("scheduled-runs")).getText()).doesNotContain("Remind");
            b.screenshot("31-scheduled-run-cancelled");
        }
    }

    private static void imported(TestHost host, String pkg) {
        HttpResponse<String> r = host.admin("POST", "/api/packages/import", pkg);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> runs(TestHost host) {
        HttpResponse<String> r = host.admin("GET", "/api/scheduled-behaviors", null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return (List<Map<String, Object>>) ((Map<String, Object>) JSON.parse(r.body())).get("scheduled_behaviors");
    }
}
