package dev.switchboard.host.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.testkit.PluginJar;
import dev.switchboard.testkit.TestHost;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What a plugin's settings view and data folder give it: its own {@code <id>.*} keys and the shared host keys, a
 * clear refusal for anything else (the admin token, the database password, another plugin's keys), and a folder of
 * its own under the data dir. The plugin writes what it saw into that folder when it starts.
 */
class TestPluginSettings {
    private static PluginJar probe() {
        return new PluginJar("acmeprobe", "acme.probe.ProbePlugin").source("acme.probe.ProbePlugin", """
                package acme.probe;

                import dev.switchboard.api.*;
                import java.nio.file.*;
                import java.util.*;

                public final class ProbePlugin extends SwitchboardPlugin {
                    public ProbePlugin(PluginHost host) { super(host); }

                    @Override
                    public void start() {
                        List<String> seen = new ArrayList<>();
                        for (String key : List.of("acmeprobe.greeting", "http.threads", "admin_token", "db.password",
                                "webhooks.body_limit", "acmeprobe")) {
                            try {
                                seen.add(key + "=" + host().config(key).orElse("(unset)"));
                            } catch (IllegalArgumentException e) {
                                seen.add(key + " refused: " + e.getMessage());
                            }
                        }
                        try {
                            Files.write(host().dataDir().resolve("seen.txt"), seen);
                        } catch (java.io.IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    }
                }
                """);
    }

    @Test
    void aPluginReadsItsOwnAndTheSharedKeysAndIsRefusedTheRestInItsOwnDataFolder() throws IOException {
        Path dir = Files.createTempDirectory("switchboard-test");
        Files.createDirectories(dir.resolve("plugins"));
        probe().build(dir.resolve("plugins"));
        try (TestHost host = TestHost.start(dir, Map.of("SWITCHBOARD_ACMEPROBE_GREETING", "hello",
                "SWITCHBOARD_HTTP_THREADS", "24"))) {
            assertThat(host.admin("POST", "/api/plugins/acmeprobe/enable", null).statusCode()).isEqualTo(200);

            Path folder = dir.resolve("data").resolve("plugin-data").resolve("acmeprobe");
            List<String> seen = Files.readAllLines(folder.resolve("seen.txt"));
            String refusal = "refused: plugin acmeprobe may read only its own settings (acmeprobe.*) and the shared "
                    + "host settings [http.threads], not ";
            assertThat(seen).containsExactly(
                    "acmeprobe.greeting=hello",
                    "http.threads=24",
                    "admin_token " + refusal + "'admin_token'",
                    "db.password " + refusal + "'db.password'",
                    "webhooks.body_limit " + refusal + "'webhooks.body_limit'",
                    "acmeprobe " + refusal + "'acmeprobe'");
            assertThat(String.join("\n", seen)).doesNotContain(TestHost.ADMIN_TOKEN);
            assertThat(host.host().plugins().find("acmeprobe").orElseThrow().state()).isEqualTo("started");
        }
    }
}
