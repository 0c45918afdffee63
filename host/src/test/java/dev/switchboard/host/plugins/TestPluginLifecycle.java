package dev.switchboard.host.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.testkit.TestHost;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The bundled plugin is enabled on first start, and enable/disable over the API takes effect at once. */
class TestPluginLifecycle {

    @Test
    void bundledWebhooksPluginStartsEnabledAndAnswersToItsAlias() {
        try (TestHost host = TestHost.start()) {
            HttpResponse<String> r = host.admin("GET", "/api/plugins", null);
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).contains("\"id\":\"webhooks\"").contains("\"state\":\"started\"")
                    .contains("cerb.webhooks");
            assertThat(host.host().plugins().extensions().event("event.webhook.received")).isPresent();
        }
    }

    @Test
    void disablingWithdrawsTheEventTypeAndEnablingBringsItBack() {
        try (TestHost host = TestHost.start()) {
            HttpResponse<String> off = host.admin("POST", "/api/plugins/webhooks/disable", null);
            assertThat(off.statusCode()).isEqualTo(200);
            assertThat(off.body()).contains("\"state\":\"disabled\"");
            assertThat(host.host().plugins().extensions().event("event.webhook.received")).isEmpty();

            HttpResponse<String> on = host.admin("POST", "/api/plugins/webhooks/enable", null);
            assertThat(on.statusCode()).isEqualTo(200);
            assertThat(host.host().plugins().extensions().event("event.webhook.received")).isPresent();
        }
    }

    @Test
    void statusSurvivesARestart() {
        java.nio.file.Path dir;
        try (TestHost host = TestHost.start()) {
            dir = host.dir();
            host.admin("POST", "/api/plugins/webhooks/disable", null);
        }
        try (TestHost again = TestHost.start(dir, Map.of())) {
            assertThat(again.admin("GET", "/api/plugins", null).body()).contains("\"enabled\":false");
        }
    }

    @Test
    void unknownPluginIs404AndNoTokenIs401() {
        try (TestHost host = TestHost.start()) {
            HttpResponse<String> r = host.admin("POST", "/api/plugins/nope/enable", null);
            assertThat(r.statusCode()).isEqualTo(404);
            assertThat(r.body()).contains("\"error\"").contains("nope");
            assertThat(host.anonymous("GET", "/api/plugins", null).statusCode()).isEqualTo(401);
        }
    }
}
