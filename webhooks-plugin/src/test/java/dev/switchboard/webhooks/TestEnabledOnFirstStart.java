package dev.switchboard.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.testkit.TestHost;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/**
 * The jar this build makes says {@code Plugin-Enabled-By-Default: true}: a fresh host that finds it starts it, under
 * its id and its Cerb alias.
 */
class TestEnabledOnFirstStart {

    @Test
    void aFreshHostStartsTheWebhooksPluginAndItAnswersToItsAlias() {
        try (TestHost host = TestHost.start()) {
            HttpResponse<String> r = host.admin("GET", "/api/plugins", null);
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).contains("\"id\":\"webhooks\"").contains("\"state\":\"started\"")
                    .contains("cerb.webhooks");
            assertThat(host.host().plugins().extensions().event("event.webhook.received")).isPresent();
        }
    }
}
