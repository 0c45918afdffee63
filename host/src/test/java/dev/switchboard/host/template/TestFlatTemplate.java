package dev.switchboard.host.template;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.api.TemplateException;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Templates of text, {@code set} and printed expressions of variables, literals, engine functions and filters render
 * by their compiled form ({@link FlatTemplate}); every answer, output or error, is the one Jinjava gives for the
 * same template and values.
 */
class TestFlatTemplate {
    /** The seed package's set_http_body template, verbatim. */
    private static final String SEED_BODY = "{% set json = {} %}\r\n{% set json = dict_set(json, 'http.verb', http_verb) %}"
            + "\r\n{% set json = dict_set(json, 'http.path', http_path) %}\r\n"
            + "{% set json = dict_set(json, 'http.headers', http_headers) %}\r\n"
            + "{% set json = dict_set(json, 'http.params', http_params) %}\r\n"
            + "{% set json = dict_set(json, 'client.ip', http_client_ip) %}\r\n"
            + "{% set json = dict_set(json, 'bot.name', va_name) %}\r\n{{json|json_encode|json_pretty}}";

    private static final List<String> COMPILED = List.of(SEED_BODY,
            "{{ a }}", "x {{ a }} y\n", "{{- a -}}\n  ", "{{ a|upper }}", "{{ a|default('none') }}",
            "{{ a|json_encode }}", "{{ a|json_encode|json_pretty }}", "{{ a|length }}", "{{ a|join(', ') }}",
            "{{ a|replace('o', '0') }}", "{{ missing }}", "{{ missing|default('d') }}",
            "{% set x = a %}{{ x|json_encode }}", "{% set a = 'mine' %}{{ a }}",
            "{{ dict_set({}, 'a.b', a)|json_encode }}", "{{ dict_set(b, 'k', a)|json_encode }}",
            "{% set x = {} %}{% set x = dict_set(x, 'k[]', a) %}{% set x = dict_set(x, 'k[]', b) %}{{ x|json_encode }}",
            "{{ jsonpath_set(b, 'p.q', a)|json_encode }}", "{{ dict_set(a, 'k', b)|json_encode }}",
            "{{ (a|json_encode)|length }}", "{% set big = dict_set(b, 'k', a) %}{{ big|json_encode|json_pretty }}");

    private static final List<String> NOT_COMPILED = List.of("{{ a.b }}", "{{ a ~ b }}", "{% if a %}x{% endif %}",
            "{{ a|default(b) }}", "{{ a[0] }}", "{{ loop }}", "{% set a, b = 1, 2 %}{{ a }}", "{{ nosuch(a) }}",
            "{{ true }}", "{{ 1 }}", "{% macro m() %}{% endmacro %}{{ a }}", "{{ a|render }}");

    @Test
    void theSeedBodyAndItsKindAreCompiled() {
        TemplateEngine engine = new TemplateEngine();
        COMPILED.forEach(t -> assertThat(engine.isCompiled(t)).as(t).isTrue());
        NOT_COMPILED.forEach(t -> assertThat(engine.isCompiled(t)).as(t).isFalse());
    }

    @Test
    void everyAnswerIsJinjavas() {
        TemplateLimits d = TemplateLimits.defaults();
        // small limits, so that some values reach them
        TemplateEngine engine = new TemplateEngine(new TemplateLimits(2048, 1024, 100, d.maxDepth(),
                d.renderTimeout(), d.cacheSize()));
        Random random = new Random(16);
        int outputs = 0;
        int errors = 0;
        for (int i = 0; i < 1500; i++) {
            Map<String, Object> vars = new HashMap<>();
            for (String name : List.of("a", "b", "http_verb", "http_path", "http_headers", "http_params",
                    "http_client_ip", "va_name")) {
                if (random.nextInt(8) > 0) {
                    vars.put(name, value(random, 0));
                }
            }
            for (String template : COMPILED) {
                String jinjava = answer(() -> engine.renderByJinjava(template, vars));
                assertThat(answer(() -> engine.render(template, vars))).as("%s with %s", template, vars)
                        .isEqualTo(jinjava);
                if (jinjava.startsWith("error: ")) {
                    errors++;
                } else {
                    outputs++;
                }
            }
        }
        assertThat(outputs).isGreaterThan(10_000);
        assertThat(errors).isGreaterThan(100);
    }

    private static Object value(Random random, int depth) {
        switch (random.nextInt(depth > 2 ? 9 : 12)) {
            case 0: return "";
            case 1: return "POST";
            case 2: return "Joe \"Customer\" é \u2028 </script> \\ / \n\t" + random.nextInt(100);
            case 3: return (long) random.nextInt(1000) - 500;
            case 4: return random.nextInt(10);
            case 5: return random.nextBoolean() ? 2.5 : 1.0 / 3;
            case 6: return random.nextBoolean();
            case 7: return random.nextInt(3) == 0 ? ZonedDateTime.of(2026, 12, 1, 18, 0, 0, 0, ZoneOffset.UTC)
                    : "x".repeat(random.nextInt(1500));
            case 8: return null;
            case 9: {
                Map<String, Object> m = new LinkedHashMap<>();
                int n = random.nextInt(10) == 0 ? 150 : random.nextInt(5);
                for (int k = 0; k < n; k++) {
                    m.put(random.nextBoolean() ? "k" + k : "user-agent." + k, value(random, depth + 1));
                }
                return m;
            }
            default: {
                List<Object> l = new ArrayList<>();
                int n = random.nextInt(10) == 0 ? 150 : random.nextInt(5);
                for (int k = 0; k < n; k++) {
                    l.add(value(random, depth + 1));
                }
                return l;
            }
        }
    }

    private interface Render {
        String run();
    }

    private static String answer(Render render) {
        try {
            return render.run();
        } catch (TemplateException e) {
            return "error: " + e.getMessage();
        }
    }
}
