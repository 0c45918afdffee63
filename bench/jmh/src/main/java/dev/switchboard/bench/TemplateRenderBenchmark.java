package dev.switchboard.bench;

import dev.switchboard.host.template.TemplateEngine;
import dev.switchboard.host.template.TemplateLimits;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of rendering the seed "Webhook Bot" response body (six dict_set calls, json_encode, json_pretty) with the
 * parse cache on (the default) and off ({@code templates.cache_size=0}): what one webhook request spends in
 * templates.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class TemplateRenderBenchmark {
    /** The seed package's set_http_body template, verbatim (CR LF included). */
    static final String SEED_BODY = "{% set json = {} %}\r\n{% set json = dict_set(json, 'http.verb', http_verb) %}\r\n"
            + "{% set json = dict_set(json, 'http.path', http_path) %}\r\n"
            + "{% set json = dict_set(json, 'http.headers', http_headers) %}\r\n"
            + "{% set json = dict_set(json, 'http.params', http_params) %}\r\n"
            + "{% set json = dict_set(json, 'client.ip', http_client_ip) %}\r\n"
            + "{% set json = dict_set(json, 'bot.name', va_name) %}\r\n{{json|json_encode|json_pretty}}";

    @Param({"cached", "uncached"})
    public String cache;

    private TemplateEngine templates;
    private Map<String, Object> dictionary;

    @Setup
    public void setUp() {
        TemplateLimits d = TemplateLimits.defaults();
        templates = new TemplateEngine(new TemplateLimits(d.maxOutputChars(), d.maxStringChars(), d.maxCollection(),
                d.maxDepth(), Duration.ofSeconds(5), cache.equals("cached") ? d.cacheSize() : 0));
        dictionary = seedDictionary();
    }

    /** The dictionary the seed bot's body sees for bench/wrk/webhook-post.lua's request. */
    static Map<String, Object> seedDictionary() {
        Map<String, Object> headers = new LinkedHashMap<>();
        headers.put("host", "cerb.example");
        headers.put("user_agent", "curl/8.5.0");
        headers.put("accept", "*/*");
        headers.put("content_type", "application/json");
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("name", "Joe Customer");
        params.put("age", "37");
        Map<String, Object> dictionary = new LinkedHashMap<>();
        dictionary.put("http_verb", "POST");
        dictionary.put("http_path", "");
        dictionary.put("http_headers", headers);
        dictionary.put("http_params", params);
        dictionary.put("http_body", "{\"event\":\"ticket.created\"}");
        dictionary.put("http_client_ip", "203.0.113.7");
        dictionary.put("va_name", "Webhook Bot");
        return dictionary;
    }

    @Benchmark
    public String seedWebhookBody() {
        return templates.render(SEED_BODY, dictionary);
    }
}
