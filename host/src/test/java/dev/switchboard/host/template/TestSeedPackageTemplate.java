package dev.switchboard.host.template;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The "Webhook Bot" seed package's response body renders byte for byte as Cerb renders it. */
class TestSeedPackageTemplate {
    private static final Path SEED = Path.of("../sample-behaviors/src/main/resources/packages/webhook-bot.json");

    private static String setHttpBodyTemplate() throws IOException {
        JsonNode actions = new ObjectMapper().readTree(SEED.toFile())
                .at("/bots/0/behaviors/0/nodes/0/params/actions");
        for (JsonNode action : actions) {
            if (action.path("action").asText().equals("set_http_body")) {
                return action.path("value").asText();
            }
        }
        throw new AssertionError("no set_http_body action in " + SEED);
    }

    @Test
    void webhookBotAnswersWithTheRequestAsPrettyJson() throws IOException {
        Map<String, Object> headers = new LinkedHashMap<>();
        headers.put("host", "cerb.example");
        headers.put("user_agent", "curl/8.5.0 (Zoë)");
        headers.put("accept", "*/*");
        headers.put("x_customheader", "true");
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("name", "Joe Customer");
        params.put("age", "37");
        Map<String, Object> dictionary = new LinkedHashMap<>();
        dictionary.put("http_verb", "POST");
        dictionary.put("http_path", "");
        dictionary.put("http_headers", headers);
        dictionary.put("http_params", params);
        dictionary.put("http_body", "");
        dictionary.put("http_client_ip", "203.0.113.7");
        dictionary.put("va_name", "Webhook Bot");

        String body = new TemplateEngine().render(setHttpBodyTemplate(), dictionary);

        assertThat(body).isEqualTo("""
                {
                    "http": {
                        "verb": "POST",
                        "path": "",
                        "headers": {
                            "host": "cerb.example",
                            "user_agent": "curl/8.5.0 (Zo\\u00eb)",
                            "accept": "*/*",
                            "x_customheader": "true"
                        },
                        "params": {
                            "name": "Joe Customer",
                            "age": "37"
                        }
                    },
                    "client": {
                        "ip": "203.0.113.7"
                    },
                    "bot": {
                        "name": "Webhook Bot"
                    }
                }""");
    }

    @Test
    void webhookBotPrintsEmptyParamsAsAnEmptyArrayAsPhpDoes() throws IOException {
        Map<String, Object> dictionary = new LinkedHashMap<>();
        dictionary.put("http_verb", "GET");
        dictionary.put("http_path", "a/b");
        dictionary.put("http_headers", Map.of());
        dictionary.put("http_params", Map.of());
        dictionary.put("http_client_ip", "127.0.0.1");
        dictionary.put("va_name", "Webhook Bot");

        String body = new TemplateEngine().render(setHttpBodyTemplate(), dictionary);

        assertThat(body).isEqualTo("""
                {
                    "http": {
                        "verb": "GET",
                        "path": "a/b",
                        "headers": [],
                        "params": []
                    },
                    "client": {
                        "ip": "127.0.0.1"
                    },
                    "bot": {
                        "name": "Webhook Bot"
                    }
                }""");
    }
}
