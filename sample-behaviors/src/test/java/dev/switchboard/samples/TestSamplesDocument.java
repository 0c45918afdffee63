package dev.switchboard.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * docs/samples.md stays in step with the shipped packages: every package file has its section, every prompt a
 * package asks is named there, and every package that uses the sample actions declares the plugin it needs.
 */
class TestSamplesDocument {

    @Test
    @SuppressWarnings("unchecked")
    void everyShippedPackageAndPromptIsDocumented() throws IOException {
        String doc = Files.readString(Path.of("..", "docs", "samples.md"));
        List<Path> packages;
        try (Stream<Path> files = Files.list(Samples.PACKAGES)) {
            packages = files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        assertThat(packages).hasSizeGreaterThanOrEqualTo(5);
        for (Path file : packages) {
            String name = file.getFileName().toString();
            assertThat(doc).as("docs/samples.md names %s", name).contains("(`" + name + "`)");
            Map<String, Object> pkg = Samples.map(Files.readString(file));
            Map<String, Object> meta = (Map<String, Object>) pkg.get("package");
            Map<String, Object> configure = (Map<String, Object>) meta.get("configure");
            for (Map<String, Object> prompt : (List<Map<String, Object>>) configure.get("prompts")) {
                assertThat(doc).as("docs/samples.md explains prompt %s of %s", prompt.get("key"), name)
                        .contains("Prompt: `" + prompt.get("key") + "`");
            }
            assertThat((List<Map<String, Object>>) pkg.get("records")).as("%s creates its listener", name)
                    .anySatisfy(r -> assertThat(r).containsEntry("_context", "webhook_listener"));
            List<String> plugins = (List<String>) ((Map<String, Object>) meta.get("requires")).get("plugins");
            if (Files.readString(file).matches("(?s).*\"(verify_hmac_signature|parse_form)\".*")) {
                assertThat(plugins).as("%s requires the plugin whose actions it uses", name).contains("sample-behaviors");
            }
        }
    }
}
