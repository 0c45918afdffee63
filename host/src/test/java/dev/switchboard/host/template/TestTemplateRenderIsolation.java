package dev.switchboard.host.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.api.TemplateException;
import dev.switchboard.host.limits.Deadline;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A thread's interpreter is kept between renders (building one is most of a small render's cost); nothing one render
 * sets, defines, fails with or runs out of reaches the next render on that thread.
 */
class TestTemplateRenderIsolation {
    private final TemplateEngine templates = new TemplateEngine();

    @Test
    void variablesAndMacrosOfOneRenderAreGoneInTheNext() {
        assertThat(templates.render("{% set secret = 's3cr3t' %}{% macro m() %}M{% endmacro %}{{ m() }}{{ secret }}",
                Map.of("who", "tenant a"))).isEqualTo("Ms3cr3t");
        assertThat(templates.render("[{{ secret }}][{{ who }}]", Map.of())).isEqualTo("[][]");
        assertThatThrownBy(() -> templates.render("{{ m() }}", Map.of())).isInstanceOf(TemplateException.class)
                .hasMessageContaining("Could not resolve function 'm'");
    }

    @Test
    void anErrorOfOneRenderIsNotCarriedIntoTheNext() {
        assertThatThrownBy(() -> templates.render("{{ 'x'.getClass() }}", Map.of()))
                .isInstanceOf(TemplateException.class);
        assertThat(templates.render("{{ a }}", Map.of("a", java.util.List.of(1L)))).isEqualTo("[1]");
        // the same failure again fails again (Jinjava drops an error it has seen before from the same interpreter)
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> templates.render("{{ 'x'.getClass() }}", Map.of()))
                    .isInstanceOf(TemplateException.class).hasMessageContaining("cannot be called on text");
        }
    }

    @Test
    void aRenderThatRanOutOfTimeLeavesNoDeadlineBehind() {
        Deadline passed = Deadline.in(Duration.ZERO, "the test's limit");
        String loop = "{% for i in range(3) %}{{ i }}{% endfor %}";
        assertThatThrownBy(() -> templates.render(loop, Map.of(), passed)).isInstanceOf(TemplateException.class)
                .hasMessageContaining("the test's limit");
        assertThat(templates.render(loop, Map.of())).isEqualTo("012");
    }

    @Test
    void blocksRenderTheSameEveryTime() {
        assertThat(templates.render("{% block a %}one{% endblock %}", Map.of())).isEqualTo("one");
        assertThat(templates.render("{% block a %}two{% endblock %}", Map.of())).isEqualTo("two");
        assertThat(templates.render("{% block a %}one{% endblock %}", Map.of())).isEqualTo("one");
    }

    @Test
    void eachThreadRendersWithItsOwnValues() throws Exception {
        String template = "{% set out = {} %}{% set out = dict_set(out, 'who', who) %}{{ out|json_encode }}";
        Thread[] threads = new Thread[4];
        String[] results = new String[threads.length * 50];
        for (int t = 0; t < threads.length; t++) {
            int base = t * 50;
            threads[t] = new Thread(() -> {
                for (int i = 0; i < 50; i++) {
                    results[base + i] = templates.render(template, Map.of("who", "w" + (base + i)));
                }
            });
            threads[t].start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        for (int i = 0; i < results.length; i++) {
            assertThat(results[i]).isEqualTo("{\"who\":\"w" + i + "\"}");
        }
    }
}
