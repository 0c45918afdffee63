package dev.switchboard.webhooks.editor;

import static dev.switchboard.webhooks.editor.EditorFixture.ANSWER;
import static dev.switchboard.webhooks.editor.EditorFixture.JSON;
import static dev.switchboard.webhooks.editor.EditorFixture.REJECT;
import static dev.switchboard.webhooks.editor.EditorFixture.call;
import static dev.switchboard.webhooks.editor.EditorFixture.id;
import static dev.switchboard.webhooks.editor.EditorFixture.list;
import static dev.switchboard.webhooks.editor.EditorFixture.map;
import static dev.switchboard.webhooks.editor.EditorFixture.ok;
import static dev.switchboard.webhooks.editor.EditorFixture.put;
import static dev.switchboard.webhooks.editor.EditorFixture.tree;
import static dev.switchboard.webhooks.editor.EditorFixture.version;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.testkit.TestHost;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Issue 14 over HTTP on a real host: a behavior built through the API from nothing, edited as a draft while the live
 * tree keeps answering a real listener, tested against the listener's captured calls, published, compared with
 * earlier revisions and rolled back; stale writes refused; and an export that imports back to the same tree.
 */
class TestBehaviorEditor {

    @Test
    void aDraftIsEditedAndTestedAgainstCapturedCallsWhileTheLiveTreeKeepsAnsweringThenPublishedAndRolledBack() {
        try (TestHost host = TestHost.start()) {
            long behavior = EditorFixture.webhookBehavior(host);
            Map<String, Object> empty = tree(host, behavior);
            assertThat(empty.get("nodes")).isEqualTo(List.of());
            assertThat(empty.get("draft")).isEqualTo(false);
            Map<String, Object> listener = EditorFixture.listener(host, behavior);

            Map<String, Object> live = EditorFixture.publish(host, behavior, "[" + ANSWER + "]", "answer like the guide");
            HttpResponse<String> answered = call(host, listener, null);
            assertThat(answered.statusCode()).isEqualTo(200);
            assertThat(answered.headers().firstValue("X-Bot")).hasValue("Webhook Bot");
            assertThat(map(answered.body())).isEqualTo(Map.of("ok", true, "verb", "POST"));

            // the draft rejects calls without the token; the listener keeps answering with the live tree
            HttpResponse<String> saved = put(host, behavior, version(live), "[" + REJECT + ", " + ANSWER + "]",
                    "reject unless X-Token is s3cret");
            Map<String, Object> draft = ok(saved, 200);
            assertThat(draft.get("draft")).isEqualTo(true);
            assertThat(tree(host, behavior).get("nodes")).isEqualTo(JSON.parse("[" + REJECT + ", " + ANSWER + "]"));
            assertThat(call(host, listener, null).statusCode()).isEqualTo(200);
            assertThat(map(host.admin("GET", "/api/behaviors/" + behavior, null).body()).get("nodes"))
                    .isEqualTo(JSON.parse("[" + ANSWER + "]"));

            // test the draft against the captured calls: the two 200s without a token would become 401s
            Map<String, Object> simulated = ok(host.admin("POST", "/api/webhooks/listeners/" + id(listener)
                    + "/requests/simulate", "{\"behavior_draft\": true, \"last\": 10}"), 200);
            List<Object> results = list(simulated, "results");
            assertThat(results).hasSize(2);
            assertThat(simulated.get("changed")).isEqualTo(2L);
            Map<?, ?> first = (Map<?, ?>) results.get(0);
            assertThat(((Map<?, ?>) first.get("recorded")).get("status")).isEqualTo(200L);
            assertThat(((Map<?, ?>) first.get("simulated")).get("status")).isEqualTo(401L);
            assertThat(list(first, "differences").toString())
                    .contains("{field=status, recorded=200, simulated=401}")
                    .contains("{field=header, name=x-bot, recorded=Webhook Bot, simulated=null}")
                    .contains("{field=body, recorded={\"ok\": true, \"verb\": \"POST\"}, simulated=bad token}");
            assertThat(first.get("trace_text").toString()).contains("Reject unless X-Token is s3cret");
            // the live tree on the same calls: no difference; nothing was logged by either simulation
            Map<String, Object> asLive = ok(host.admin("POST", "/api/webhooks/listeners/" + id(listener)
                    + "/requests/simulate", "{\"behavior_draft\": false, \"request_ids\": [" + first.get("request_id")
                    + "]}"), 200);
            assertThat(asLive.get("changed")).isEqualTo(0L);
            assertThat(list(ok(host.admin("GET", "/api/webhooks/listeners/" + id(listener) + "/requests", null),
                    200), "requests")).hasSize(2);
            // the simulator on the behavior runs the draft when asked
            assertThat(map(host.admin("POST", "/api/behaviors/" + behavior + "/simulate?draft=true",
                    "{\"http_verb\": \"GET\"}").body()).get("dictionary").toString()).contains("_http_status=401");

            Map<String, Object> published = ok(host.admin("POST", "/api/behaviors/" + behavior + "/publish",
                    "{\"version\": " + version(draft) + "}"), 200);
            assertThat(published.get("draft")).isEqualTo(false);
            assertThat(call(host, listener, null).statusCode()).isEqualTo(401);
            assertThat(call(host, listener, "s3cret").statusCode()).isEqualTo(200);

            // revisions: created, the guide's answer, the token check; the diff is the switch put first
            List<Object> revisions = list(ok(host.admin("GET", "/api/behaviors/" + behavior + "/revisions", null), 200),
                    "revisions");
            assertThat(field(revisions, "note"))
                    .containsExactly("reject unless X-Token is s3cret", "answer like the guide", "created");
            assertThat(field(revisions, "author")).containsOnly("admin");
            assertThat(((Map<?, ?>) revisions.get(0)).get("live")).isEqualTo(true);
            Map<String, Object> diff = ok(host.admin("GET", "/api/behaviors/" + behavior + "/diff?from=2&to=3", null),
                    200);
            List<Object> changes = list(diff, "changes");
            assertThat(field(changes, "path"))
                    .contains("nodes[0].type", "nodes[0].title", "nodes[1]");
            assertThat(changes).contains(Map.of("path", "nodes[0].type", "change", "changed", "from", "action",
                    "to", "switch"));
            assertThat(list(ok(host.admin("GET", "/api/behaviors/" + behavior + "/diff?from=3&to=live", null), 200),
                    "changes")).isEmpty();

            // roll back to the guide's answer: 200 again, as a new revision
            Map<String, Object> rolled = ok(host.admin("POST", "/api/behaviors/" + behavior
                    + "/revisions/2/rollback", "{\"version\": " + version(published) + ", \"note\": \"too strict\"}"),
                    200);
            assertThat(rolled.get("live_revision")).isEqualTo(4L);
            assertThat(call(host, listener, null).statusCode()).isEqualTo(200);
            Map<String, Object> fourth = ok(host.admin("GET", "/api/behaviors/" + behavior + "/revisions/4", null),
                    200);
            assertThat(fourth.get("note")).isEqualTo("rollback to revision 2: too strict");
            assertThat(fourth.get("nodes")).isEqualTo(JSON.parse("[" + ANSWER + "]"));
        }
    }

    @Test
    void aWriteOnAStaleVersionIs409AndTheFirstEditIsKept() {
        try (TestHost host = TestHost.start()) {
            long behavior = EditorFixture.webhookBehavior(host);
            long read = version(tree(host, behavior));
            ok(put(host, behavior, read, "[" + ANSWER + "]", "first editor"), 200);
            HttpResponse<String> second = put(host, behavior, read, "[" + REJECT + "]", "second editor");
            assertThat(second.statusCode()).as(second.body()).isEqualTo(409);
            assertThat(second.body()).contains("changed since version " + read).contains("\"path\":\"version\"");
            assertThat(tree(host, behavior).get("nodes")).isEqualTo(JSON.parse("[" + ANSWER + "]"));
            HttpResponse<String> publish = host.admin("POST", "/api/behaviors/" + behavior + "/publish",
                    "{\"version\": " + read + "}");
            assertThat(publish.statusCode()).as(publish.body()).isEqualTo(409);
            assertThat(map(host.admin("GET", "/api/behaviors/" + behavior, null).body()).get("nodes"))
                    .isEqualTo(List.of());
            assertThat(list(ok(host.admin("GET", "/api/behaviors/" + behavior + "/revisions", null), 200),
                    "revisions")).hasSize(2);

            // eight editors save on the same version at once: one wins, seven are told, no edit vanishes unseen
            long now = version(tree(host, behavior));
            List<CompletableFuture<HttpResponse<String>>> racing = IntStream.range(0, 8).mapToObj(i ->
                    CompletableFuture.supplyAsync(() -> put(host, behavior, now, "[" + ANSWER.replace("Answer",
                            "Answer " + i) + "]", "editor " + i))).toList();
            List<Integer> statuses = racing.stream().map(f -> f.join().statusCode()).toList();
            assertThat(statuses).containsOnly(200, 409).filteredOn(st -> st == 200).hasSize(1);
            int winner = statuses.indexOf(200);
            assertThat(tree(host, behavior).get("nodes").toString()).contains("title=Answer " + winner + ",");
            assertThat(list(ok(host.admin("GET", "/api/behaviors/" + behavior + "/revisions", null), 200),
                    "revisions")).hasSize(3);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void aBehaviorBuiltThroughTheApiExportsAsAPackageThatImportsBackToTheSameTree() {
        try (TestHost host = TestHost.start()) {
            long behavior = EditorFixture.webhookBehavior(host);
            EditorFixture.publish(host, behavior, "[" + REJECT + ", " + ANSWER + "]", "built");
            long bot = ((Number) map(host.admin("GET", "/api/behaviors/" + behavior, null).body()).get("bot_id"))
                    .longValue();
            HttpResponse<String> export = host.admin("GET", "/api/bots/" + bot + "/export", null);
            Map<String, Object> pkg = ok(export, 200);
            String exported = export.body();
            assertThat(pkg.get("package").toString()).contains("cerb_version");

            try (TestHost other = TestHost.start()) {
                Map<String, Object> imported = ok(other.admin("POST", "/api/packages/import", exported), 201);
                long copy = id((Map<String, Object>) ((List<?>) imported.get("behaviors")).get(0));
                Map<String, Object> back = map(other.admin("GET", "/api/behaviors/" + copy, null).body());
                assertThat(back.get("nodes")).isEqualTo(JSON.parse("[" + REJECT + ", " + ANSWER + "]"));
                assertThat(back.get("event")).isEqualTo("event.webhook.received");
                assertThat(tree(other, copy).get("nodes")).isEqualTo(back.get("nodes"));

                // the imported tree predates revisions: the first edit keeps it as revision 1
                ok(put(other, copy, version(tree(other, copy)), "[" + ANSWER + "]", "no token check"), 200);
                assertThat(field(list(ok(other.admin("GET", "/api/behaviors/" + copy + "/revisions", null), 200),
                        "revisions"), "note")).containsExactly("no token check", "the live tree before the first edit");
                assertThat(field(list(ok(other.admin("GET", "/api/behaviors/" + copy + "/diff?from=1", null), 200),
                        "changes"), "path")).startsWith("nodes[0].type").contains("nodes[1]");
            }
        }
    }

    @Test
    void botsAndBehaviorsAreCreatedAndChangedWithTheirFieldsChecked() {
        try (TestHost host = TestHost.start()) {
            Map<String, Object> bot = ok(host.admin("POST", "/api/bots",
                    "{\"name\": \"Keys\", \"config\": {\"api_key\": \"k-123\", \"greeting\": \"hi\"}}"), 201);
            assertThat(bot.get("params").toString()).contains("api_key=********").doesNotContain("k-123");
            Map<String, Object> renamed = ok(host.admin("PATCH", "/api/bots/" + id(bot),
                    "{\"name\": \"Keys 2\", \"config\": {\"api_key\": \"********\", \"greeting\": \"hello\"}}"), 200);
            assertThat(renamed.get("name")).isEqualTo("Keys 2");
            assertThat(renamed.get("params").toString()).contains("greeting=hello").contains("api_key=********");
            // the masked value sent back kept the real secret: a behavior of the bot still sees it
            long keyed = id(ok(host.admin("POST", "/api/behaviors", "{\"bot_id\": " + id(bot) + ", \"title\": \"Key\","
                    + " \"event\": \"event.webhook.received\"}"), 201));
            EditorFixture.publish(host, keyed, "[{\"type\": \"action\", \"title\": \"Key\", \"params\": {\"actions\":"
                    + " [{\"action\": \"set_http_body\", \"value\": \"{{ va_config.api_key }}\"}]}}]", "key");
            assertThat(call(host, EditorFixture.listener(host, keyed), null).body()).isEqualTo("k-123");

            HttpResponse<String> noName = host.admin("POST", "/api/bots", "{\"config\": {}}");
            assertThat(noName.statusCode()).isEqualTo(422);
            assertThat(noName.body()).contains("\"path\":\"name\"");
            HttpResponse<String> unknown = host.admin("POST", "/api/bots", "{\"name\": \"x\", \"colour\": 1}");
            assertThat(unknown.statusCode()).isEqualTo(400);
            assertThat(unknown.body()).contains("unknown field 'colour'");

            HttpResponse<String> badEvent = host.admin("POST", "/api/behaviors", "{\"bot_id\": " + id(bot)
                    + ", \"title\": \"t\", \"event\": \"event.nope\"}");
            assertThat(badEvent.statusCode()).isEqualTo(422);
            assertThat(badEvent.body()).contains("\"path\":\"event\"").contains("event.nope");
            HttpResponse<String> noBot = host.admin("POST", "/api/behaviors", "{\"bot_id\": 999, \"title\": \"t\","
                    + " \"event\": \"event.webhook.received\"}");
            assertThat(noBot.statusCode()).isEqualTo(422);
            assertThat(noBot.body()).contains("\"path\":\"bot_id\"");
            assertThat(field(list(ok(host.admin("GET", "/api/behaviors", null), 200), "behaviors"), "title"))
                    .containsExactly("Key");

            Map<String, Object> behavior = ok(host.admin("POST", "/api/behaviors", "{\"bot_id\": " + id(bot)
                    + ", \"title\": \"Ticket\", \"event\": \"ticket.created\", \"priority\": 10}"), 201);
            assertThat(behavior.get("priority")).isEqualTo(10L);
            Map<String, Object> patched = ok(host.admin("PATCH", "/api/behaviors/" + id(behavior),
                    "{\"title\": \"Tickets\", \"priority\": 20, \"variables\": {\"var_n\": {\"key\": \"var_n\","
                            + " \"label\": \"N\", \"type\": \"S\"}}}"), 200);
            assertThat(patched.get("title")).isEqualTo("Tickets");
            assertThat(patched.get("priority")).isEqualTo(20L);
            assertThat(patched.get("variables").toString()).contains("var_n");
            Map<String, Object> placeholders = ok(host.admin("GET", "/api/behaviors/" + id(behavior)
                    + "/placeholders", null), 200);
            assertThat(placeholders.get("placeholders").toString()).contains("name=var_n").contains("name=va_name");
            assertThat(ok(host.admin("GET", "/api/actions?event=ticket.created", null), 200).get("actions")
                    .toString()).doesNotContain("set_http_status").contains("_set_custom_var");

            assertThat(host.admin("DELETE", "/api/behaviors/" + id(behavior), null).statusCode()).isEqualTo(204);
            assertThat(host.admin("GET", "/api/behaviors/" + id(behavior) + "/revisions", null).statusCode())
                    .isEqualTo(404);
        }
    }

    private static List<Object> field(List<Object> maps, String key) {
        return maps.stream().<Object>map(m -> ((Map<?, ?>) m).get(key)).toList();
    }
}
