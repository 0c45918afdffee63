package dev.switchboard.samples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.testkit.ExtensionsIndex;
import org.junit.jupiter.api.Test;

/** The plugin's own tests see its real extensions index, not an empty one written by test-compile (pom.xml). */
class TestExtensionsIndex {
    @Test
    void theTestsSeeThePluginsIndex() {
        assertThat(ExtensionsIndex.listed()).contains(ParseFormAction.class.getName(),
                SlackPostMessageAction.class.getName(), VerifyHmacSignatureAction.class.getName());
    }
}
