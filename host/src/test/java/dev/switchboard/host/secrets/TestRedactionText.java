package dev.switchboard.host.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.api.Secrets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link Redaction#maskText} skips its patterns when no name in the text could be masked; its answers must be those
 * of the patterns for every text.
 */
class TestRedactionText {
    /** Pieces that make names, separators, line ends and URLs; a text is a random sequence of them. */
    private static final List<String> PIECES = List.of("Authorization", "X-Api-Key", "token", "Host", "name",
            "api%5Fkey", "pass", "sig", "a", "Z", "0", "-", "_", ".", "!", "'", ":", " ", "\t", "\n", "\r", "\r\n",
            "\u0085", "\u2028", "\u2029", "\u000B", "\f", "?", "&", "=", "#", "%", "%zz", "https://x/y", "\"", "{",
            "}", ",", "é", "\uD83D\uDE00", "Bearer abc", "secret", "value");

    @Test
    void theShortcutAnswersAsThePatternsDo() {
        Random random = new Random(16);
        for (int i = 0; i < 200_000; i++) {
            StringBuilder text = new StringBuilder();
            int pieces = 1 + random.nextInt(12);
            for (int p = 0; p < pieces; p++) {
                text.append(PIECES.get(random.nextInt(PIECES.size())));
            }
            String t = text.toString();
            String expected = Redaction.maskByPatterns(t);
            if (!Redaction.maskText(t).equals(expected)) {
                assertThat(Redaction.maskText(t)).as("text %s", t.replace("\r", "\\r").replace("\n", "\\n"))
                        .isEqualTo(expected);
            }
        }
    }

    @Test
    void credentialsInHeaderLinesAndUrlsAreStillMasked() {
        assertThat(Redaction.maskText("Accept: */*\r\nAuthorization: Bearer abc\nHost: x"))
                .isEqualTo("Accept: */*\r\nAuthorization: " + Secrets.MASK + "\nHost: x");
        assertThat(Redaction.maskText("see https://api.example/x?a=1&api_key=k1#top"))
                .isEqualTo("see https://api.example/x?a=1&api_key=" + Secrets.MASK + "#top");
        assertThat(Redaction.maskText("{\n    \"http.verb\": \"POST\",\n    \"token\": \"t\"\n}"))
                .isEqualTo("{\n    \"http.verb\": \"POST\",\n    \"token\": \"t\"\n}");
    }
}
