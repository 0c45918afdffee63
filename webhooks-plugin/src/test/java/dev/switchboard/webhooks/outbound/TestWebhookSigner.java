package dev.switchboard.webhooks.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The published test vectors (OUTBOUND.md): Standard Webhooks and GitHub. */
class TestWebhookSigner {
    private static final String KEY = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final byte[] BODY = "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8);

    @Test
    void standardWebhooksVector() {
        assertThat(WebhookSigner.signature(List.of(KEY), "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, BODY))
                .isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    @Test
    void duringRotationBothSecretsSignSpaceSeparated() {
        String other = WebhookSigner.newSecret();
        String both = WebhookSigner.signature(List.of(other, KEY), "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, BODY);
        assertThat(both.split(" ")).hasSize(2).endsWith("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    @Test
    void githubVector() {
        assertThat(WebhookSigner.githubSignature("It's a Secret to Everybody",
                "Hello, World!".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17");
    }

    @Test
    void generatedSecretsAreValidAndShortOnesAreNot() {
        assertThat(WebhookSigner.isValidSecret(WebhookSigner.newSecret())).isTrue();
        assertThat(WebhookSigner.isValidSecret(KEY)).isTrue();
        assertThat(WebhookSigner.isValidSecret("whsec_c2hvcnQ=")).isFalse();
        assertThat(WebhookSigner.isValidSecret("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")).isFalse();
    }
}
