package dev.switchboard.host.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.api.TemplateException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Cerb's and Twig's helper filters, functions and tests give what Cerb gives (CERB-COMPAT.md "Templates"). */
class TestCerbHelpers {
    private static final String RFC_4231_DATA = "what do ya want for nothing?";
    private final TemplateEngine templates = new TemplateEngine();

    private String render(String template) {
        return render(template, Map.of());
    }

    private String render(String template, Map<String, Object> vars) {
        return templates.render(template, new HashMap<>(vars));
    }

    @Test
    void hashHmacMatchesPublishedTestVectors() {
        Map<String, Object> vars = Map.of("data", RFC_4231_DATA);
        // RFC 4231 test case 2 (sha256, sha512) and RFC 2202 test case 2 (sha1): key "Jefe"
        assertThat(render("{{ data|hash_hmac('Jefe') }}", vars))
                .isEqualTo("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
        assertThat(render("{{ data|hash_hmac('Jefe', 'sha512') }}", vars)).isEqualTo(
                "164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea2505549758bf75c05a994a6d034f65f8f0e6fdcaeab1a34d4a6b4b636e070a38bce737");
        assertThat(render("{{ data|hash_hmac('Jefe', 'SHA1') }}", vars))
                .isEqualTo("effcdf6ae5eb2fa2d27416d5f184df9c259a7c79");
        // RFC 4231 test case 1: a binary key of twenty 0x0b bytes
        byte[] key = new byte[20];
        Arrays.fill(key, (byte) 0x0b);
        assertThat(render("{{ 'Hi There'|hash_hmac(key, 'sha256') }}", Map.of("key", new RawBytes(key))))
                .isEqualTo("b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
    }

    @Test
    void hashHmacRawBytesEncodeAsBase64ForSignatureHeaders() {
        assertThat(render("{{ data|hash_hmac('Jefe', 'sha256', true)|base64_encode }}", Map.of("data", RFC_4231_DATA)))
                .isEqualTo("W9zBRr9gdU5qBCQmCJV1x1oAPwidJzmDnexYuWTsOEM=");
    }

    @Test
    void hashHmacOfNothingIsNothingAndAnEmptyKeyWorks() {
        assertThat(render("[{{ ''|hash_hmac('k') }}]")).isEqualTo("[]");
        assertThat(render("{{ 'abc'|hash_hmac('') }}"))
                .isEqualTo("fd7adb152c05ef80dccf50a1fa4c05d5a3ec6da95575fc312ae7c5d091836351");
    }

    @Test
    void hashHmacRefusesAlgorithmsOutsideTheAllowlist() {
        assertThatThrownBy(() -> render("{{ 'abc'|hash_hmac('k', 'md5') }}"))
                .isInstanceOf(TemplateException.class)
                .hasMessageContaining("algorithm 'md5' is not allowed; use sha1, sha256 or sha512");
    }

    @Test
    void digestsAndBase64() {
        assertThat(render("{{ 'hello'|md5 }} {{ 'hello'|sha1 }}"))
                .isEqualTo("5d41402abc4b2a76b9719d911017c592 aaf4c61ddcc5e8a2dabede0f3b482cd9aea9434d");
        assertThat(render("{{ 'Zoë/?'|base64_encode }} {{ 'Wm/Dqy8/'|base64_decode }} {{ 'SGk'|base64_decode }}"))
                .isEqualTo("Wm/Dqy8/ Zoë/? Hi");
        assertThat(render("{{ '/w=='|base64_decode|base64_encode }}")).isEqualTo("/w==");
    }

    @Test
    void urlEncodingFollowsRfc3986() {
        assertThat(render("{{ 'a b&c/d~é'|url_encode }}")).isEqualTo("a%20b%26c%2Fd~%C3%A9");
        assertThat(render("{{ {'name': 'Joe Customer', 'tags': ['a', 'b']}|url_encode }}"))
                .isEqualTo("name=Joe%20Customer&tags%5B0%5D=a&tags%5B1%5D=b");
        assertThat(render("{{ 'a%20b+c%2F'|url_decode }}")).isEqualTo("a b+c/");
    }

    @Test
    void regexpFilterAndMatchAll() {
        assertThat(render("{{ 'Order #1234 and #99'|regexp('/#(\\\\d+)/', 1) }}")).isEqualTo("1234");
        assertThat(render("[{{ 'no match'|regexp('/#(\\\\d+)/', 1) }}]")).isEqualTo("[]");
        assertThat(render("{{ 'ORDER'|regexp('/order/i') }}")).isEqualTo("ORDER");
        assertThat(render("{{ regexp_match_all('/#(\\\\d+)/', 'Order #1234 and #99', 1)|join(',') }}"))
                .isEqualTo("1234,99");
        assertThat(render("{{ regexp_match_all('/#(\\\\d+)/', 'a #1 b #2')|json_encode }}"))
                .isEqualTo("[[\"#1\",\"#2\"],[\"1\",\"2\"]]");
        assertThatThrownBy(() -> render("{{ 'x'|regexp('no delimiters') }}"))
                .isInstanceOf(TemplateException.class).hasMessageContaining("needs delimiters");
    }

    @Test
    void textHelpers() {
        assertThat(render("{{ 'Hello world'|truncate(5) }}|{{ 'Hello big world'|truncate(7, true) }}|{{ 'Hi'|truncate(5) }}"))
                .isEqualTo("Hello...|Hello big...|Hi");
        assertThat(render("{{ 'a, b,,c '|split_csv|join('|') }} {{ 'one\\r\\n\\r\\n two \\nthree'|split_crlf|join('|') }}"))
                .isEqualTo("a|b|c one|two|three");
        assertThat(render("{{ 'Joe-Customer_1!'|alphanum }} {{ 'Joe-Customer_1!'|alphanum('-') }} {{ 'a b'|alphanum('', '_') }}"))
                .isEqualTo("JoeCustomer1 Joe-Customer1 a_b");
        assertThat(render("{{ '  line one\\nline two  '|quote }}")).isEqualTo("> line one\n> line two");
    }

    @Test
    void prettyNumbersAndDurations() {
        assertThat(render("{{ 90061|secs_pretty }}|{{ 90061|secs_pretty(2) }}|{{ 0|secs_pretty }}"))
                .isEqualTo("1 day, 1 hour, 1 min, 1 sec|1 day, 1 hour|0 secs");
        assertThat(render("{{ 999|bytes_pretty }}|{{ 1500|bytes_pretty(1) }}|{{ 2500000|bytes_pretty }}|{{ '-2000'|bytes_pretty }}"))
                .isEqualTo("999 bytes|1.5 KB|3 MB|-2 KB");
        assertThat(render("{{ 3600|date_pretty(true) }}|{{ 7200|date_pretty(true) }}|{{ 45|date_pretty(true) }}"))
                .isEqualTo("1 hour|2 hours|45 secs");
    }

    @ParameterizedTest
    @CsvSource(delimiterString = " => ", value = {
        "{{ 0|date('Y-m-d H:i:s') }} => 1970-01-01 00:00:00",
        "{{ 1700000000|date('D, d M Y H:i:s O') }} => Tue, 14 Nov 2023 22:13:20 +0000",
        "{{ '1700000000'|date('r') }} => Tue, 14 Nov 2023 22:13:20 +0000",
        "{{ 1700000000|date }} => November 14, 2023 22:13",
        "{{ 1700000000|date('jS F Y, g:i a', 'America/New_York') }} => 14th November 2023, 5:13 pm",
        "{{ 1700000000|date('Y-m-d H:i T P', 'America/New_York') }} => 2023-11-14 17:13 EST -05:00",
        "{{ '2024-03-01T10:00:00+02:00'|date('c') }} => 2024-03-01T08:00:00+00:00",
        "{{ '2024-02-29'|date('l \\\\t\\\\h\\\\e jS, z, t, L, N, W, U') }} => Thursday the 29th, 59, 29, 1, 4, 09, 1709164800",
        "{{ '2024-01-02 03:04:05'|date('y n j G h A') }} => 24 1 2 3 03 AM"})
    void dateUsesPhpFormats(String template, String expected) {
        assertThat(render(template)).isEqualTo(expected);
    }

    @Test
    void dateRefusesTextItCannotRead() {
        assertThatThrownBy(() -> render("{{ 'next blue moon'|date('Y') }}"))
                .isInstanceOf(TemplateException.class).hasMessageContaining("cannot read 'next blue moon' as a date");
    }

    @Test
    void twigCoreFiltersUnderTwigNames() {
        assertThat(render("{{ '%s is %d, %05.2f%%, %x, %+d, %-4s|'|format('Joe', 37, 3.14159, 255, 5, 'ab') }}"))
                .isEqualTo("Joe is 37, 03.14%, ff, +5, ab  |");
        assertThat(render("{{ {'a': 1, 'b': 2}|keys|join(',') }} {{ [1, 2]|merge([3])|join(',') }} "
                + "{{ {'a': 1, 'b': 1}|merge({'b': 2})|json_encode }}"))
                .isEqualTo("a,b 1,2,3 {\"a\":1,\"b\":2}");
        assertThat(render("{{ 1234567.891|number_format(2) }} {{ 1234.5|number_format }} {{ 1234567.891|number_format(2, ',', '.') }} {{ -0.4|number_format }}"))
                .isEqualTo("1,234,567.89 1,235 1.234.567,89 0");
    }

    @Test
    void numericTestAndValidators() {
        assertThat(render("{{ '37' is numeric }} {{ ' 3.5e2' is numeric }} {{ '0x1A' is numeric }} {{ 'abc' is numeric }} {{ 4 is numeric }}"))
                .isEqualTo("1 1   1");
        assertThat(render("{{ validate_number('-1.5') }} {{ validate_number('1,5') }}")).isEqualTo("1 ");
        assertThat(render("{{ validate_email('joe@example.com') }} {{ validate_email('Joe <joe@example.com>') }} "
                + "{{ validate_email('joe') }} {{ validate_email('a@b.c, d@e.f') }}"))
                .isEqualTo("1 1  ");
    }

    @Test
    void randomStringHasTheLengthAskedForWithinLimits() {
        assertThat(render("{{ random_string()|length }} {{ random_string(12)|length }} {{ random_string(1000)|length }}"))
                .isEqualTo("8 12 255");
        assertThat(render("{{ random_string(40) }}")).matches("[A-HJ-NP-Z1-9]{40}");
    }

    @Test
    void jsonpathSetAndArrayDiff() {
        assertThat(render("{{ jsonpath_set({}, 'a{DOT}b.c[]', 1)|json_encode }}")).isEqualTo("{\"a{DOT}b\":{\"c\":[1]}}");
        assertThat(render("{{ array_diff(['a', 'b', 'c', 'b'], ['b'])|join(',') }}")).isEqualTo("a,c");
    }
}
