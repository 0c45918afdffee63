package dev.switchboard.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.host.cli.Cli;
import dev.switchboard.testkit.TestHost;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The path an admin takes: a running host without the sample plugin, the sample-behaviors jar (built by Maven as a
 * third party builds it) copied into its plugins folder, enabled with the CLI, a sample package that uses its
 * actions imported, and the listener driven over HTTP.
 */
class TestSampleJarDropIn {

    @Test
    void theJarCopiedInAndEnabledWithTheCliRunsTheGitHubSample() throws Exception {
        try (TestHost host = TestHost.start()) {
            HttpResponse<String> refused = host.admin("POST", "/api/packages/import?github_secret=x",
                    Samples.samplePackage("github-issues.json"));
            assertThat(refused.statusCode()).isEqualTo(422);
            assertThat(refused.body()).contains("This package requires the sample-behaviors plugin to be installed and enabled.");

            TestHost.copyJars(Samples.jarDir(), host.dir().resolve("plugins"));
            Path config = host.cliConfig();
            assertThat(Cli.commandLine().execute("-c", config.toString(), "plugins", "enable", "sample-behaviors")).isZero();
            await("the running host offers the sample actions").atMost(Duration.ofSeconds(10))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> host.admin("GET", "/api/actions", null).body().contains("\"verify_hmac_signature\""));

            Map<String, Object> listener = Samples.importWithListener(host, "github-issues.json",
                    Map.of("github_secret", TestGitHubSample.SECRET));
            String opened = Samples.fixture("github-issues-opened.json");
            HttpResponse<String> created = TestGitHubSample.deliver(host, listener, "issues", opened,
                    TestGitHubSample.sign(opened));
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            assertThat(Samples.tickets(host)).singleElement().satisfies(t -> assertThat((String) t.get("subject"))
                    .startsWith("[octocat/Hello-World#1347]"));
        }
    }
}
