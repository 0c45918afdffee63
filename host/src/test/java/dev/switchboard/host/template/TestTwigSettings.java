package dev.switchboard.host.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The engine reads and prints templates as Cerb's Twig does. */
class TestTwigSettings {
    private final TemplateEngine templates = new TemplateEngine();

    @Test
    void crLfIsReadAsLfAndTheNewlineAfterABlockTagIsDropped() {
        assertThat(templates.render("{% if true %}\r\nyes\r\n{% endif %}\r\nend\rline\n", Map.of()))
                .isEqualTo("yes\nend\nline\n");
    }

    @Test
    void nothingIsEscapedAndUndefinedNamesPrintNothing() {
        assertThat(templates.render("<b>{{ html }}</b>[{{ missing }}][{{ missing.deeper }}]",
                Map.of("html", "<i>&amp;</i>"))).isEqualTo("<b><i>&amp;</i></b>[][]");
    }

    @Test
    void booleansAndFloatsPrintAsPhpEchoesThem() {
        assertThat(templates.render("[{{ true }}][{{ false }}][{{ 1 == 1 }}][{{ 4 / 2 }}][{{ 0.1 + 0.2 }}][{{ 2.5 }}]"
                + "[{{ 1.0e20 }}][{{ 0 - 0.00001 }}][{{ 7 }}]", Map.of()))
                .isEqualTo("[1][][1][2][0.3][2.5][1.0E+20][-1.0E-5][7]");
    }

    @Test
    void aTemplateThatPrintsOneVariablePrintsWhatAFullRenderWould() {
        Map<String, Object> vars = new LinkedHashMap<>();
        vars.put("name", "Webhook Bot");
        vars.put("count", 42L);
        vars.put("flag", true);
        vars.put("ratio", 2.0);
        vars.put("list", List.of(1, 2));
        vars.put("true", "a variable called true");
        for (String name : vars.keySet()) {
            String alone = templates.render("{{ " + name + " }}", vars);
            String inText = templates.render("[{{ " + name + " }}]", vars);
            assertThat("[" + alone + "]").as(name).isEqualTo(inText);
        }
        assertThat(templates.render("{{name}}", vars)).isEqualTo("Webhook Bot");
        assertThat(templates.render("{{ missing }}", vars)).isEmpty();
        assertThat(templates.render("{{ true }}", vars)).isEqualTo("1");
    }

    @Test
    void tildeConcatenatesAndHashKeysNeedNoQuotes() {
        assertThat(templates.render("{{ 'a' ~ 1 ~ 'b' }} {{ {name: 'x'}.name }}", Map.of())).isEqualTo("a1b x");
    }

    @Test
    void dictSetAccumulatesInsideLoopsAsInTwig() {
        Map<String, Object> vars = new LinkedHashMap<>();
        Map<String, Object> headers = new LinkedHashMap<>();
        headers.put("host", "a.example");
        headers.put("accept", "*/*");
        vars.put("headers", headers);
        assertThat(templates.render("{% set out = {} %}{% for k, v in headers %}{% set out = dict_set(out, k, v|upper) %}"
                + "{% set scratch = k %}{% endfor %}{{ out|json_encode }}[{{ scratch }}]", vars))
                .isEqualTo("{\"host\":\"A.EXAMPLE\",\"accept\":\"*\\/*\"}[]");
        assertThat(templates.render("{% for v in headers %}{{ v }};{% endfor %}", vars)).isEqualTo("a.example;*/*;");
        assertThat(templates.render("{% set k = 'kept' %}{% for k in [1, 2] %}{% endfor %}{{ k }}", vars)).isEqualTo("kept");
    }

    @Test
    void forElsePrintsTheElsePartOnlyWhenThereIsNothingToLoopOver() {
        String template = "{% for x in items %}{% if x > 1 %}[{{ x }}]{% else %}({{ x }}){% endif %}"
                + "{% else %}none{% endfor %}!";
        assertThat(templates.render(template, Map.of("items", java.util.List.of(1, 2)))).isEqualTo("(1)[2]!");
        assertThat(templates.render(template, Map.of("items", java.util.List.of()))).isEqualTo("none!");
        assertThat(templates.render(template, Map.of())).isEqualTo("none!");
        assertThat(templates.render("{% for k, v in d %}{{ k }}{% else %}empty{% endfor %}", Map.of("d", Map.of())))
                .isEqualTo("empty");
    }

    @Test
    void documentedJinjaSpellingsWork() {
        assertThat(templates.render("{% set x %}a{{ 1 + 1 }}{% endset %}{{ x }}", Map.of())).isEqualTo("a2");
        assertThat(templates.render("{% set x %}shout{% endset %}{{ x|upper }}", Map.of())).isEqualTo("SHOUT");
        assertThat(templates.render("{{ nope|default('fallback') }} {{ 'abcdef'[1:4] }}", Map.of())).isEqualTo("fallback bcde");
        assertThat(templates.render("{{ range(5000)|length }}", Map.of())).isEqualTo("1000");
        assertThat(templates.render("plain {text", Map.of())).isEqualTo("plain {text");
    }
}
