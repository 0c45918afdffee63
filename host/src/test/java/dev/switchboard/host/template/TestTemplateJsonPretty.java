package dev.switchboard.host.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.api.TemplateException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * {@code x|json_encode|json_pretty} is built in one pass (one filter, no JSON parse) and prints exactly what the two
 * filters print one after the other ({@code {% set e = x|json_encode %}{{ e|json_pretty }}}, which stays two steps),
 * limits and errors included.
 */
class TestTemplateJsonPretty {
    private static final TemplateEngine TEMPLATES = new TemplateEngine();
    private static final String ONE_PASS = "{{ x|json_encode|json_pretty }}";
    private static final String TWO_STEPS = "{% set e = x|json_encode %}{{ e|json_pretty }}";

    private static String both(Object x) {
        Map<String, Object> vars = new LinkedHashMap<>();
        vars.put("x", x);
        String once = TEMPLATES.render(ONE_PASS, vars);
        assertThat(once).isEqualTo(TEMPLATES.render(TWO_STEPS, vars));
        return once;
    }

    @Test
    void theSeedBotsBodyIsOneFilter() {
        assertThat(TwigSource.translate(ONE_PASS)).contains(CerbFilters.JSON_ENCODE_PRETTY).doesNotContain("json_pretty)");
        assertThat(TwigSource.translate("{{ x|json_encode(1)|json_pretty }}")).contains("|json_pretty");
    }

    @Test
    void dictsAndListsPrintAsTheTwoFiltersDo() {
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("url", "https://cerb.example/a/b");
        nested.put("name", "Jöe \"quoted\" \\ tab\t€");
        nested.put("n", 42L);
        nested.put("f", 0.1 + 0.2);
        nested.put("whole", 2.0);
        nested.put("big", 1e25);
        nested.put("t", true);
        nested.put("none", null);
        nested.put("empty", Map.of());
        nested.put("list", List.of(1L, "two", List.of()));
        Map<String, Object> sequential = new LinkedHashMap<>();
        sequential.put("0", "a");
        sequential.put("1", "b");
        nested.put("seq", sequential);
        String out = both(nested);
        assertThat(out).startsWith("{\n    \"url\": \"https://cerb.example/a/b\",").contains("\"seq\": [\n        \"a\",");
        assertThat(both(List.of(Map.of("a", List.of(Map.of("b", "c")))))).isEqualTo(
                "[\n    {\n        \"a\": [\n            {\n                \"b\": \"c\"\n            }\n        ]\n    }\n]");
        assertThat(both(List.of())).isEqualTo("[]");
        assertThat(both(Map.of())).isEqualTo("[]");
    }

    @Test
    void valuesThatAreNotDictsOrListsPrintNothingEitherWay() {
        assertThat(both("{\"a\": 1}")).isEmpty();
        assertThat(both(7L)).isEmpty();
        assertThat(both(null)).isEmpty();
        assertThat(both(List.of(Double.NaN))).isEmpty();
    }

    @Test
    void whatReadingBackWouldChangeTakesTheTwoSteps() {
        // a lone surrogate: json_encode's text does not read back, so both print nothing
        assertThat(both(Map.of("a", "x\uD800y"))).isEmpty();
        // a pair reads back as it was
        assertThat(both(Map.of("a", "\uD83D\uDE00"))).contains("\\ud83d\\ude00");
        // keys that are not text: {1: 'a'} from a template literal
        assertThat(TEMPLATES.render("{{ {1: 'a', 'b': 2}|json_encode|json_pretty }}", Map.of()))
                .isEqualTo(TEMPLATES.render("{% set e = {1: 'a', 'b': 2}|json_encode %}{{ e|json_pretty }}", Map.of()));
    }

    @ParameterizedTest
    @ValueSource(ints = {249, 250, 251, 255, 256, 257, 300})
    void deepNestingPrintsAsTheTwoFiltersDo(int depth) {
        Object value = "leaf";
        for (int i = 0; i < depth; i++) {
            List<Object> list = new ArrayList<>();
            list.add(value);
            value = list;
        }
        String out = both(value);
        assertThat(out.isEmpty()).isEqualTo(depth > 256);
    }

    @Test
    void jsonEncodesTextIsHeldToTheStringLimitAsBetweenTheTwoFilters() {
        TemplateEngine small = new TemplateEngine(new TemplateLimits(1 << 20, 1024, 1000, 10, Duration.ofSeconds(10), 10));
        // 511 slashes: json_encode writes 1,022 characters for them (each \/), json_pretty 511
        Map<String, Object> slashes = Map.of("x", List.of("/".repeat(511)));
        for (String template : List.of(ONE_PASS, TWO_STEPS)) {
            assertThatThrownBy(() -> small.render(template, slashes)).isInstanceOf(TemplateException.class)
                    .hasMessageContaining("'json_encode' would make a string of 1026 characters; templates.max_string allows 1024");
        }
        // compact text within the limit, the pretty one past it: json_pretty is named
        List<Object> many = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            many.add(1L);
        }
        for (String template : List.of(ONE_PASS, TWO_STEPS)) {
            assertThatThrownBy(() -> small.render(template, Map.of("x", many))).isInstanceOf(TemplateException.class)
                    .hasMessageContaining("'json_pretty' would make a string of");
        }
    }
}
