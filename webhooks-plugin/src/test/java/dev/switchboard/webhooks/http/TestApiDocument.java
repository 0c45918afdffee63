package dev.switchboard.webhooks.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.testkit.TestHost;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** docs/api.md documents exactly the routes a running host registers: one {@code ### METHOD /path} heading each. */
class TestApiDocument {
    private static final Pattern HEADING = Pattern.compile("(?m)^### (GET|POST|PUT|PATCH|DELETE) (/\\S*)\\s*$");

    @Test
    void everyRegisteredRouteIsDocumentedAndNothingElse() throws IOException {
        String doc = Files.readString(Path.of("..", "docs", "api.md"));
        Set<String> documented = new TreeSet<>();
        Matcher m = HEADING.matcher(doc);
        while (m.find()) {
            assertThat(documented.add(m.group(1) + " " + m.group(2))).as("documented twice: " + m.group()).isTrue();
        }
        try (TestHost host = TestHost.start()) {
            Set<String> registered = new TreeSet<>(host.host().routes());
            assertThat(documented).as("routes in docs/api.md (left) vs registered by the host (right)")
                    .isEqualTo(registered);
        }
    }
}
