package dev.switchboard.webhooks.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.host.json.HostJson;
import dev.switchboard.testkit.TestHost;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/api.md is checked against the API document a running host serves ({@code GET /api/openapi.json}): one
 * {@code ### METHOD /path} heading for each of the host's operations in it and nothing else, and each heading of the
 * webhooks plugin's page (docs/webhooks-inbound.md) is one of the plugin's operations.
 */
class TestApiDocument {
    private static final HostJson JSON = new HostJson();
    private static final Pattern HEADING = Pattern.compile("(?m)^### (GET|POST|PUT|PATCH|DELETE) (/\\S*)\\s*$");

    @Test
    void docsApiMdHasAHeadingForEveryHostOperationOfTheOpenApiDocumentAndNothingElse() throws IOException {
        Set<String> documented = headings(Path.of("..", "docs", "api.md"));
        Set<String> plugin = headings(Path.of("..", "docs", "webhooks-inbound.md"));
        try (TestHost host = TestHost.start()) {
            HttpResponse<String> served = host.admin("GET", "/api/openapi.json", null);
            assertThat(served.statusCode()).isEqualTo(200);
            assertThat(documented).as("headings of docs/api.md (left) vs the host's operations in /api/openapi.json")
                    .isEqualTo(operations(served.body(), "host"));
            assertThat(operations(served.body(), "webhooks")).as("the webhooks plugin's operations")
                    .containsAll(plugin);
            // The document lists what the host registers: the check above is against the real route list.
            assertThat(new TreeSet<>(host.host().routes())).isEqualTo(documented);
        }
    }

    private static Set<String> headings(Path file) throws IOException {
        Set<String> out = new TreeSet<>();
        Matcher m = HEADING.matcher(Files.readString(file));
        while (m.find()) {
            assertThat(out.add(m.group(1) + " " + m.group(2))).as(file + " documents twice: " + m.group()).isTrue();
        }
        return out;
    }

    /** {@code METHOD /path} of every operation tagged with {@code owner}. */
    @SuppressWarnings("unchecked")
    private static Set<String> operations(String document, String owner) {
        Set<String> out = new TreeSet<>();
        Map<String, Object> paths = (Map<String, Object>) ((Map<String, Object>) JSON.parse(document)).get("paths");
        paths.forEach((path, item) -> ((Map<String, Object>) item).forEach((method, op) -> {
            if (((List<String>) ((Map<String, Object>) op).get("tags")).contains(owner)) {
                out.add(method.toUpperCase(java.util.Locale.ROOT) + " " + path);
            }
        }));
        return out;
    }
}
