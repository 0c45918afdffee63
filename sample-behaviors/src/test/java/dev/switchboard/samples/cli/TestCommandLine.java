package dev.switchboard.samples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.host.json.HostJson;
import dev.switchboard.samples.Samples;
import dev.switchboard.testkit.CliProcess;
import dev.switchboard.testkit.TestHost;
import dev.switchboard.testkit.TestPostgres;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line as a new admin meets it, in a new JVM as {@code java -jar switchboard.jar} runs: a busy port, a
 * command run from another folder than the server, a missing file, a mistyped prompt. Each is one line saying what
 * to do, with a non-zero exit, and nothing is created or written by mistake.
 */
class TestCommandLine {
    private static final HostJson JSON = new HostJson();
    private static final Path PACKAGE = Path.of("..", "sample-behaviors", "src", "main", "resources", "packages",
            "webhook-bot.json").toAbsolutePath().normalize();

    @TempDir
    Path elsewhere;

    @Test
    void aBusyPortIsOneLineNamingTheWaysToChangeIt() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();
            CliProcess.Result r = CliProcess.run(elsewhere, Map.of("SWITCHBOARD_BIND_ADDRESS", "127.0.0.1",
                    "SWITCHBOARD_PLUGINS_DIR", elsewhere.resolve("plugins").toString()),
                    List.of("serve", "--port", String.valueOf(port)));
            assertThat(r.exit()).as(r.toString()).isEqualTo(2);
            assertThat(r.err()).as(r.toString())
                    .contains("port " + port + " (port) is already in use")
                    .contains("--port N").contains("SWITCHBOARD_PORT=N").contains("port=N in the config file")
                    .doesNotContain("\tat ").doesNotContain("Exception");
        }
        CliProcess.Result help = CliProcess.run(elsewhere, "serve", "--help");
        assertThat(help.out()).contains("--port=PORT").contains("SWITCHBOARD_PORT").contains("--data-dir=DIR");
    }

    @Test
    void aCommandFromAnotherFolderFindsNoDatabaseAndSaysWhereItLookedInsteadOfCreatingOne() throws Exception {
        Assumptions.assumeFalse(TestPostgres.selected(), "about the SQLite data dir");
        CliProcess.Result lost = CliProcess.run(elsewhere, "tokens", "create", "me");
        assertThat(lost.exit()).as(lost.toString()).isEqualTo(2);
        assertThat(lost.out()).as("no token for a database the server does not use").isEmpty();
        assertThat(lost.err().strip()).as(lost.toString()).doesNotContain("\n")
                .contains("no Switchboard database at " + elsewhere.toRealPath().resolve("data").resolve("switchboard.db"))
                .contains("--data-dir DIR").contains("SWITCHBOARD_DATA_DIR");
        assertThat(elsewhere.resolve("data")).doesNotExist();

        try (TestHost host = TestHost.start()) {
            Path data = host.dir().resolve("data");
            CliProcess.Result made = CliProcess.run(elsewhere, "--data-dir", data.toString(), "tokens", "create", "me");
            assertThat(made.exit()).as(made.toString()).isZero();
            String token = made.out().strip();
            assertThat(token).as("standard output is the token alone, for T=$(…)").matches("sbt_[A-Za-z0-9_-]+");
            assertThat(made.err()).contains("database: " + data.resolve("switchboard.db"))
                    .as("no INFO lines from a one-off command").doesNotContain(" INFO ");
            HttpResponse<String> asked = host.send(host.request("GET", "/api/plugins", null)
                    .header("Authorization", "Bearer " + token));
            assertThat(asked.statusCode()).as("the running server knows the token").isEqualTo(200);
        }
    }

    @Test
    void aPluginWithoutTablesStartsWithoutFlywaysNoMigrationsWarning() throws Exception {
        try (TestHost host = TestHost.start()) {
            TestHost.copyJars(Samples.jarDir(), host.dir().resolve("plugins"));
            HttpResponse<String> enabled = host.admin("POST", "/api/plugins/sample-behaviors/enable", null);
            assertThat(enabled.statusCode()).as(enabled.body()).isEqualTo(200);
            // A command that starts the enabled plugins, and prints warnings (only those) as a user sees them.
            CliProcess.Result r = CliProcess.run(elsewhere, "-c", host.cliConfig().toString(), "records", "list", "webhook_listener");
            assertThat(r.exit()).as(r.toString()).isZero();
            assertThat(r.err()).as(r.toString()).doesNotContain("No migrations found");
        }
    }

    @Test
    void recordsListNamesTheTypesAndRefusesAnUnknownOneListingThem() throws Exception {
        try (TestHost host = TestHost.start()) {
            CliProcess.Result types = CliProcess.run(elsewhere, "-c", host.cliConfig().toString(), "records", "list");
            assertThat(types.exit()).as(types.toString()).isZero();
            assertThat(types.out()).as(types.toString()).startsWith("CONTEXT").contains("ticket");

            CliProcess.Result unknown = CliProcess.run(elsewhere, "-c", host.cliConfig().toString(), "records",
                    "list", "nope");
            assertThat(unknown.exit()).as(unknown.toString()).isEqualTo(2);
            assertThat(unknown.err().strip().lines().toList()).as(unknown.toString()).last().asString()
                    .startsWith("no enabled plugin provides records of type 'nope'; the types are [")
                    .contains("ticket");
        }
    }

    @Test
    void aMissingFileAndAMistypedPromptAreOneLineErrorsAndWriteNothing() throws Exception {
        Assumptions.assumeFalse(TestPostgres.selected(), "about the SQLite data dir");
        try (TestHost host = TestHost.start()) {
            String data = host.dir().resolve("data").toString();
            CliProcess.Result missing = CliProcess.run(elsewhere, "--data-dir", data, "packages", "import", "nope.json");
            assertThat(missing.exit()).as(missing.toString()).isEqualTo(2);
            assertThat(missing.err().strip()).as(missing.toString()).doesNotContain("\n")
                    .isEqualTo("no package file " + elsewhere.toRealPath().resolve("nope.json")
                            + " (relative to the current folder " + elsewhere.toRealPath() + ")");

            CliProcess.Result typo = CliProcess.run(elsewhere, "--data-dir", data, "packages", "import",
                    PACKAGE.toString(), "--prompt", "secret=x");
            assertThat(typo.exit()).as(typo.toString()).isEqualTo(1);
            assertThat(typo.err()).contains("import failed, nothing was written: Unknown prompt 'secret': this "
                    + "package has no prompts.");
            assertThat(JSON.parse(host.admin("GET", "/api/bots", null).body())).isEqualTo(Map.of("bots", List.of()));

            CliProcess.Result imported = CliProcess.run(elsewhere, "--data-dir", data, "packages", "import",
                    PACKAGE.toString());
            assertThat(imported.exit()).as(imported.toString()).isZero();
            assertThat(imported.out()).contains("\"url\":\"http://localhost:8080/webhooks/");
            assertThat(imported.err()).as("the listener's URL, for a person").containsPattern(
                    "webhook_listener 1 \\(Webhook Example\\): http://localhost:8080/webhooks/[0-9a-f]{40}");
            assertThat(Files.exists(host.dir().resolve("data").resolve("switchboard.db"))).isTrue();
        }
    }
}
