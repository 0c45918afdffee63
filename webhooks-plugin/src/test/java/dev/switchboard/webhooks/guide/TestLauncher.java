package dev.switchboard.webhooks.guide;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.testkit.TestHost;
import dev.switchboard.testkit.TestPostgres;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The README's start command, {@code bin/switchboard}, on every JDK this machine has that can run the host: the JDK
 * running the tests and any JDK 25 or newer under {@code /usr/lib/jvm}. With {@code JAVA_HOME} set to it, the build's
 * training start makes the archive kind that JDK uses (an AppCDS archive before 25, an AOT cache from 25 on), and a
 * start then uses it, serves {@code /health} and prints no JVM warning. A copy of the built jar in a temporary folder,
 * so the build's own archive is left alone; real JVMs, a real port.
 */
class TestLauncher {
    private static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();
    private static final Pattern VERSION = Pattern.compile("(?m)^JAVA_VERSION=\"(\\d+)");

    static Stream<Path> jdks() throws IOException {
        List<Path> homes = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"))));
        Path jvms = Path.of("/usr/lib/jvm");
        if (Files.isDirectory(jvms)) {
            try (Stream<Path> all = Files.list(jvms)) {
                all.filter(h -> feature(h) >= 25 && !Files.isSymbolicLink(h)).sorted().forEach(homes::add);
            }
        }
        return homes.stream();
    }

    @ParameterizedTest
    @MethodSource("jdks")
    void theTrainingStartMakesTheArchiveThisJdkUsesAndTheStartUsesIt(Path javaHome, @TempDir Path folder)
            throws Exception {
        Assumptions.assumeFalse(TestPostgres.selected(), "about the embedded start");
        Assumptions.assumeTrue(Files.isDirectory(Path.of("/proc/self")), "reads the JVM's command line from /proc");
        Path built = REPOSITORY.resolve("host/target/switchboard.jar");
        Assumptions.assumeTrue(Files.exists(built), "the host jar is built before this module's tests");
        Path jar = Files.copy(built, folder.resolve("switchboard.jar"));
        Files.createDirectories(folder.resolve("plugins"));
        TestHost.copyJars(TestHost.pluginsUnderTest(), folder.resolve("plugins"));
        boolean aot = feature(javaHome) >= 25;
        Path archive = folder.resolve(aot ? "switchboard.aot" : "switchboard.jsa");

        Result training = launch(folder, javaHome, Map.of(), "cds-training");
        training.process().waitFor(120, TimeUnit.SECONDS);
        assertThat(training.process().exitValue()).as(training.log()).isZero();
        assertThat(archive).as("the archive for JDK %d", feature(javaHome)).exists();
        assertThat(folder.resolve(aot ? "switchboard.jsa" : "switchboard.aot")).doesNotExist();

        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        Result start = launch(folder, javaHome, Map.of("SWITCHBOARD_PORT", Integer.toString(port),
                "SWITCHBOARD_BIND_ADDRESS", "127.0.0.1", "SWITCHBOARD_DATA_DIR", folder.resolve("data").toString()));
        try {
            HttpClient client = HttpClient.newHttpClient();
            await("GET /health").atMost(Duration.ofSeconds(60)).until(() -> {
                assertThat(start.process().isAlive()).as(start.log()).isTrue();
                try {
                    return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                            .build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
                } catch (IOException notYet) {
                    return false;
                }
            });
            String commandLine = Files.readString(Path.of("/proc", Long.toString(start.process().pid()), "cmdline"))
                    .replace('\0', ' ');
            assertThat(commandLine).contains(aot ? "-XX:AOTCache=" + archive : "-XX:SharedArchiveFile=" + archive)
                    .contains("-jar " + jar);
        } finally {
            start.process().destroy();
            start.process().waitFor(30, TimeUnit.SECONDS);
        }
        assertThat(start.log()).as("the JVM printed no warning").doesNotContain("WARNING").doesNotContain("[warning]")
                .doesNotContain("[error");
    }

    /** The process and, once it has ended, what it printed. */
    record Result(Process process, Path out) {
        String log() throws IOException {
            return Files.exists(out) ? Files.readString(out, StandardCharsets.UTF_8) : "";
        }
    }

    private static Result launch(Path folder, Path javaHome, Map<String, String> env, String... args)
            throws IOException {
        List<String> command = new ArrayList<>(List.of("sh", REPOSITORY.resolve("bin/switchboard").toString()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(folder, "launcher", ".log");
        ProcessBuilder pb = new ProcessBuilder(command).directory(folder.toFile()).redirectErrorStream(true)
                .redirectOutput(out.toFile());
        pb.environment().remove("JAVA_OPTS");
        pb.environment().put("JAVA_HOME", javaHome.toString());
        pb.environment().put("SWITCHBOARD_JAR", folder.resolve("switchboard.jar").toString());
        pb.environment().putAll(env);
        return new Result(pb.start(), out);
    }

    /** The JDK's feature version from its release file, 0 when there is none. */
    private static int feature(Path javaHome) {
        try {
            Matcher m = VERSION.matcher(Files.readString(javaHome.resolve("release")));
            return m.find() ? Integer.parseInt(m.group(1)) : 0;
        } catch (IOException e) {
            return 0;
        }
    }
}
