package dev.switchboard.host.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.api.TemplateException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** SECURITY.md 6: parsed templates are reused, also from many threads at once, with the same output. */
class TestParseCache {
    @Test
    void aTemplateIsParsedOnceAndTheCacheStaysWithinItsSize() {
        ParseCache<String> cache = new ParseCache<>(2);
        AtomicInteger parses = new AtomicInteger();
        java.util.function.Function<String, String> parse = t -> {
            parses.incrementAndGet();
            return t.toUpperCase();
        };
        assertThat(cache.get("a", parse)).isEqualTo("A");
        assertThat(cache.get("a", parse)).isEqualTo("A");
        assertThat(parses).hasValue(1);
        for (String t : List.of("b", "c", "d", "e")) {
            assertThat(cache.get(t, parse)).isEqualTo(t.toUpperCase());
        }
        assertThat(cache.size()).isEqualTo(2);
        assertThat(parses).hasValue(5);
    }

    @Test
    void aCacheOfSizeZeroParsesEveryTime() {
        ParseCache<String> cache = new ParseCache<>(0);
        AtomicInteger parses = new AtomicInteger();
        cache.get("a", t -> t + parses.incrementAndGet());
        assertThat(cache.get("a", t -> t + parses.incrementAndGet())).isEqualTo("a2");
        assertThat(cache.size()).isZero();
    }

    @Test
    void manyThreadsAskingForOneNewTemplateParseItOnce() throws Exception {
        ParseCache<String> cache = new ParseCache<>(10);
        AtomicInteger parses = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<String>> jobs = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                jobs.add(() -> cache.get("same text", t -> {
                    parses.incrementAndGet();
                    return t.toUpperCase();
                }));
            }
            for (Future<String> result : pool.invokeAll(jobs, 60, TimeUnit.SECONDS)) {
                assertThat(result.get()).isEqualTo("SAME TEXT");
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(parses).hasValue(1);
    }

    @Test
    void aTemplateThatDoesNotParseFailsTheSameWayEveryTime() {
        TemplateEngine templates = new TemplateEngine();
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> templates.render("{% if %}x{% endif %}", Map.of()))
                    .isInstanceOf(TemplateException.class).hasMessageContaining("line 1");
        }
    }

    @Test
    void oneCachedTemplateRendersTheSameFromManyThreads() throws Exception {
        TemplateEngine templates = new TemplateEngine();
        String template = "{% macro line(k, v) %}{{ k }}={{ v|upper }};{% endmacro %}{% set out = {} %}"
                + "{% for k, v in params %}{% set out = dict_set(out, 'p.' ~ k, v) %}{{ line(k, v) }}{% endfor %}"
                + "{{ out|json_encode }}|{{ id|hash_hmac('key') }}";
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Boolean>> jobs = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                int id = i;
                jobs.add(() -> {
                    Map<String, Object> vars = Map.of("id", "n" + id, "params", Map.of("name", "joe" + id));
                    String expected = "name=JOE" + id + ";{\"p\":{\"name\":\"joe" + id + "\"}}|";
                    return templates.render(template, vars).startsWith(expected);
                });
            }
            List<Future<Boolean>> results = pool.invokeAll(jobs, 60, TimeUnit.SECONDS);
            for (Future<Boolean> result : results) {
                assertThat(result.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
        String single = templates.render(template, Map.of("id", "n7", "params", Map.of("name", "joe7")));
        assertThat(single).endsWith(new TemplateEngine().render("{{ 'n7'|hash_hmac('key') }}", Map.of()));
    }
}
