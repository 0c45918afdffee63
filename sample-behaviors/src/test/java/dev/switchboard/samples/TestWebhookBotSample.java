package dev.switchboard.samples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.testkit.TestHost;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;

/**
 * The shipped "Webhook Bot" (webhook-bot.json) is the Cerb guide's package verbatim plus one listener record, and
 * importing it alone gives a URL that answers the guide's curl call with its JSON echo.
 */
class TestWebhookBotSample {

    @Test
    void theShippedPackageIsTheGuidesPackagePlusItsListener() throws IOException {
        Map<String, Object> shipped = new LinkedHashMap<>(Samples.map(Samples.samplePackage("webhook-bot.json")));
        Object records = shipped.remove("records");
        // the webhooks guide's package, kept with the webhooks plugin's tests
        String guide = Files.readString(Path.of("..", "webhooks-plugin", "src", "test", "resources", "webhooks",
                "webhook-bot.json"));
        assertThat(shipped).isEqualTo(Samples.map(guide));
        assertThat(records).asList().singleElement().asInstanceOf(InstanceOfAssertFactories.MAP)
                .containsEntry("_context", "webhook_listener")
                .containsEntry("extension_params", Map.of("behavior_id", "{{{uid.behavior_respond_webhook}}}"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void importingItGivesAListenerThatEchoesTheRequest() throws Exception {
        try (TestHost host = Samples.host()) {
            Map<String, Object> listener = Samples.importWithListener(host, "webhook-bot.json", Map.of());
            assertThat(listener).containsEntry("name", "Webhook Example");

            HttpRequest request = HttpRequest.newBuilder(URI.create(host.url() + "/webhooks/" + listener.get("guid")
                            + "?name=Joe+Customer&age=37"))
                    .header("X-CustomHeader", "true").POST(HttpRequest.BodyPublishers.noBody()).build();
            HttpResponse<String> r = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());

            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("X-Bot")).hasValue("Webhook Bot");
            assertThat(Samples.mediaType(r)).isEqualTo("application/json; charset=utf-8");
            assertThat(r.body()).startsWith("{\n    \"http\": {\n        \"verb\": \"POST\",");
            Map<String, Object> echo = Samples.map(r.body());
            Map<String, Object> http = (Map<String, Object>) echo.get("http");
            assertThat(http).containsEntry("path", "").containsEntry("params", Map.of("name", "Joe Customer", "age", "37"));
            assertThat((Map<String, Object>) http.get("headers")).containsEntry("x_customheader", "true");
            assertThat(echo).containsEntry("client", Map.of("ip", "127.0.0.1"))
                    .containsEntry("bot", Map.of("name", "Webhook Bot"));
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void theImportAnswerGivesTheListenersUrlAndTheExportRequiresCerbsPluginId() {
        try (TestHost host = Samples.host()) {
            HttpResponse<String> r = host.admin("POST", "/api/packages/import", Samples.samplePackage("webhook-bot.json"));
            assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
            Map<String, Object> imported = Samples.map(r.body());
            Map<String, Object> record = ((java.util.List<Map<String, Object>>) imported.get("records")).get(0);
            Map<String, Object> listener = Samples.listener(host, imported);
            assertThat(record).containsEntry("_context", "webhook_listener").containsEntry("name", "Webhook Example")
                    .containsEntry("url", listener.get("url")).containsEntry("behavior_id", listener.get("behavior_id"));

            Object botId = ((java.util.List<Map<String, Object>>) imported.get("bots")).get(0).get("id");
            Map<String, Object> exported = Samples.map(host.admin("GET", "/api/bots/" + botId + "/export", null).body());
            assertThat((Map<String, Object>) ((Map<String, Object>) exported.get("package")).get("requires"))
                    .as("Cerb's id for the webhooks plugin, as in the package that was imported")
                    .containsEntry("plugins", java.util.List.of("cerb.webhooks"));
        }
    }
}
