package dev.switchboard.webhooks.packages;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.host.json.HostJson;
import dev.switchboard.testkit.TestHost;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Input the host used to accept and then mishandle, refused over HTTP when it is imported or saved, with the
 * problem and the JSON path named and nothing written: templates that do not parse (an unclosed {@code {{} printed
 * itself, so a subscription filter matched every event), {@code regexp} conditions whose pattern does not compile,
 * and text with a lone surrogate ({@code \ud800}, stored as {@code ?}).
 */
class TestRefusedAtSave {
    private static final HostJson JSON = new HostJson();

    private static String behaviorPackage(String action, String condition) {
        return "{\"package\": {\"name\": \"Bad\", \"revision\": 1, \"requires\": {\"cerb_version\": \"8.3.0\","
                + " \"plugins\": [\"cerb.webhooks\"]}}, \"bots\": [{\"uid\": \"bot_bad\", \"name\": \"Bad Bot\","
                + " \"owner\": {\"context\": \"cerberusweb.contexts.app\", \"id\": 0}, \"is_disabled\": false,"
                + " \"params\": {\"config\": null}, \"behaviors\": [{\"uid\": \"b_bad\", \"title\": \"Bad\","
                + " \"is_disabled\": false, \"is_private\": false, \"priority\": 50, \"event\": {\"key\":"
                + " \"event.webhook.received\", \"label\": \"Webhook\"}, \"nodes\": ["
                + "{\"type\": \"switch\", \"title\": \"Check\", \"nodes\": [{\"type\": \"outcome\", \"title\": \"Yes\","
                + " \"params\": {\"groups\": [{\"any\": 0, \"conditions\": [" + condition + "]}]},"
                + " \"nodes\": [{\"type\": \"action\", \"title\": \"Answer\", \"params\": {\"actions\": [" + action
                + "]}}]}]}]}]}]}";
    }

    private static final String GOOD_ACTION = "{\"action\": \"set_http_body\", \"value\": \"{{ http_body }}\"}";
    private static final String GOOD_CONDITION = "{\"condition\": \"http_body\", \"oper\": \"regexp\", \"value\": \"/^a{2}$/\"}";
    private static final String NODE = "bots[0].behaviors[0].nodes[0].nodes[0].";

    @Test
    void templatesAndPatternsThatDoNotParseAreRefusedAtImportNamingThePath() {
        try (TestHost host = TestHost.start()) {
            refused(host, behaviorPackage("{\"action\": \"set_http_body\", \"value\": \"Hi {{ http_body \"}",
                    GOOD_CONDITION), NODE + "nodes[0].params.actions[0].value", "'{{' is never closed");
            refused(host, behaviorPackage(GOOD_ACTION, "{\"condition\": \"http_body\", \"oper\": \"is\","
                    + " \"value\": \"{{ http_verb == }}\"}"),
                    NODE + "params.groups[0].conditions[0].value", "cannot parse 'http_verb =='");
            refused(host, behaviorPackage(GOOD_ACTION, "{\"condition\": \"http_body\", \"oper\": \"!regexp\","
                    + " \"value\": \"/(unclosed/\"}"),
                    NODE + "params.groups[0].conditions[0].value", "invalid regular expression");
            assertThat(host.admin("GET", "/api/bots", null).body()).doesNotContain("Bad Bot");

            HttpResponse<String> good = host.admin("POST", "/api/packages/import",
                    behaviorPackage(GOOD_ACTION, GOOD_CONDITION));
            assertThat(good.statusCode()).as(good.body()).isEqualTo(201);
        }
    }

    @Test
    void aSubscriptionFilterThatDoesNotParseIsRefused() {
        try (TestHost host = TestHost.start()) {
            for (String filter : List.of("{{ ticket.status == 'open' ", "{{ ticket.status == }}")) {
                HttpResponse<String> r = host.admin("POST", "/api/webhooks/subscriptions",
                        "{\"name\": \"erp\", \"url\": \"http://erp.example.com/in\", \"events\": [\"ticket.created\"],"
                                + " \"filter\": " + JSON.write(filter) + "}");
                assertThat(r.statusCode()).as(r.body()).isEqualTo(422);
                assertThat(r.body()).contains("\"path\":\"filter\"").contains("filter does not parse");
            }
            assertThat(host.admin("GET", "/api/webhooks/subscriptions", null).body()).doesNotContain("\"erp\"");
        }
    }

    @Test
    void textWithALoneSurrogateIsRefusedAtTheJsonLayer() {
        try (TestHost host = TestHost.start()) {
            String lone = "\\ud800";
            HttpResponse<String> token = host.admin("POST", "/api/tokens", "{\"name\": \"ci" + lone + "\"}");
            assertThat(token.statusCode()).as(token.body()).isEqualTo(400);
            assertThat(token.body()).contains("$.name").contains("lone surrogate");
            assertThat(host.admin("GET", "/api/tokens", null).body()).doesNotContain("\"ci");

            HttpResponse<String> imported = host.admin("POST", "/api/packages/import",
                    behaviorPackage(GOOD_ACTION, GOOD_CONDITION).replace("Bad Bot", "Bad " + lone + " Bot"));
            assertThat(imported.statusCode()).as(imported.body()).isEqualTo(400);
            assertThat(imported.body()).contains("$.bots[0].name").contains("lone surrogate");

            HttpResponse<String> listener = host.admin("POST", "/api/webhooks/listeners",
                    "{\"name\": \"x" + lone + "\", \"behavior_id\": 1}");
            assertThat(listener.statusCode()).as(listener.body()).isEqualTo(400);
            assertThat(listener.body()).contains("$.name").contains("lone surrogate");

            // a surrogate pair is one character, and fine
            HttpResponse<String> pair = host.admin("POST", "/api/packages/import",
                    behaviorPackage(GOOD_ACTION, GOOD_CONDITION).replace("Bad Bot", "Bad \\ud83d\\ude00 Bot"));
            assertThat(pair.statusCode()).as(pair.body()).isEqualTo(201);
            assertThat(JSON.parse(host.admin("GET", "/api/bots", null).body()).toString())
                    .contains("Bad \uD83D\uDE00 Bot");
        }
    }

    @SuppressWarnings("unchecked")
    private static void refused(TestHost host, String pkg, String path, String problem) {
        HttpResponse<String> r = host.admin("POST", "/api/packages/import", pkg);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(422);
        Map<String, Object> error = (Map<String, Object>) ((Map<String, Object>) JSON.parse(r.body())).get("error");
        assertThat(error.get("path")).as(r.body()).isEqualTo(path);
        assertThat(String.valueOf(error.get("message"))).contains(problem);
    }
}
