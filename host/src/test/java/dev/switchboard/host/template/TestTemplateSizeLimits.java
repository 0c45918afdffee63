package dev.switchboard.host.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.api.TemplateException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every filter that can make its result much larger than its input, at its limit (works) and one past it (a clear
 * template error naming the setting, never a huge string or list). Limits here: 1,000 characters, 100 items;
 * {@code s} holds 100 {@code a}s, {@code dots} 100 dots.
 */
class TestTemplateSizeLimits {
    private static final TemplateEngine TEMPLATES =
            new TemplateEngine(new TemplateLimits(1 << 20, 1000, 100, 10, Duration.ofSeconds(10), 10));
    private static final Map<String, Object> VARS = Map.of("s", "a".repeat(100), "one", "a",
            "dots", ".".repeat(100), "two", "x\ny");

    @Test
    void everyFilterAnswersToTheLimits() {
        assertThat(TEMPLATES.filters()).isNotEmpty().allSatisfy(f -> assertThat(f).isInstanceOf(LimitedFilter.class));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = " :: ", quoteCharacter = '"', value = {
        "center :: {{ 'x'|center(1000)|length }} :: {{ 'x'|center(1001) }} :: max_string",
        "center by name :: {{ 'x'|center(width=1000)|length }} :: {{ 'x'|center(width=1001) }} :: max_string",
        "indent :: {{ two|indent(997)|length }} :: {{ two|indent(998) }} :: max_string",
        "indent first :: {{ 'x'|indent(999, true)|length }} :: {{ 'x'|indent(1000, true) }} :: max_string",
        "format width :: {{ '%1000s'|format('x')|length }} :: {{ '%1001s'|format('x') }} :: max_string",
        "format result :: {{ '%500s%500s'|format('x', 'y')|length }} :: {{ '%500s%501s'|format('x', 'y') }} :: max_string",
        "replace :: {{ s|replace('a', 'aaaaaaaaaa')|length }} :: {{ (s ~ 'a')|replace('a', 'aaaaaaaaaa') }} :: max_string",
        "regex_replace :: {{ s|regex_replace('a', 'aaaaaaaaaa')|length }} :: {{ (s ~ 'a')|regex_replace('a', 'aaaaaaaaaa') }} :: max_string",
        "regex references :: {{ s|regex_replace('a+', '$0$0$0$0$0$0$0$0$0$0')|length }} :: {{ (s ~ 'a')|regex_replace('a+', '$0$0$0$0$0$0$0$0$0$0') }} :: max_string",
        "wordwrap :: {{ 'abcdef'|wordwrap(1, true, 'x')|length }} :: {{ s|wordwrap(1, true, 'aaaaaaaaaa') }} :: max_string",
        "alphanum :: {{ dots|alphanum('', '!!!!!!!!!!')|length }} :: {{ dots|alphanum('', '!!!!!!!!!!!') }} :: max_string",
        "number_format :: {{ 1|number_format(10)|length }} :: {{ 1|number_format(1000) }} :: max_string",
        "bytes_pretty :: {{ 2000|bytes_pretty(2) }} :: {{ 2000|bytes_pretty(1000) }} :: max_string",
        "truncate :: {{ s|truncate(1, false, s)|length }} :: {{ (s ~ s ~ s ~ s ~ s ~ s ~ s ~ s ~ s ~ s)|truncate(901, false, s) }} :: max_string",
        "join :: {{ [s, s]|join|length }} :: {{ [s, s, s, s, s, s, s, s, s, s, one]|join }} :: max_string",
        "list :: {{ s|list|length }} :: {{ (s ~ 'a')|list|length }} :: max_collection",
        "batch :: {{ [1]|batch(100, 0)|first|length }} :: {{ [1]|batch(101, 0)|first|length }} :: max_collection",
        "split :: {{ s|replace('a', 'a,')|trim(',')|split(',')|length }} :: {{ (s ~ 'a')|replace('a', 'a,')|trim(',')|split(',')|length }} :: max_collection",
        "split chars :: {{ s|split('')|length }} :: {{ (s ~ 'a')|split('')|length }} :: max_collection",
    })
    void aFilterAtItsLimitWorksAndOnePastItFails(String name, String atLimit, String pastLimit, String setting) {
        assertThat(TEMPLATES.render(atLimit, VARS)).isNotEmpty();
        assertThatThrownBy(() -> TEMPLATES.render(pastLimit, VARS))
                .isInstanceOf(TemplateException.class)
                .hasMessageContaining(setting.equals("max_string") ? "templates.max_string" : "max");
    }
}
