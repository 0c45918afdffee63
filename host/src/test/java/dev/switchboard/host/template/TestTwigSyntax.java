package dev.switchboard.host.template;

import static dev.switchboard.host.template.TwigRender.render;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.api.TemplateException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Twig 1.x tags, whitespace control and expressions, read as Cerb's Twig reads them. */
class TestTwigSyntax {
    @Test
    void whitespaceControlTrimsLikeTwig() {
        assertThat(render("a  \n {%- if true -%} \n  b \n {%- endif -%}\n  c")).isEqualTo("abc");
        assertThat(render("[ {{- 'x' -}} ]")).isEqualTo("[x]");
        assertThat(render("x {#- note -#}\n y")).isEqualTo("xy");
        // the newline after a block tag and after a comment is dropped, after a print it is kept
        assertThat(render("{% set a = 1 %}\n{# c #}\n{{ a }}\nend")).isEqualTo("1\nend");
    }

    @Test
    void removedLinesStillCountInErrorMessages() {
        assertThatThrownBy(() -> render("{%- if true -%}\n\n\n{%- endif -%}\n{{ x|no_such_filter_anywhere( }}"))
                .isInstanceOf(TemplateException.class).hasMessageContaining("line 5");
    }

    @Test
    void verbatimAndRawPrintTheirTextAsWritten() {
        assertThat(render("{% verbatim %}{{ a }}{% if %}{% endverbatim %}")).isEqualTo("{{ a }}{% if %}");
        assertThat(render("1 {%- raw -%} {{ b }} {%- endraw -%} 2")).isEqualTo("1{{ b }}2");
    }

    @Test
    void elseifAndElif() {
        String t = "{% if a == 1 %}one{% elseif a == 2 %}two{% elif a == 3 %}three{% else %}other{% endif %}";
        assertThat(render(t, Map.of("a", 2))).isEqualTo("two");
        assertThat(render(t, Map.of("a", 3))).isEqualTo("three");
        assertThat(render(t, Map.of("a", 9))).isEqualTo("other");
    }

    @Test
    void forWithConditionCountsOnlyTheKeptItems() {
        assertThat(render("{% for i in 1..6 if i is even %}{{ loop.index }}:{{ i }} {% endfor %}"))
                .isEqualTo("1:2 2:4 3:6 ");
        assertThat(render("{% for k, v in {a: 1, b: 2, c: 3} if v > 1 %}{{ k }}={{ v }} {% else %}none{% endfor %}"))
                .isEqualTo("b=2 c=3 ");
        assertThat(render("{% for i in [1, 3] if i is even %}{{ i }}{% else %}none{% endfor %}")).isEqualTo("none");
    }

    @Test
    void forKeyValueOverAListGivesIndexes() {
        assertThat(render("{% for i, v in ['a', 'b'] %}{{ i }}/{{ v }} {% endfor %}")).isEqualTo("0/a 1/b ");
    }

    @Test
    void filterAndSpacelessBlocks() {
        assertThat(render("{% filter upper %}a{{ 'b' }}{% filter lower|title %}X Y{% endfilter %}{% endfilter %}"))
                .isEqualTo("ABX Y");
        assertThat(render("{% spaceless %}\n  <ul>\n    <li> x </li>\n  </ul>\n{% endspaceless %}"))
                .isEqualTo("<ul><li> x </li></ul>");
    }

    @Test
    void withScopesItsVariables() {
        assertThat(render("{% set a = 1 %}{% with {b: 2} %}{{ a }}{{ b }}{% set c = 3 %}{% endwith %}[{{ b }}{{ c }}]"))
                .isEqualTo("12[]");
        assertThat(render("{% set a = 1 %}{% with {b: 2} only %}[{{ a }}]{{ b }}{% endwith %}")).isEqualTo("[]2");
        assertThatThrownBy(() -> render("{% with 'text' %}{% endwith %}"))
                .isInstanceOf(TemplateException.class).hasMessageContaining("must be a hash");
    }

    @Test
    void rangesIncludeTheirEnd() {
        assertThat(render("{{ (1..4)|join(',') }} {{ ('a'..'d')|join('') }} {{ range(5, 1, 2)|join(',') }}"))
                .isEqualTo("1,2,3,4 abcd 5,3,1");
        assertThat(render("{{ range(low=0+1, high=10+0, step=3)|join(',') }}")).isEqualTo("1,4,7,10");
    }

    @Test
    void testsAndNegatedTests() {
        assertThat(render("{{ 4 is even ? 'y' : 'n' }}{{ 4 is not even ? 'y' : 'n' }}{{ 3 is odd ? 'y' : 'n' }}"
                + "{{ 9 is divisible by(3) ? 'y' : 'n' }}{{ 9 is not divisibleby(2) ? 'y' : 'n' }}"))
                .isEqualTo("ynyyy");
        assertThat(render("{{ 1 is same as(1) ? 'y' : 'n' }}{{ 1 is same as('1') ? 'y' : 'n' }}"
                + "{{ 1 is sameas(1.0) ? 'y' : 'n' }}")).isEqualTo("ynn");
        assertThat(render("{{ '' is empty ? 'y' : 'n' }}{{ [] is empty ? 'y' : 'n' }}{{ 0 is empty ? 'y' : 'n' }}"
                + "{{ null is null ? 'y' : 'n' }}{{ [1] is iterable ? 'y' : 'n' }}")).isEqualTo("yynyy");
    }

    @Test
    void definedSeesNullValuedVariablesAndKeys() {
        Map<String, Object> vars = new LinkedHashMap<>();
        vars.put("n", null);
        vars.put("d", Map.of("k", 1));
        assertThat(render("{{ n is defined ? 'y' : 'n' }}{{ nope is defined ? 'y' : 'n' }}"
                + "{{ d.k is defined ? 'y' : 'n' }}{{ d.z is not defined ? 'y' : 'n' }}"
                + "{{ attribute(d, 'k') is defined ? 'y' : 'n' }}", vars)).isEqualTo("ynyyy");
    }

    @Test
    void stringOperators() {
        assertThat(render("{{ 'foo' starts with 'f' ? 1 : 0 }}{{ 'foo' ends   with 'oo' ? 1 : 0 }}"
                + "{{ '1' starts with true ? 1 : 0 }}{{ 'a1b' matches '/\\\\d/' ? 1 : 0 }}")).isEqualTo("1101");
    }

    @Test
    void nullCoalesceAndShortTernaries() {
        assertThat(render("{{ nope ?? 'a' }}{{ d.x.y.z ?? 'b' }}{{ s.deeper ?? 'c' }}{{ 0 ?? 'no' }}",
                Map.of("d", Map.of(), "s", "text"))).isEqualTo("abc0");
        assertThat(render("{{ '' ?: 'e' }}{{ 'f' ?: 'no' }}[{{ false ? 'no' }}]{{ true ? 'g' }}")).isEqualTo("ef[]g");
    }

    @Test
    void arithmeticAsPhp() {
        assertThat(render("{{ 2 ** 3 }} {{ -2 ** 2 }} {{ 2 ** -1 }} {{ 7 // 2 }} {{ -7 // 2 }} {{ 7 % 3 }}"))
                .isEqualTo("8 4 0.5 3 -4 1");
        assertThat(render("{{ -1 }} {{ - 1 + 3 }} {{ -(1 + 3) }} {{ +'3' }} {{ 1 + 2 * 3 }}")).isEqualTo("-1 2 -4 3 7");
        assertThat(render("{{ 5 b-and 3 }} {{ 5 b-or 3 }} {{ 5 b-xor 3 }} {{ 1 b-or 2 == 3 }}")).isEqualTo("1 7 6 1");
    }

    @Test
    void logicPrintsAsPhpBooleans() {
        assertThat(render("[{{ 0 or 0 }}][{{ 1 and 2 }}][{{ not 0 }}][{{ 2 not in [1, 3] }}][{{ 'b' in 'abc' }}]"))
                .isEqualTo("[][1][1][1][1]");
    }

    @Test
    void literals() {
        assertThat(render("{{ TRUE ? 'T' }}{{ NULL ?? 'N' }}{{ [1, 2,]|join }}{{ {a: 1, 'b': 2, 3: 'c',}|keys|join }}"))
                .isEqualTo("TN12ab3");
        assertThat(render("{{ {'a': {'b': 1}}|json_encode }}")).isEqualTo("{\"a\":{\"b\":1}}");
        assertThat(render("{% set k = 'x' %}{{ {(k): 1, (k ~ 'y'): 2}|keys|join(',') }}")).isEqualTo("x,xy");
        assertThat(render("{{ 'it\\'s' }} {{ \"a\\tb\" }} {{ 'c\\-d' }}")).isEqualTo("it's a\tb c-d");
    }

    @Test
    void doubleQuotedStringsInterpolate() {
        assertThat(render("{{ \"a #{b} c #{1 + 2} #{\"x #{b|upper}\"}\" }}", Map.of("b", "bee")))
                .isEqualTo("a bee c 3 x BEE");
        assertThat(render("{{ 'no #{b}' }}", Map.of("b", "bee"))).isEqualTo("no #{b}");
    }

    @Test
    void namedArgumentsOfFiltersAndFunctions() {
        assertThat(render("{{ 0|date(timezone='Asia/Tokyo', format='H:i') }} {{ date(timezone='UTC', date=0)|date('Y') }}"
                + " {{ [1, 2]|join(glue='-') }}")).isEqualTo("09:00 1970 1-2");
    }

    @Test
    void attributeMaxMinCycleRandom() {
        Map<String, Object> vars = Map.of("d", Map.of("title", "T"));
        assertThat(render("{{ attribute(d, 'title') }} {{ max(1, 5, 3) }} {{ max([2, 9]) }} {{ min({a: 4, b: 2}) }}"
                + " {{ cycle(['odd', 'even'], 3) }}", vars)).isEqualTo("T 5 9 2 even");
        assertThat(render("{{ random(['x']) }}{{ random(0) }}{{ random('z') }}")).isEqualTo("x0z");
        assertThat(render("{{ shuffle([1, 2, 3])|sort|join }}")).isEqualTo("123");
    }

    @Test
    void sliceSyntaxIsStartAndLength() {
        assertThat(render("{{ [1, 2, 3, 4][1:2]|join }} {{ '1234'[1:] }} {{ '1234'[:1] }} {{ '1234'[-2:] }}"))
                .isEqualTo("23 234 1 34");
    }

    @Test
    void jinjaFormsThatAreNotTwigStillWork() {
        assertThat(render("{{ 'a' if true else 'b' }} {{ [1, 2]|map('string')|join }}")).isEqualTo("a 12");
        assertThat(render("{% macro m(x=1) %}{{ x }}{% endmacro %}{{ m() }}{{ m(2) }}")).isEqualTo("12");
        assertThat(render("{% set d = {} %}{% do d.update({'a': 1}) %}{{ d.a }}")).isEqualTo("1");
    }

    @Test
    void twigThatDoesNotParseIsRefusedAtCheck() {
        assertThatThrownBy(() -> TwigRender.engine().check("{{ 1 + }}")).isInstanceOf(TemplateException.class)
                .hasMessageContaining("line 1");
        assertThatThrownBy(() -> TwigRender.engine().check("{% if a %}x")).isInstanceOf(TemplateException.class);
    }

    @Test
    void aLoopOverAListCopiesAccumulatorsBack() {
        assertThat(render("{% set out = [] %}{% for i in 1..3 %}{% set out = out|merge([i * 2]) %}{% endfor %}"
                + "{{ out|join(',') }}")).isEqualTo("2,4,6");
        assertThat(render("{% set t = 0 %}{% for k, v in list %}{% set t = t + k * v %}{% endfor %}{{ t }}",
                Map.of("list", List.of(5, 6)))).isEqualTo("6");
    }
}
