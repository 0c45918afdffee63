package dev.switchboard.host.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** json_encode, json_pretty, json_decode and dict_set print exactly what Cerb (PHP + Twig) prints. */
class TestCerbJsonHelpers {
    private final TemplateEngine templates = new TemplateEngine();

    private String render(String template) {
        return templates.render(template, Map.of());
    }

    private String encode(Object value) {
        Map<String, Object> vars = new LinkedHashMap<>();
        vars.put("v", value);
        return templates.render("{{ v|json_encode }}", vars);
    }

    @Test
    void jsonEncodeEscapesSlashesAndNonAsciiLikePhp() {
        assertThat(encode("https://example.com/a")).isEqualTo("\"https:\\/\\/example.com\\/a\"");
        assertThat(encode("café ☃ 😀")).isEqualTo("\"caf\\u00e9 \\u2603 \\ud83d\\ude00\"");
        assertThat(encode("q\"b\\s\n\r\t\b\f\u0001\u007f")).isEqualTo("\"q\\\"b\\\\s\\n\\r\\t\\b\\f\\u0001\u007f\"");
    }

    @Test
    void jsonEncodeWritesPhpArraysAsListsOrObjects() {
        assertThat(render("{{ {}|json_encode }}")).isEqualTo("[]");
        assertThat(render("{{ []|json_encode }}")).isEqualTo("[]");
        assertThat(render("{{ [1, 'a', true, none]|json_encode }}")).isEqualTo("[1,\"a\",true,null]");
        assertThat(render("{{ {'b': 1, 'a': {'c': []} }|json_encode }}")).isEqualTo("{\"b\":1,\"a\":{\"c\":[]}}");
        assertThat(render("{{ {'0': 'a', '1': 'b'}|json_encode }}")).isEqualTo("[\"a\",\"b\"]");
        assertThat(render("{{ {'1': 'a', '0': 'b'}|json_encode }}")).isEqualTo("{\"1\":\"a\",\"0\":\"b\"}");
    }

    @ParameterizedTest
    @CsvSource({"1.0, 1", "0.1, 0.1", "-2.5, -2.5", "0.0001, 0.0001", "0.00001, 1.0e-5", "1.0E25, 1.0e+25",
            "1.0E16, 10000000000000000", "1.0E17, 1.0e+17", "-0.0, -0", "123456.789, 123456.789",
            "1.5E-7, 1.5e-7", "2.0E-3, 0.002", "0.30000000000000004, 0.30000000000000004",
            "9007199254740993, 9007199254740992", "1.0E23, 1.0e+23",
            "1.7976931348623157E308, 1.7976931348623157e+308"})
    void jsonEncodePrintsFloatsAsPhpDoes(double value, String php) {
        assertThat(encode(value)).isEqualTo(php);
    }

    @Test
    void jsonEncodePrintsIntegersWholeAndHugeOnesAsPhpFloats() {
        assertThat(encode(37L)).isEqualTo("37");
        assertThat(encode(-9223372036854775808L)).isEqualTo("-9223372036854775808");
        assertThat(encode(new BigInteger("12345678901234567890"))).isEqualTo("1.2345678901234567e+19");
        assertThat(encode(Double.NaN)).isEmpty();
    }

    @Test
    void jsonPrettyReprintsJsonTextWithFourSpacesAndPlainSlashes() {
        assertThat(render("{{ '{\"a\":[1,2],\"b\":{},\"c\":\"x\\\\/y \\\\u00e9\",\"d\":{\"e\":null}}'|json_pretty }}"))
                .isEqualTo("""
                        {
                            "a": [
                                1,
                                2
                            ],
                            "b": [],
                            "c": "x/y \\u00e9",
                            "d": {
                                "e": null
                            }
                        }""");
        assertThat(render("{{ [1, {'k': 'v'}]|json_pretty }}")).isEqualTo("[\n    1,\n    {\n        \"k\": \"v\"\n    }\n]");
    }

    @Test
    void jsonPrettyPrintsNothingForTextThatIsNotAnObjectOrArray() {
        assertThat(render("[{{ 'not json'|json_pretty }}][{{ '5'|json_pretty }}][{{ 5|json_pretty }}]"))
                .isEqualTo("[][][]");
    }

    @Test
    void jsonDecodeGivesDictsAndListsOrNothing() {
        assertThat(render("{% set d = json_decode('{\"a\":{\"b\":[1,2.5]},\"e\":{}}') %}{{ d.a.b[1] }} {{ d|json_encode }}"))
                .isEqualTo("2.5 {\"a\":{\"b\":[1,2.5]},\"e\":[]}");
        assertThat(render("[{{ json_decode('{oops') }}]")).isEqualTo("[]");
        assertThat(render("{% set l = json_decode('[1]') %}{% do l.append(2) %}{{ l|json_encode }}")).isEqualTo("[1,2]");
    }

    @Test
    void dictSetCreatesNestedLevelsAndReturnsTheNewDict() {
        assertThat(render("{% set j = {} %}{% set j = dict_set(j, 'http.verb', 'POST') %}"
                + "{% set j = dict_set(j, 'http.path', '') %}{{ j|json_encode }}"))
                .isEqualTo("{\"http\":{\"verb\":\"POST\",\"path\":\"\"}}");
        assertThat(render("{{ dict_set(undefined_name, 'a', 1)|json_encode }}")).isEqualTo("{\"a\":1}");
        assertThat(render("{{ dict_set({'a': 'text'}, 'a.b', 1)|json_encode }}")).isEqualTo("{\"a\":{\"b\":1}}");
    }

    @Test
    void dictSetReadsDotPlaceholderAsALiteralDot() {
        assertThat(render("{{ dict_set({}, 'example{DOT}com.owner', 'joe')|json_encode }}"))
                .isEqualTo("{\"example.com\":{\"owner\":\"joe\"}}");
    }

    @Test
    void dictSetAppendsOnBrackets() {
        assertThat(render("{% set j = dict_set({}, 'tags[]', 'a') %}{% set j = dict_set(j, 'tags[]', 'b') %}"
                + "{% set j = dict_set(j, 'items[].name', 'x') %}{{ j|json_encode }}"))
                .isEqualTo("{\"tags\":[\"a\",\"b\"],\"items\":[{\"name\":\"x\"}]}");
        assertThat(render("{{ dict_set({'l': [1, 2]}, 'l.1', 9)|json_encode }}")).isEqualTo("{\"l\":[1,9]}");
        assertThat(render("{{ dict_set({'l': [1, 2]}, 'l.k', 9)|json_encode }}")).isEqualTo("{\"l\":{\"0\":1,\"1\":2,\"k\":9}}");
    }

    @Test
    void dictSetLeavesTheOriginalUnchanged() {
        assertThat(render("{% set a = {'x': {'y': 1}} %}{% set b = dict_set(a, 'x.z', 2) %}"
                + "{{ a|json_encode }} {{ b|json_encode }}"))
                .isEqualTo("{\"x\":{\"y\":1}} {\"x\":{\"y\":1,\"z\":2}}");
    }

    @Test
    void dictSetResultIsAJinjaDict() {
        assertThat(render("{% set j = dict_set({}, 'a', 1) %}{% do j.update({'b': 2}) %}{{ j|json_encode }}"))
                .isEqualTo("{\"a\":1,\"b\":2}");
        assertThat(encode(List.of())).isEqualTo("[]");
    }
}
