package dev.switchboard.webhooks;

import static dev.switchboard.webhooks.WebhookFixture.call;
import static dev.switchboard.webhooks.WebhookFixture.map;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.testkit.TestHost;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What a behavior sees and sets: header and param normalisation (repeats, {@code a[]}, {@code a[b]}, dropped
 * characters, PHP's {@code .} and space as {@code _}, no Content-Type/Length header as under PHP-FPM, form over
 * query), the raw body, the http_header/http_param conditions, and the response actions
 * (header order and last write wins, CR/LF refused, status parsing, default Content-Type).
 */
class TestWebhookPlaceholders {
    @Test
    @SuppressWarnings("unchecked")
    void placeholdersAreNormalisedAsCerbDoesAndActionsShapeTheResponse() {
        try (TestHost host = TestHost.start()) {
            long echo = WebhookFixture.importPackage(host).get("Echo");
            String guid = (String) WebhookFixture.listener(host,
                    "{\"name\": \"echo\", \"behavior_id\": " + echo + "}").get("guid");

            RawHttp.Response json = call(host, "POST", guid + "/deep/path?a[]=1&a[]=2&m[k]=v&Weird-Name!=x&dup=1&dup=2"
                    + "&php.dot=d&php%20space=s&%20lead=l&open%5Bx.y=o",
                    "X-Multi: one\r\nX-Multi: two\r\nContent-Type: application/json", "{\"n\": {{7*7}}}");
            assertThat(json.status()).isEqualTo(200);
            Map<String, Object> seen = map(json.body());
            assertThat(seen).containsEntry("verb", "POST").containsEntry("path", "deep/path")
                    .containsEntry("body", "{\"n\": {{7*7}}}");
            Map<String, Object> headers = (Map<String, Object>) seen.get("headers");
            assertThat(headers).containsEntry("x_multi", "one, two").doesNotContainKeys("content_type",
                    "content_length");
            Map<String, Object> params = (Map<String, Object>) seen.get("params");
            assertThat(params).containsEntry("a", List.of("1", "2")).containsEntry("m", Map.of("k", "v"))
                    .containsEntry("weird_name", "x").containsEntry("dup", "2").containsEntry("php_dot", "d")
                    .containsEntry("php_space", "s").containsEntry("lead", "l").containsEntry("open_xy", "o");

            RawHttp.Response form = call(host, "POST", guid + "?who=query&only=q",
                    "Content-Type: application/x-www-form-urlencoded", "who=form&f=1");
            Map<String, Object> formParams = (Map<String, Object>) map(form.body()).get("params");
            assertThat(formParams).containsEntry("who", "form").containsEntry("only", "q").containsEntry("f", "1");

            assertThat(json.headers()).filteredOn(h -> h.startsWith("X-") || h.startsWith("x-"))
                    .containsExactly("X-First: 1", "x-echo: b", "X-Injected: ", "X-Frame-Options: SAMEORIGIN",
                            "X-Content-Type-Options: nosniff");
            assertThat(TestWebhookGuide.mediaType(json)).isEqualToIgnoringCase("text/html; charset=UTF-8");

            RawHttp.Response injected = call(host, "GET", guid + "?inject=a%0D%0ASet-Cookie:%20x=1", "", "");
            assertThat(injected.status()).isEqualTo(200);
            assertThat(injected.header("X-Injected")).isNull();
            assertThat(injected.header("Set-Cookie")).isNull();

            assertThat(call(host, "GET", guid + "?status=201", "", "").status()).isEqualTo(201);
            assertThat(call(host, "GET", guid + "?status=abc", "", "").status()).isEqualTo(200);
            assertThat(call(host, "GET", guid + "?status=700", "", "").status()).isEqualTo(200);
            assertThat(call(host, "GET", guid, "X-Mode: TEAPOT", "").status()).isEqualTo(418);
            assertThat(call(host, "GET", guid + "?mode-x=gone", "", "").status()).isEqualTo(410);
        }
    }
}
