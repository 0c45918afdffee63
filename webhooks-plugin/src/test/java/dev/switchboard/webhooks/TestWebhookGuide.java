package dev.switchboard.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.host.json.HostJson;
import dev.switchboard.testkit.TestHost;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The seed guide (cerb-configure-webhooks.md) end to end: import its "Webhook Bot" package verbatim through the
 * API, create a listener for "Respond to webhook", call it like the guide's curl and like a browser, and get the
 * JSON echo and headers the guide promises.
 */
class TestWebhookGuide {
    private static final HostJson JSON = new HostJson();

    static String seedPackage() throws IOException {
        try (InputStream in = TestWebhookGuide.class.getResourceAsStream("/webhooks/webhook-bot.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Imports the seed package and creates a listener for its behavior; returns the listener. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> seedListener(TestHost host) throws IOException {
        HttpResponse<String> imported = host.admin("POST", "/api/packages/import", seedPackage());
        assertThat(imported.statusCode()).as(imported.body()).isEqualTo(201);
        Map<String, Object> created = (Map<String, Object>) JSON.parse(imported.body());
        Map<String, Object> behavior = ((List<Map<String, Object>>) created.get("behaviors")).get(0);
        assertThat(behavior).containsEntry("title", "Respond to webhook");
        HttpResponse<String> listener = host.admin("POST", "/api/webhooks/listeners",
                "{\"name\": \"Webhook Example\", \"behavior_id\": " + behavior.get("id") + "}");
        assertThat(listener.statusCode()).as(listener.body()).isEqualTo(201);
        return (Map<String, Object>) JSON.parse(listener.body());
    }

    @Test
    void theGuidesCurlAndBrowserCallsGetTheJsonEchoItPromises() throws IOException {
        try (TestHost host = TestHost.start()) {
            Map<String, Object> listener = seedListener(host);
            String guid = (String) listener.get("guid");
            assertThat(guid).matches("[0-9a-f]{40}");
            assertThat(listener).containsEntry("name", "Webhook Example")
                    ;
            assertThat((String) listener.get("url")).endsWith("/webhooks/" + guid);
            int port = host.host().port();

            RawHttp.Response curl = RawHttp.send(port, "POST /webhooks/" + guid + "?name=Joe+Customer&age=37 HTTP/1.1\r\n"
                    + "Host: 127.0.0.1:" + port + "\r\nUser-Agent: curl/8.5.0\r\nAccept: */*\r\n"
                    + "X-CustomHeader: true", new byte[0]);
            assertThat(curl.status()).isEqualTo(200);
            assertThat(curl.header("X-Bot")).isEqualTo("Webhook Bot");
            assertThat(mediaType(curl)).isEqualTo("application/json; charset=utf-8");
            assertThat(curl.header("X-Frame-Options")).isEqualTo("SAMEORIGIN");
            assertThat(curl.header("X-Content-Type-Options")).isEqualTo("nosniff");
            assertThat(curl.header("Content-Security-Policy")).isEqualTo("frame-ancestors 'self'");
            assertThat(curl.body()).isEqualTo(echo("POST", """
                                "host": "127.0.0.1:%d",
                                "user_agent": "curl/8.5.0",
                                "accept": "*/*",
                                "x_customheader": "true"
                    """.formatted(port)));

            RawHttp.Response browser = RawHttp.send(port, "GET /webhooks/" + guid + "?name=Joe+Customer&age=37 HTTP/1.1\r\n"
                    + "Host: 127.0.0.1:" + port + "\r\nUser-Agent: Mozilla/5.0 (X11; Linux x86_64) Firefox/126.0\r\n"
                    + "Accept: text/html,application/xhtml+xml\r\nAccept-Language: en-US,en;q=0.5", new byte[0]);
            assertThat(browser.status()).isEqualTo(200);
            assertThat(browser.header("X-Bot")).isEqualTo("Webhook Bot");
            assertThat(mediaType(browser)).isEqualTo("application/json; charset=utf-8");
            assertThat(browser.body()).isEqualTo(echo("GET", """
                                "host": "127.0.0.1:%d",
                                "user_agent": "Mozilla/5.0 (X11; Linux x86_64) Firefox/126.0",
                                "accept": "text/html,application/xhtml+xml",
                                "accept_language": "en-US,en;q=0.5"
                    """.formatted(port)));
        }
    }

    /** The Content-Type with Jetty's spelling of known types ("a;charset=x") put back as the behavior wrote it. */
    static String mediaType(RawHttp.Response r) {
        return r.header("Content-Type").replaceAll(";\\s*", "; ");
    }

    /** The seed behavior's pretty JSON echo (PHP json_encode + json_pretty) for the guide's query string. */
    private static String echo(String verb, String headerLines) {
        return """
                {
                    "http": {
                        "verb": "%s",
                        "path": "",
                        "headers": {
                %s        },
                        "params": {
                            "name": "Joe Customer",
                            "age": "37"
                        }
                    },
                    "client": {
                        "ip": "127.0.0.1"
                    },
                    "bot": {
                        "name": "Webhook Bot"
                    }
                }""".formatted(verb, headerLines);
    }
}
