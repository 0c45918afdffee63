package dev.switchboard.host.template;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.api.TemplateException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The engine keeps each bound expression ({@link BoundExpressions}) and the method each call picks
 * ({@link KnownMethods}); a render answers as one on an engine that keeps nothing ({@code templates.cache_size=0}),
 * whatever was rendered before it: the same expression text where a macro of a function's name is defined and where
 * it is not, unknown functions, and calls whose arguments change type.
 */
class TestTemplateBoundExpressions {
    private static final List<String> TEMPLATES = List.of(
            "{{ dict_set(d, 'k', 1)|json_encode }}",
            "{% macro dict_set(a, b, c) %}macro {{ b }}{% endmacro %}{{ dict_set(d, 'k', 1)|json_encode }}",
            "{{ nosuch(1) }}",
            "{% macro nosuch(a) %}mine {{ a }}{% endmacro %}{{ nosuch(1) }}",
            "{{ v|default('none') }}|{{ v|json_encode }}|{{ v is defined }}",
            "{{ [1, 2]|join(v) }}",
            "{{ 'abc'|replace('b', v) }}",
            "{{ 3.7|round(0, 'floor') }}|{{ 7 is odd }}|{{ 7 is divisibleby 7 }}",
            "{% set m = {'a': v} %}{{ m.keys()|json_encode }}{{ m.get('a')|json_encode }}",
            "{% set l = [v] %}{% do l.append(v) %}{{ l|json_encode }}{{ l.count(v) }}",
            "{% for i in [1, 2, 3] %}{{ loop.cycle('a', v) }}{% endfor %}",
            "{{ 'x'.getClass() }}");

    private static final List<Object> VALUES = List.of("text", 42L, 2.5, List.of("a", 1L), Map.of("k", "v"),
            true);

    @Test
    void aRenderAnswersAsWithoutKeptExpressions() {
        TemplateEngine kept = new TemplateEngine();
        TemplateLimits d = TemplateLimits.defaults();
        TemplateEngine none = new TemplateEngine(new TemplateLimits(d.maxOutputChars(), d.maxStringChars(),
                d.maxCollection(), d.maxDepth(), d.renderTimeout(), 0));
        List<String> expected = new ArrayList<>();
        List<String> actual = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
            for (Object value : VALUES) {
                for (String template : TEMPLATES) {
                    Map<String, Object> vars = new LinkedHashMap<>();
                    vars.put("d", Map.of("x", 1L));
                    vars.put("v", value);
                    expected.add(template + " with " + value + " -> " + answer(none, template, vars));
                    actual.add(template + " with " + value + " -> " + answer(kept, template, vars));
                }
            }
        }
        assertThat(actual).containsExactlyElementsOf(expected);
        assertThat(expected).anyMatch(a -> a.contains("macro k")).anyMatch(a -> a.contains("{\"x\":1,\"k\":1}"))
                .anyMatch(a -> a.contains("mine 1")).anyMatch(a -> a.contains("error: "));
    }

    private static String answer(TemplateEngine engine, String template, Map<String, Object> vars) {
        try {
            return engine.render(template, vars);
        } catch (TemplateException e) {
            return "error: " + e.getMessage();
        }
    }
}
