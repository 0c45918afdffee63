package dev.switchboard.host.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.host.json.HostJson;
import dev.switchboard.testkit.TestHost;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The bot-call and placeholder actions declare the variables they set, so {@code /api/actions} lists them for the
 * behavior editor; the ones that set none (they schedule, unschedule or store) list none.
 */
class TestBotCallOutputs {
    private static final HostJson JSON = new HostJson();

    @Test
    @SuppressWarnings("unchecked")
    void actionsListTheVariablesTheySet() {
        try (TestHost host = TestHost.start()) {
            List<Map<String, Object>> actions = (List<Map<String, Object>>) ((Map<String, Object>) JSON.parse(
                    host.admin("GET", "/api/actions", null).body())).get("actions");
            Map<String, Object> outputs = actions.stream()
                    .collect(Collectors.toMap(a -> (String) a.get("id"), a -> a.get("outputs")));
            assertThat(outputs.get("_run_behavior")).isEqualTo(List.of(Map.of("name", "{var}", "type", "json",
                    "description", "the called behavior's dictionary when it ended, e.g. {{ _behavior.var_answer }}"
                            + " (_behavior when var is empty)")));
            assertThat(outputs.get("_get_key")).isEqualTo(List.of(Map.of("name", "{var}", "type", "text",
                    "description", "the stored value, or null when the key is missing or expired")));
            assertThat(outputs.get("_set_custom_var")).isEqualTo(List.of(Map.of("name", "{var}", "type", "text",
                    "description", "the rendered value; with format json, the decoded value (a list, a map, a number"
                            + " …)")));
            for (String none : List.of("_schedule_behavior", "_unschedule_behavior", "_set_key", "_exit")) {
                assertThat(outputs.get(none)).as(none).isEqualTo(List.of());
            }
        }
    }
}
