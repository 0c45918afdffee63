package dev.switchboard.host.template;

import static dev.switchboard.host.template.TwigRender.render;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.api.TemplateException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Twig 1.x's core filters and Cerb's additions, with PHP's meaning. */
class TestTwigCoreFilters {
    @Test
    void rawAndEscapeStrategies() {
        assertThat(render("{{ '<b>'|raw }} {{ '<a href=\"x\">it\\'s</a>'|e }}"))
                .isEqualTo("<b> &lt;a href=&quot;x&quot;&gt;it&#039;s&lt;/a&gt;");
        assertThat(render("{{ 'a \"b\"/é'|escape('js') }} {{ 'a b&c'|e('url') }}"))
                .isEqualTo("a\\x20\\x22b\\x22\\x2F\\u00E9 a%20b%26c");
        assertThatThrownBy(() -> render("{{ 'x'|e('nope') }}")).isInstanceOf(TemplateException.class)
                .hasMessageContaining("unknown strategy 'nope'");
    }

    @Test
    void defaultAppliesToEmptyValues() {
        assertThat(render("{{ ''|default('a') }}{{ nope|default('b') }}{{ []|default('c') }}{{ 0|default('no') }}"))
                .isEqualTo("abc0");
    }

    @Test
    void lengthOfTextNumbersAndArrays() {
        assertThat(render("{{ 'héllo'|length }} {{ 1234|length }} {{ {a: 1}|length }} {{ nope|length }}"))
                .isEqualTo("5 4 1 0");
    }

    @Test
    void replaceWithAHashOrTwoArguments() {
        assertThat(render("{{ 'I like %this% and %that%.'|replace({'%this%': 'tea', '%that%': 'cake'}) }}"))
                .isEqualTo("I like tea and cake.");
        assertThat(render("{{ 'aaa'|replace({'a': 'b', 'aa': 'c'}) }} {{ 'I like ice cream'|replace('like', 'really like') }}"))
                .isEqualTo("cb I really like ice cream");
    }

    @Test
    void reverseOfTextListsAndHashes() {
        assertThat(render("{{ 'abé'|reverse }} {{ [1, 2, 3]|reverse|join }} {{ {a: 1, b: 2}|reverse|keys|join }}"
                + " {{ {0: 'x', 1: 'y'}|reverse(preserve_keys=true)|keys|join }} {{ {0: 'x', 1: 'y'}|reverse|keys|join }}"))
                .isEqualTo("éba 321 ba 10 01");
    }

    @Test
    void roundHalfAwayFromZeroCeilAndFloor() {
        assertThat(render("{{ 2.5|round }} {{ -2.5|round }} {{ 3.14159|round(3) }} {{ 21.3|round(-1) }}"
                + " {{ 21.3|round(-1, 'ceil') }} {{ 2.7|round(0, 'floor') }}")).isEqualTo("3 -3 3.142 20 30 2");
    }

    @Test
    void sliceOfTextListsAndHashes() {
        assertThat(render("{{ '12345'|slice(1, 2) }} {{ [1, 2, 3, 4]|slice(-2)|join }} {{ [1, 2, 3]|slice(0, -1)|join }}"
                + " {{ {a: 1, b: 2, c: 3}|slice(1, 1)|keys|join }} {{ [1, 2, 3]|slice(1, 1, true)|keys|join }}"))
                .isEqualTo("23 34 12 b 1");
    }

    @Test
    void splitWithLimitAndIntoCharacters() {
        assertThat(render("{{ 'a,b,c'|split(',', 2)|join('|') }} {{ 'a,b,c'|split(',', -1)|join('|') }}"
                + " {{ 'abcde'|split('')|join('|') }} {{ 'abcde'|split('', 2)|join('|') }} {{ 'a,,b,'|split(',')|length }}"))
                .isEqualTo("a|b,c a|b a|b|c|d|e ab|cd|e 4");
    }

    @Test
    void trimWithMaskAndSide() {
        assertThat(render("[{{ '  x  '|trim }}][{{ 'xxIxx'|trim('x') }}][{{ '  x  '|trim(side='left') }}]"
                + "[{{ '/x/'|trim('/', 'right') }}]")).isEqualTo("[x][I][x  ][/x]");
    }

    @Test
    void batchFillsOnlyWhenAskedAndKeepsKeys() {
        assertThat(render("{{ [1, 2, 3]|batch(2)|last|join }} {{ [1, 2, 3]|batch(2, 0)|last|join }}"
                + " {{ [1, 2, 3]|batch(1.5)|length }} {{ {a: 1, b: 2}|batch(3, 'f')|first|keys|join }}"))
                .isEqualTo("3 30 2 ab0");
    }

    @Test
    void joinOfHashesAndBooleansAsPhp() {
        assertThat(render("{{ {a: 1, b: 2}|join(',') }} {{ [true, false, null, 1.0]|join(',') }}")).isEqualTo("1,2 1,,,1");
    }

    @Test
    void nl2brUnescapeConvertEncoding() {
        assertThat(render("{{ 'a\\nb'|nl2br }}")).isEqualTo("a<br />\nb");
        assertThat(render("{{ '&quot;x&quot; &copy; &#65;&#x42; &amp;amp; &bogus;'|unescape }}"))
                .isEqualTo("\"x\" © AB &amp; &bogus;");
        assertThat(render("{{ 'é😀'|convert_encoding('ISO-8859-1', 'UTF-8') }}")).isEqualTo("é?");
        assertThatThrownBy(() -> render("{{ 'x'|convert_encoding('NOPE-9') }}")).isInstanceOf(TemplateException.class)
                .hasMessageContaining("unknown encoding 'NOPE-9'");
    }

    @Test
    void parseEmailsAndUrlDecodeToJson() {
        assertThat(render("{{ 'Kina H <Kina@x.example>, milo'|parse_emails|json_encode }}")).isEqualTo(
                "{\"kina@x.example\":{\"full_email\":\"Kina H <kina@x.example>\",\"email\":\"kina@x.example\","
                        + "\"mailbox\":\"kina\",\"host\":\"x.example\",\"personal\":\"Kina H\"},"
                        + "\"milo@localhost\":{\"full_email\":\"milo@localhost\",\"email\":\"milo@localhost\","
                        + "\"mailbox\":\"milo\",\"host\":\"localhost\",\"personal\":null}}");
        assertThat(render("{{ 'name=Kina+H&a.b=%26'|url_decode('json') }}")).isEqualTo("{\"name\":\"Kina H\",\"a_b\":\"&\"}");
    }

    @Test
    void datesHonourTheRunsTimezoneAndRelativeText() {
        Map<String, Object> paris = Map.of("_timezone", "Europe/Paris");
        assertThat(render("{{ 0|date('H:i e') }}", paris)).isEqualTo("01:00 Europe/Paris");
        assertThat(render("{{ '2010-10-04 13:45'|date('H:i', 'UTC') }}", paris)).isEqualTo("11:45");
        assertThat(render("{{ '2010-10-04 13:45'|date_modify('-1day')|date('Y-m-d H:i') }}"))
                .isEqualTo("2010-10-03 13:45");
        assertThat(render("{{ '2018-01-01'|date_modify('+2 weeks 5pm')|date('Y-m-d H:i') }}"))
                .isEqualTo("2018-01-15 17:00");
        assertThat(render("{{ date('1-Jan-2018 10:00am')|date_modify('+2 hours')|date('F d, Y g:ia') }}"))
                .isEqualTo("January 01, 2018 12:00pm");
        assertThat(render("{{ 'tomorrow 5pm'|date('H:i') }} {{ ('+2 weeks'|date('U')) > ('now'|date('U')) ? 'later' }}"))
                .isEqualTo("17:00 later");
        assertThatThrownBy(() -> render("{{ '2010-01-01'|date_modify('whenever') }}")).isInstanceOf(TemplateException.class)
                .hasMessageContaining("whenever");
    }

    @Test
    void dictSetAppendsWithItsOwnSegment() {
        assertThat(render("{% set v = dict_set({}, 'a.[]', 1) %}{% set v = dict_set(v, 'a.[]', 2) %}{{ v|json_encode }}"))
                .isEqualTo("{\"a\":[1,2]}");
    }
}
