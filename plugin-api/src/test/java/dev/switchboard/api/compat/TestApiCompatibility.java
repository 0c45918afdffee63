package dev.switchboard.api.compat;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * The build's binary-compatibility check: plugin-api's sources against the signature file of the last release in
 * {@code plugin-api/api/} (the rules are {@link ApiCompatibility}'s). When a version is released, write its file
 * with {@code mvn -pl plugin-api verify -Dtest=TestApiCompatibility -Dapi.signatures.write=true} and commit it.
 */
class TestApiCompatibility {
    static final Path SOURCES = Path.of("src", "main", "java");
    static final Path SIGNATURES = Path.of("api");

    @Test
    void theApiKeepsEveryMemberOfTheLastReleaseAndDatesWhatIsNew() throws IOException {
        String version = apiVersion();
        ApiSurface current = ApiSurface.read(SOURCES);
        if (Boolean.getBoolean("api.signatures.write")) {
            Path file = SIGNATURES.resolve(version + ".txt");
            Files.writeString(file, "# Plugin API " + version + ": every public type and member, \"key | signature |"
                    + " since\" (read by TestApiCompatibility)\n" + current.text(), StandardCharsets.UTF_8);
        }
        Path baseline = ApiCompatibility.baseline(SIGNATURES, version);
        List<String> problems = ApiCompatibility.problems(ApiSurface.parse(baseline),
                ApiCompatibility.release(baseline), current, version);
        assertThat(problems).as("plugin API %s against %s", version, baseline).isEmpty();
    }

    @Test
    void everyTypeOfTheApiIsRead() {
        assertThat(ApiSurface.read(SOURCES).members())
                .containsKeys("dev.switchboard.api.Action", "dev.switchboard.api.Action#runsInline()",
                        "dev.switchboard.api.OutboundException$Kind#BLOCKED", "dev.switchboard.api.Database$Work",
                        "dev.switchboard.api.BehaviorRun#timedOut()");
    }

    /** The version being built, as the host reads it (plugin-api's api.properties, filtered from its pom). */
    static String apiVersion() throws IOException {
        try (InputStream in = TestApiCompatibility.class.getResourceAsStream("/dev/switchboard/api/api.properties")) {
            assertThat(in).as("api.properties on the class path").isNotNull();
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version");
        }
    }
}
