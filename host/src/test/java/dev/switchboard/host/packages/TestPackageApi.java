package dev.switchboard.host.packages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.host.cli.Cli;
import dev.switchboard.host.json.HostJson;
import dev.switchboard.testkit.CliProcess;
import dev.switchboard.testkit.TestHost;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A package using every feature, over the real API: it imports, its behavior runs on a real ticket event, the
 * simulator explains it, and its export imports back to the same behavior. Each Cerb import error answers with
 * Cerb's words and the JSON path, and writes nothing.
 */
class TestPackageApi {
    private static final HostJson JSON = new HostJson();

    /** Prompts, a random placeholder, uid substitution, a variable, a switch, a loop, a subroutine, ticket actions. */
    static final String TRIAGE = """
            {
              "package": {
                "name": "Triage", "revision": 1,
                "requires": {"cerb_version": "8.3.0", "plugins": []},
                "configure": {
                  "prompts": [{"type": "text", "key": "prompt_team", "label": "Team", "params": {}}],
                  "placeholders": [{"type": "random", "key": "marker", "params": {"length": 12}}]
                }
              },
              "bots": [{
                "uid": "bot_triage", "name": "Triage Bot ({{{prompt_team}}})",
                "owner": {"context": "cerberusweb.contexts.app", "id": 0}, "is_disabled": false,
                "params": {"config": null},
                "behaviors": [{
                  "uid": "behavior_triage", "title": "Triage new tickets", "is_disabled": false,
                  "is_private": false, "priority": 50,
                  "event": {"key": "ticket.created", "label": "Ticket created"},
                  "variables": {
                    "var_tags": {"key": "var_tags", "label": "Tags", "type": "S", "is_private": false,
                                 "params": {"default": ""}},
                    "var_marker": {"key": "var_marker", "label": "Marker", "type": "S", "is_private": false,
                                   "params": {"default": "{{{marker}}}"}}
                  },
                  "nodes": [
                    {"type": "switch", "title": "How urgent?", "nodes": [
                      {"type": "outcome", "title": "Urgent",
                       "params": {"groups": [{"any": 1, "conditions": [
                         {"condition": "ticket_subject", "oper": "contains", "value": "urgent"},
                         {"condition": "ticket_subject", "oper": "regexp", "value": "/on fire/i"}]}]},
                       "nodes": [{"type": "action", "title": "Raise", "params": {"actions": [
                         {"action": "_set_custom_var", "var": "level", "value": "90"}]}}]},
                      {"type": "outcome", "title": "Otherwise", "params": {"groups": []},
                       "nodes": [{"type": "action", "title": "Lower", "params": {"actions": [
                         {"action": "_set_custom_var", "var": "level", "value": "20"}]}}]}
                    ]},
                    {"type": "loop", "title": "Tag", "params": {"foreach_json": "[\\"{{{prompt_team}}}\\", \\"triaged\\"]",
                                                              "as_placeholder": "tag"},
                     "nodes": [{"type": "action", "title": "Add tag", "params": {"actions": [
                       {"action": "var_tags", "value": "{{ var_tags }}{{ tag__counter }}:{{ tag }} "}]}}]},
                    {"type": "subroutine", "title": "Save", "nodes": [
                      {"type": "action", "title": "Update the ticket", "params": {"actions": [
                        {"action": "update_ticket", "id": "{{ ticket_id }}", "priority": "{{ level }}",
                         "body": "tags {{ var_tags|trim }}; bot {{{uid.bot_triage}}}"}]}}]},
                    {"type": "action", "title": "Call save", "params": {"actions": [
                      {"action": "_run_subroutine", "subroutine": "Save"}]}}
                  ]
                }]
              }]
            }
            """;

    @Test
    void aPackageWithEveryFeatureImportsRunsSimulatesAndRoundTrips() {
        try (TestHost host = TestHost.start()) {
            HttpResponse<String> r = host.admin("POST", "/api/packages/import?prompt_team=Ops", TRIAGE);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
            Map<String, Object> created = map(r.body());
            Map<String, Object> bot = first(created, "bots");
            Map<String, Object> behavior = first(created, "behaviors");
            long botId = number(bot.get("id"));
            long behaviorId = number(behavior.get("id"));
            assertThat(bot).containsEntry("uid", "bot_triage").containsEntry("name", "Triage Bot (Ops)");
            assertThat(behavior).containsEntry("uid", "behavior_triage").containsEntry("title", "Triage new tickets");
            Map<String, Object> stored = map(host.admin("GET", "/api/behaviors/" + behaviorId, null).body());
            assertThat(JSON.write(stored)).containsPattern("\"default\":\"[ABCDEFGHJKLMNPQRSTUVWXYZ1-9]{12}\"");

            assertThat(triage(host, "URGENT: printer on fire")).containsEntry("priority", 90L)
                    .containsEntry("body", "tags 1:Ops 2:triaged; bot " + botId);
            assertThat(triage(host, "a question")).containsEntry("priority", 20L);

            HttpResponse<String> sim = host.admin("POST", "/api/behaviors/" + behaviorId + "/simulate",
                    "{\"ticket_id\": 999, \"ticket_subject\": \"server on FIRE\"}");
            assertThat(sim.statusCode()).as(sim.body()).isEqualTo(200);
            Map<String, Object> result = map(sim.body());
            assertThat(result.get("errors")).isEqualTo(List.of());
            assertThat(mapOf(result.get("dictionary"))).containsEntry("level", "90")
                    .containsEntry("var_tags", "1:Ops 2:triaged ");
            String trace = String.join("\n", strings(result.get("trace_text")));
            assertThat(trace).contains("How urgent?").contains("Urgent").contains("Tag")
                    .contains("update_ticket").contains("not run in the simulator");
            assertThat(host.admin("GET", "/api/tickets/999", null).statusCode()).isEqualTo(404);

            HttpResponse<String> export = host.admin("GET", "/api/bots/" + botId + "/export", null);
            assertThat(export.statusCode()).isEqualTo(200);
            assertThat(host.admin("DELETE", "/api/bots/" + botId, null).statusCode()).isEqualTo(204);
            HttpResponse<String> again = host.admin("POST", "/api/packages/import", export.body());
            assertThat(again.statusCode()).as(again.body()).isEqualTo(201);
            long newBehavior = number(first(map(again.body()), "behaviors").get("id"));
            Map<String, Object> reimported = map(host.admin("GET", "/api/behaviors/" + newBehavior, null).body());
            assertThat(reimported.get("nodes")).isEqualTo(stored.get("nodes"));
            assertThat(reimported.get("variables")).isEqualTo(stored.get("variables"));
            assertThat(triage(host, "urgent again")).containsEntry("priority", 90L);
        }
    }

    static Stream<Arguments> errors() {
        String bot = "{\"uid\":\"b\",\"name\":\"B\",\"owner\":{},\"is_disabled\":false,\"params\":{},\"behaviors\":[]}";
        return Stream.of(
                Arguments.of("{not json", 400, "Invalid JSON", null),
                Arguments.of("[1,2]", 422, "Invalid package JSON", "$"),
                Arguments.of("{\"package\":{\"requires\":{\"cerb_version\":\"9.0.0\"}},\"bots\":[" + bot + "]}", 422,
                        "This package requires Cerb version 9.0.0 or later.", "package.requires.cerb_version"),
                Arguments.of("{\"package\":{\"requires\":{\"plugins\":[\"acme.missing\"]}},\"bots\":[" + bot + "]}",
                        422, "This package requires the acme.missing plugin to be installed and enabled.",
                        "package.requires.plugins[0]"),
                Arguments.of("{\"package\":{\"configure\":{\"prompts\":[{\"label\":\"X\"}]}},\"bots\":[" + bot + "]}",
                        422, "Prompt key is missing.", "package.configure.prompts[0]"),
                Arguments.of("{\"package\":{\"configure\":{\"prompts\":[{\"key\":\"p\",\"label\":\"Team\"}]}},"
                        + "\"bots\":[" + bot + "]}", 422, "'Team' (p) is required.", "package.configure.prompts[0]"),
                Arguments.of("{\"package\":{\"configure\":{\"placeholders\":[{\"type\":\"random\"}]}},\"bots\":["
                        + bot + "]}", 422, "Placeholder key is missing.", "package.configure.placeholders[0]"),
                Arguments.of("{\"package\":{},\"bots\":[{\"uid\":\"b\",\"name\":\"B\"}]}", 422,
                        "Invalid JSON: bot is missing properties", "bots[0]"),
                Arguments.of("{\"package\":{},\"bots\":[" + bot.replace("\"behaviors\":[]",
                        "\"behaviors\":[{\"uid\":\"x\",\"title\":\"T\"}]") + "]}", 422,
                        "Invalid JSON: behavior is missing properties", "bots[0].behaviors[0]"));
    }

    @ParameterizedTest(name = "{2}")
    @MethodSource("errors")
    void eachImportErrorNamesTheProblemAndItsPathAndWritesNothing(String pkg, int status, String message,
                                                                   String path) {
        try (TestHost host = TestHost.start()) {
            HttpResponse<String> r = host.admin("POST", "/api/packages/import", pkg);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
            Map<?, ?> error = (Map<?, ?>) map(r.body()).get("error");
            assertThat(String.valueOf(error.get("message"))).startsWith(message);
            if (path != null) {
                assertThat(error.get("path")).isEqualTo(path);
            }
            assertThat(map(host.admin("GET", "/api/bots", null).body()).get("bots")).isEqualTo(List.of());
            assertThat(map(host.admin("GET", "/api/behaviors", null).body()).get("behaviors")).isEqualTo(List.of());
        }
    }

    @Test
    void theCommandLineImportsIntoTheDataDirAndARunningServerSeesIt() throws IOException {
        try (TestHost host = TestHost.start()) {
            Path pkg = host.dir().resolve("triage.json");
            Files.writeString(pkg, TRIAGE);
            Path config = host.cliConfig();
            int missing = Cli.commandLine().execute("-c", config.toString(), "packages", "import", pkg.toString());
            assertThat(missing).isEqualTo(1);
            assertThat(map(host.admin("GET", "/api/bots", null).body()).get("bots")).isEqualTo(List.of());

            int ok = Cli.commandLine().execute("-c", config.toString(), "packages", "import", pkg.toString(),
                    "--prompt", "prompt_team=Support");
            assertThat(ok).isZero();
            assertThat(triageOnceSeen(host, "urgent: the CLI imported me")).containsEntry("priority", 90L)
                    .hasEntrySatisfying("body", b -> assertThat(b.toString()).startsWith("tags 1:Support 2:triaged"));
        }
    }

    @Test
    void aPackageImportedBeforeIsRefusedNamingWhatExistsUnlessTheCallerSaysImportItAgain() throws IOException {
        try (TestHost host = TestHost.start()) {
            assertThat(host.admin("POST", "/api/packages/import?prompt_team=Ops", TRIAGE).statusCode()).isEqualTo(201);
            long botId = number(((List<?>) map(host.admin("GET", "/api/bots", null).body()).get("bots")).stream()
                    .map(b -> (Map<?, ?>) b).findFirst().orElseThrow().get("id"));

            HttpResponse<String> twice = host.admin("POST", "/api/packages/import?prompt_team=Ops", TRIAGE);
            assertThat(twice.statusCode()).as(twice.body()).isEqualTo(409);
            Map<?, ?> error = (Map<?, ?>) map(twice.body()).get("error");
            assertThat(error.get("message")).isEqualTo("This package was imported before: bot \"Triage Bot (Ops)\" (#"
                    + botId + ") already exists (at bots[0]); importing it again makes a second copy of its bot, "
                    + "behaviors and listeners; to do that, repeat the import with ?on_duplicate=import_again");
            assertThat(error.get("path")).isEqualTo("bots[0]");
            assertThat(error.get("existing")).isEqualTo(List.of(Map.of("kind", "bot", "id", botId,
                    "name", "Triage Bot (Ops)", "path", "bots[0]")));
            // the same uid under another name is the same bot too
            assertThat(host.admin("POST", "/api/packages/import?prompt_team=Sales", TRIAGE).statusCode()).isEqualTo(409);
            HttpResponse<String> bad = host.admin("POST", "/api/packages/import?prompt_team=Ops&on_duplicate=yes", TRIAGE);
            assertThat(bad.statusCode()).isEqualTo(400);
            assertThat(bad.body()).contains("query parameter 'on_duplicate' must be 'import_again'");
            assertThat((List<?>) map(host.admin("GET", "/api/bots", null).body()).get("bots")).hasSize(1);

            HttpResponse<String> again = host.admin("POST",
                    "/api/packages/import?prompt_team=Ops&on_duplicate=import_again", TRIAGE);
            assertThat(again.statusCode()).as(again.body()).isEqualTo(201);
            assertThat((List<?>) map(host.admin("GET", "/api/bots", null).body()).get("bots")).hasSize(2);

            String behavior = "{\"behavior\": {\"title\": \"Note\", \"event\": {\"key\": \"ticket.created\"}, "
                    + "\"nodes\": []}}";
            assertThat(host.admin("POST", "/api/packages/import?bot_id=" + botId, behavior).statusCode()).isEqualTo(201);
            HttpResponse<String> behaviorTwice = host.admin("POST", "/api/packages/import?bot_id=" + botId, behavior);
            assertThat(behaviorTwice.statusCode()).as(behaviorTwice.body()).isEqualTo(409);
            assertThat(behaviorTwice.body()).contains("behavior \\\"Note\\\" (#").contains("second copy of the behavior");

            Path pkg = Files.writeString(host.dir().resolve("triage.json"), TRIAGE);
            Path config = host.cliConfig();
            CliProcess.Result refused = CliProcess.run(host.dir(), "-c", config.toString(), "packages", "import",
                    pkg.toString(), "--prompt", "prompt_team=Ops");
            assertThat(refused.exit()).as(refused.toString()).isEqualTo(1);
            assertThat(refused.out()).isEmpty();
            assertThat(refused.err().lines().toList()).as(refused.toString()).noneMatch(l -> l.contains("Exception"))
                    .contains("not imported, nothing was written: This package was imported before: bot "
                            + "\"Triage Bot (Ops)\" (#" + botId + ") already exists (at bots[0]); importing it again makes a "
                            + "second copy of its bot, behaviors and listeners; add --import-again to do that");
            CliProcess.Result forced = CliProcess.run(host.dir(), "-c", config.toString(), "packages", "import",
                    pkg.toString(), "--prompt", "prompt_team=Ops", "--import-again");
            assertThat(forced.exit()).as(forced.toString()).isZero();
            assertThat((List<?>) map(host.admin("GET", "/api/bots", null).body()).get("bots")).hasSize(3);
        }
    }

    /** Creates tickets until the server's broadcast picks the behavior up (it polls the database every second). */
    private static Map<String, Object> triageOnceSeen(TestHost host, String subject) {
        return await("a ticket triaged to priority 90").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
                .until(() -> triage(host, subject), ticket -> Long.valueOf(90).equals(ticket.get("priority")));
    }

    /** Creates a ticket over the API and returns it as stored after the triage behavior ran. */
    private static Map<String, Object> triage(TestHost host, String subject) {
        HttpResponse<String> r = host.admin("POST", "/api/tickets",
                "{\"subject\": " + JSON.write(subject) + ", \"requester\": \"ann@example.com\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return map(host.admin("GET", "/api/tickets/" + map(r.body()).get("id"), null).body());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(String json) {
        return (Map<String, Object>) JSON.parse(json);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> first(Map<String, Object> created, String key) {
        return ((List<Map<String, Object>>) created.get(key)).get(0);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> mapOf(Object v) {
        return (Map<String, Object>) v;
    }

    private static long number(Object v) {
        return ((Number) v).longValue();
    }

    @SuppressWarnings("unchecked")
    private static List<String> strings(Object v) {
        return (List<String>) v;
    }
}
