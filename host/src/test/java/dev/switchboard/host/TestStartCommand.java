package dev.switchboard.host;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.testkit.CliProcess;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's start, {@code switchboard} with no arguments, serves without going through picocli: its failures
 * still end as {@code serve}'s do (one line naming the problem, exit 2). And the build's hidden AppCDS training
 * start runs on a data dir of its own, leaving the current folder alone. Real JVMs, a real busy port.
 */
class TestStartCommand {
    @TempDir
    Path folder;

    @Test
    void noArgumentsOnABusyPortEndsLikeServe() throws Exception {
        try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Map<String, String> env = Map.of("SWITCHBOARD_PORT", Integer.toString(busy.getLocalPort()),
                    "SWITCHBOARD_BIND_ADDRESS", "127.0.0.1",
                    "SWITCHBOARD_DATA_DIR", folder.resolve("data").toString());
            CliProcess.Result plain = CliProcess.run(folder, env, List.of());
            CliProcess.Result serve = CliProcess.run(folder, env, List.of("serve"));

            assertThat(plain.exit()).as(plain.toString()).isEqualTo(2);
            assertThat(lastLine(plain.err())).contains("port " + busy.getLocalPort() + " (port) is already in use")
                    .contains("SWITCHBOARD_PORT=N").isEqualTo(lastLine(serve.err()));
            assertThat(plain.err()).doesNotContain("\tat ");
            assertThat(serve.exit()).isEqualTo(2);
        }
    }

    @Test
    void noArgumentsWithABadSettingEndsLikeServe() {
        Map<String, String> env = Map.of("SWITCHBOARD_PORT", "eighty", "SWITCHBOARD_DATA_DIR",
                folder.resolve("data").toString());
        CliProcess.Result plain = CliProcess.run(folder, env, List.of());
        CliProcess.Result serve = CliProcess.run(folder, env, List.of("serve"));

        assertThat(plain.exit()).as(plain.toString()).isEqualTo(2);
        assertThat(plain.err().strip()).contains("port").contains("eighty").isEqualTo(serve.err().strip());
    }

    @Test
    void theCdsTrainingStartUsesATemporaryDataDirAndExits() {
        CliProcess.Result r = CliProcess.run(folder, Map.of("SWITCHBOARD_DATA_DIR", folder.resolve("mine").toString()),
                List.of("cds-training"));

        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(Files.exists(folder.resolve("mine"))).as("the configured data dir is not used").isFalse();
        assertThat(Files.exists(folder.resolve("data"))).isFalse();
    }

    private static String lastLine(String text) {
        String[] lines = text.strip().split("\n");
        return lines[lines.length - 1];
    }
}
