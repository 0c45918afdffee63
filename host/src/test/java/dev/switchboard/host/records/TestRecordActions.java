package dev.switchboard.host.records;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.host.json.HostJson;
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

/**
 * Cerb's record actions ({@code core.bot.action.record.*}) in behaviors imported as packages over HTTP, on a real
 * host with SQLite: a recurring behavior that searches workers and creates a task for each (as Cerb's "recurring
 * tasks" guide does), a ticket behavior that upserts, retrieves, updates, searches and deletes, and the import
 * refusal of a record type this host does not have.
 */
class TestRecordActions {
    private static final HostJson JSON = new HostJson();
    private static final Map<String, String> FAST = Map.of("SWITCHBOARD_SCHEDULER_POLL_MS", "50");
    // 08:00 in New York on Tuesday 2026-12-01; the behavior runs at nine
    private static final Instant START = Instant.parse("2026-12-01T13:00:00Z");
    private static final Instant NINE_NY = Instant.parse("2026-12-01T14:00:00Z");

    private static final String RECURRING = """
            {"package": {"name": "Task bot", "revision": 1, "requires": {"cerb_version": "8.2.5", "plugins": []}},
             "bots": [{"uid": "bot_tasks", "name": "Task Bot", "is_disabled": false, "params": {"config": null},
               "owner": {"context": "cerberusweb.contexts.app", "id": 0},
               "behaviors": [{"uid": "b_tasks", "title": "Morning tasks", "is_disabled": false, "is_private": false,
                 "priority": 50, "event": {"key": "event.behavior.recurrent",
                   "params": {"repeat_patterns": "0 9 * * *", "timezone": "America/New_York"}},
                 "nodes": [
                   {"type": "action", "title": "Coffee", "params": {"actions": [
                     {"action": "core.bot.action.record.create", "context": "task", "run_in_simulator": "1",
                      "changeset_json": "{% set json = dict_set({}, 'title', 'Make coffee') %}\\r\\n{% set json = dict_set(json, 'due', '+1 day') %}{% set json = dict_set(json, 'importance', 90) %}{{json|json_encode}}",
                      "object_placeholder": "_record"}]}},
                   {"type": "action", "title": "Find workers", "params": {"actions": [
                     {"action": "core.bot.action.record.search", "context": "workers", "query": "isDisabled:n",
                      "expand": "", "object_placeholder": "_workers"}]}},
                   {"type": "loop", "title": "Each worker", "params": {
                     "foreach_json": "{{_workers|json_encode}}", "as_placeholder": "worker"},
                    "nodes": [{"type": "action", "title": "Report", "params": {"actions": [
                      {"action": "core.bot.action.record.create", "context": "cerberusweb.contexts.task",
                       "changeset_json": "{{ {title: 'Status report: ' ~ worker._label, owner_id: worker.id, status: 'w'}|json_encode }}"}]}}]}
                 ]}]}]}
            """;

    private static final String TICKET_BOT = """
            {"package": {"name": "Org bot", "requires": {"cerb_version": "8.3.0", "plugins": []}},
             "bots": [{"uid": "bot", "name": "Record Bot", "is_disabled": false, "params": {},
               "owner": {"context": "cerberusweb.contexts.app", "id": 0},
               "behaviors": [{"uid": "on_ticket", "title": "Follow up", "is_disabled": false, "is_private": false,
                 "priority": 50, "event": {"key": "ticket.created"}, "variables": {},
                 "nodes": [{"type": "action", "title": "Records", "params": {"actions": [
                   {"action": "core.bot.action.record.upsert", "context": "task",
                    "query": "title:\\"Call {{ticket_requester}}\\"",
                    "changeset_json": "{\\"title\\": \\"Call {{ticket_requester}}\\", \\"importance\\": 10}",
                    "object_placeholder": "first"},
                   {"action": "core.bot.action.record.upsert", "context": "task",
                    "query": "title:\\"Call {{ticket_requester}}\\"",
                    "changeset_json": "{\\"importance\\": 70}", "object_placeholder": "second"},
                   {"action": "core.bot.action.record.retrieve", "context": "task", "id": "{{first.id}}",
                    "object_placeholder": "fetched"},
                   {"action": "core.bot.action.record.update", "context": "ticket", "id": "{{ticket_id}}",
                    "changeset_json": "{\\"status\\": \\"waiting\\"}", "object_placeholder": "ticket"},
                   {"action": "core.bot.action.record.search", "context": "tasks",
                    "query": "importance:>50 limit:1", "object_placeholder": "one"},
                   {"action": "core.bot.action.record.update", "context": "task", "id": "{{first.id}}",
                    "changeset_json": "{\\"colour\\": \\"red\\"}", "object_placeholder": "refused"},
                   {"action": "core.bot.action.record.create", "context": "task",
                    "changeset_json": "{\\"title\\": \\"Scratch\\"}", "object_placeholder": "scratch"},
                   {"action": "core.bot.action.record.delete", "context": "task", "id": "{{scratch.id}}"},
                   {"action": "core.bot.action.record.search", "context": "task", "query": "title:Scratch",
                    "object_placeholder": "gone"},
                   {"action": "create_comment", "on": "ticket_id",
                    "content": "{{first.id == second.id ? 'same' : 'two'}} {{fetched._label}} {{fetched.importance}} {{ticket.status}} {{one._context}} {{one__total}} {{refused is null ? 'cleared'}} {{gone|json_encode}}"}
                 ]}}]}]}]}
            """;

    @TempDir
    Path dir;

    @Test
    @SuppressWarnings("unchecked")
    void aRecurringBehaviorSearchesWorkersAndCreatesTasksForEach() {
        MovableClock clock = new MovableClock(START);
        try (TestHost host = TestHost.start(dir, FAST, clock)) {
            created(host, "/api/records/worker", "{\"first_name\": \"Ada\", \"last_name\": \"Lovelace\","
                    + " \"email\": \"ADA@example.com\"}");
            created(host, "/api/records/worker", "{\"first_name\": \"Bob\", \"email\": \"bob@example.com\","
                    + " \"is_disabled\": 1}");
            long ada = ((Number) created(host, "/api/records/worker", "{\"first_name\": \"Cy\","
                    + " \"email\": \"cy@example.com\"}").get("id")).longValue() - 2;
            HttpResponse<String> imported = host.admin("POST", "/api/packages/import", RECURRING);
            assertThat(imported.statusCode()).as(imported.body()).isEqualTo(201);
            assertThat(tasks(host, "")).isEmpty();
            // the scheduler gives a new recurrent behavior its next run at its next poll, from the clock's time then:
            // move the clock only once that run (09:00 New York today) is there, or it is tomorrow's
            await().atMost(Duration.ofSeconds(30)).until(() -> scheduledRuns(host) == 1);

            clock.set(NINE_NY.plusSeconds(5));
            await().atMost(Duration.ofSeconds(30)).until(() -> tasks(host, "").size() == 3);

            List<Map<String, Object>> all = tasks(host, "sort:id");
            assertThat(all.get(0)).containsEntry("_context", "cerberusweb.contexts.task")
                    .containsEntry("_label", "Make coffee").containsEntry("title", "Make coffee")
                    .containsEntry("importance", 90L).containsEntry("status", "open")
                    .containsEntry("due", NINE_NY.plusSeconds(5).plus(Duration.ofDays(1)).getEpochSecond());
            assertThat(tasks(host, "owner.id:" + ada)).extracting(t -> t.get("title"))
                    .containsExactly("Status report: Ada Lovelace");
            assertThat(tasks(host, "status:waiting")).extracting(t -> t.get("title"))
                    .containsExactlyInAnyOrder("Status report: Ada Lovelace", "Status report: Cy");
            assertThat(tasks(host, "report !Cy")).hasSize(1);
        }
    }

    @Test
    void aTicketBehaviorUpsertsRetrievesUpdatesSearchesAndDeletes() {
        try (TestHost host = TestHost.start(dir, Map.of())) {
            HttpResponse<String> imported = host.admin("POST", "/api/packages/import", TICKET_BOT);
            assertThat(imported.statusCode()).as(imported.body()).isEqualTo(201);
            Map<String, Object> ticket = created(host, "/api/tickets",
                    "{\"subject\": \"help\", \"requester\": \"zoe@example.com\"}");
            long id = ((Number) ticket.get("id")).longValue();

            await().atMost(Duration.ofSeconds(30)).until(() -> host.admin("GET", "/api/tickets/" + id
                    + "/comments", null).body().contains("content"));
            String comments = host.admin("GET", "/api/tickets/" + id + "/comments", null).body();
            assertThat(comments).contains("same Call zoe@example.com 70 waiting cerberusweb.contexts.task 1"
                    + " cleared []");
            assertThat(host.admin("GET", "/api/tickets/" + id, null).body()).contains("\"status\":\"waiting\"");
            assertThat(tasks(host, "")).extracting(t -> t.get("title")).containsExactly("Call zoe@example.com");
        }
    }

    @Test
    void aPackageWhoseRecordActionNamesAnUnknownTypeIsRefusedNamingIt() {
        try (TestHost host = TestHost.start(dir, Map.of())) {
            HttpResponse<String> refused = host.admin("POST", "/api/packages/import",
                    TICKET_BOT.replace("\"context\": \"tasks\"", "\"context\": \"org\""));
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(422);
            assertThat(refused.body()).contains("Unknown record type 'org'")
                    .contains("bots[0].behaviors[0].nodes[0].params.actions[4].context");
            assertThat(host.admin("GET", "/api/bots", null).body()).doesNotContain("Record Bot");
        }
    }

    @Test
    void theRecordsApiRefusesBadInputNamingItAndChangesNothing() {
        try (TestHost host = TestHost.start(dir, Map.of())) {
            assertRefused(host.admin("POST", "/api/records/task", "{\"title\": \"\"}"), 422,
                    "'title' must not be empty");
            assertRefused(host.admin("POST", "/api/records/task", "{\"importance\": 5}"), 422,
                    "'title' is required");
            assertRefused(host.admin("POST", "/api/records/task", "{\"title\": \"x\", \"colour\": \"red\"}"), 422,
                    "'colour' is not a field of a task; its fields are title, status");
            assertRefused(host.admin("POST", "/api/records/task", "{\"title\": \"x\", \"due\": \"someday\"}"), 422,
                    "'due': 'someday' is not a date");
            assertRefused(host.admin("POST", "/api/records/worker", "{\"first_name\": \"A\", \"email\": \"nope\"}"),
                    422, "'email' must be an email address");
            assertRefused(host.admin("GET", "/api/records/org", null), 404, "no record type 'org'");
            assertRefused(host.admin("GET", "/api/records/task?q=colour:red", null), 422,
                    "task has no search key 'colour'");
            assertRefused(host.admin("GET", "/api/records/task?q=title:a%20OR%20title:b", null), 422,
                    "'OR' is not supported here");
            assertRefused(host.admin("GET", "/api/records/task?q=limit:0", null), 422, "'limit:0' must be a number");
            assertRefused(host.admin("PATCH", "/api/records/task/99", "{\"title\": \"y\"}"), 404, "no task with id 99");
            assertThat(tasks(host, "")).isEmpty();

            Map<String, Object> task = created(host, "/api/records/tasks", "{\"title\": \"Ship\", \"due\": \"+2 days\"}");
            String at = "/api/records/cerberusweb.contexts.task/" + task.get("id");
            assertRefused(host.admin("PATCH", at, "{\"status\": \"done\"}"), 422,
                    "'status' must be one of open, waiting, closed");
            HttpResponse<String> closed = host.admin("PATCH", at, "{\"status\": \"c\"}");
            assertThat(closed.body()).contains("\"status\":\"closed\"").contains("\"title\":\"Ship\"");
            assertThat(host.admin("DELETE", at, null).statusCode()).isEqualTo(204);
            assertThat(host.admin("GET", at, null).statusCode()).isEqualTo(404);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void aPackageCreatesTasksAndWorkersThroughItsRecordsOrRefusesABadOneWritingNothing() {
        try (TestHost host = TestHost.start(dir, Map.of())) {
            String pkg = """
                    {"package": {"name": "Team", "requires": {"cerb_version": "8.3.0", "plugins": []}},
                     "records": [
                       {"uid": "w_ann", "_context": "cerberusweb.contexts.worker", "first_name": "Ann",
                        "email": "ann@example.com"},
                       {"uid": "t_intro", "_context": "tasks", "title": "Meet {{{uid.w_ann}}}",
                        "owner_id": "{{{uid.w_ann}}}", "importance": 80}]}
                    """;
            HttpResponse<String> bad = host.admin("POST", "/api/packages/import", pkg.replace("80", "180"));
            assertRefused(bad, 422, "'importance' must be between 0 and 100");
            assertThat(bad.body()).contains("records[1]");
            assertThat(host.admin("GET", "/api/records/worker", null).body()).contains("\"total\":0");

            HttpResponse<String> ok = host.admin("POST", "/api/packages/import", pkg);
            assertThat(ok.statusCode()).as(ok.body()).isEqualTo(201);
            assertThat(ok.body()).contains("\"name\":\"Ann\"");
            long ann = ((Number) ((List<Map<String, Object>>) ((Map<String, Object>) JSON.parse(host.admin("GET",
                    "/api/records/worker?q=email:ann@example.com", null).body())).get("records")).get(0).get("id"))
                    .longValue();
            assertThat(tasks(host, "")).singleElement().satisfies(t -> assertThat(t)
                    .containsEntry("title", "Meet " + ann).containsEntry("owner_id", ann)
                    .containsEntry("importance", 80L));
        }
    }

    private static void assertRefused(HttpResponse<String> r, int status, String message) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(r.body()).contains(message);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> created(TestHost host, String path, String body) {
        HttpResponse<String> r = host.admin("POST", path, body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return (Map<String, Object>) JSON.parse(r.body());
    }

    @SuppressWarnings("unchecked")
    private static int scheduledRuns(TestHost host) {
        HttpResponse<String> r = host.admin("GET", "/api/scheduled-behaviors", null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return ((List<?>) ((Map<?, ?>) JSON.parse(r.body())).get("scheduled_behaviors")).size();
    }

    private static List<Map<String, Object>> tasks(TestHost host, String query) {
        HttpResponse<String> r = host.admin("GET", "/api/records/task?q="
                + java.net.URLEncoder.encode(query, java.nio.charset.StandardCharsets.UTF_8), null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return (List<Map<String, Object>>) ((Map<String, Object>) JSON.parse(r.body())).get("records");
    }
}
