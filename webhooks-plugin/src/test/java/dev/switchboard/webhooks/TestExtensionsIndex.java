package dev.switchboard.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.testkit.ExtensionsIndex;
import dev.switchboard.webhooks.inbound.SetHttpBodyAction;
import dev.switchboard.webhooks.inbound.WebhookReceivedEvent;
import dev.switchboard.webhooks.outbound.HttpRequestAction;
import org.junit.jupiter.api.Test;

/** The plugin's own tests see its real extensions index, not an empty one written by test-compile (pom.xml). */
class TestExtensionsIndex {
    @Test
    void theTestsSeeThePluginsIndex() {
        assertThat(ExtensionsIndex.listed()).contains(SetHttpBodyAction.class.getName(),
                HttpRequestAction.class.getName(), WebhookReceivedEvent.class.getName());
    }
}
