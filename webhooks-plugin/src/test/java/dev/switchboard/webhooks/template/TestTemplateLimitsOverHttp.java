package dev.switchboard.webhooks.template;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.host.json.HostJson;
import dev.switchboard.testkit.TestHost;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Filters that build far more than they were given, in an imported behavior run by the simulator over HTTP with the
 * default limits (1 MiB strings, 10,000 items), each asked for one past the limit: every one fails its action with
 * a message naming the setting, and the host keeps answering.
 */
class TestTemplateLimitsOverHttp {
    private static final HostJson JSON = new HostJson();
    private static final Map<String, String> ATTACKS = new LinkedHashMap<>();

    static {
        ATTACKS.put("center", "{{ 'x'|center(1048577) }}");
        ATTACKS.put("indent", "{{ 'x'|indent(1048576, true) }}");
        ATTACKS.put("format width", "{{ '%1048577s'|format('x') }}");
        ATTACKS.put("replace", "{{ http_body|replace('a', 'aa') }}");
        ATTACKS.put("list", "{{ http_body|truncate(10001, false, '')|list }}");
        ATTACKS.put("number_format", "{{ 1|number_format(1048577) }}");
    }

    private static String behaviorPackage() {
        String nodes = ATTACKS.entrySet().stream().map(a -> "{\"type\": \"action\", \"title\": \"" + a.getKey()
                + "\", \"params\": {\"actions\": [{\"action\": \"_set_custom_var\", \"var\": \"out\", \"value\": "
                + JSON.write(a.getValue()) + "}]}}").collect(Collectors.joining(", "));
        return "{\"package\": {\"name\": \"Big\", \"revision\": 1, \"requires\": {\"cerb_version\": \"8.3.0\","
                + " \"plugins\": [\"cerb.webhooks\"]}}, \"bots\": [{\"uid\": \"bot_big\", \"name\": \"Big Bot\","
                + " \"owner\": {\"context\": \"cerberusweb.contexts.app\", \"id\": 0}, \"is_disabled\": false,"
                + " \"params\": {\"config\": null}, \"behaviors\": [{\"uid\": \"b_big\", \"title\": \"Big\","
                + " \"is_disabled\": false, \"is_private\": false, \"priority\": 50, \"event\": {\"key\":"
                + " \"event.webhook.received\", \"label\": \"Webhook\"}, \"nodes\": [" + nodes + "]}]}]}";
    }

    @Test
    @SuppressWarnings("unchecked")
    void eachFilterOnePastItsLimitFailsWithTheSettingNamed() {
        try (TestHost host = TestHost.start()) {
            HttpResponse<String> imported = host.admin("POST", "/api/packages/import", behaviorPackage());
            assertThat(imported.statusCode()).as(imported.body()).isEqualTo(201);
            Object id = ((List<Map<String, Object>>) ((Map<String, Object>) JSON.parse(imported.body()))
                    .get("behaviors")).get(0).get("id");
            // 1,048,577 characters once every 'a' is doubled
            String body = "a".repeat(524_288) + "b";
            HttpResponse<String> sim = host.admin("POST", "/api/behaviors/" + id + "/simulate",
                    JSON.write(Map.of("http_body", body)));
            assertThat(sim.statusCode()).as(sim.body()).isEqualTo(200);
            List<String> errors = (List<String>) ((Map<String, Object>) JSON.parse(sim.body())).get("errors");
            for (String attack : ATTACKS.keySet()) {
                String setting = attack.equals("list") ? "templates.max_collection" : "templates.max_string";
                assertThat(errors).as(attack).anySatisfy(e -> assertThat(e).startsWith("node '" + attack + "'")
                        .contains(setting));
            }
            assertThat(host.anonymous("GET", "/health", null).statusCode()).isEqualTo(200);
        }
    }
}
