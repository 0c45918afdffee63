package dev.switchboard.samples;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import dev.switchboard.testkit.PluginRules;
import dev.switchboard.testkit.TestHost;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The plugin jars this build makes (webhooks, sample-behaviors) use the plugin API only, never a host class: the
 * architecture rule third parties get from the test kit, applied to the jars as built (this module is built last).
 */
class TestPluginJarsUseTheApiOnly {
    @Test
    void noBuiltPluginJarUsesAHostClass() throws IOException {
        List<Path> jars = new ArrayList<>();
        for (Path dir : List.of(TestHost.pluginsUnderTest(), Samples.jarDir())) {
            try (Stream<Path> files = Files.list(dir)) {
                files.filter(f -> f.toString().endsWith(".jar")).forEach(jars::add);
            }
        }
        assertThat(jars).as("the webhooks and sample-behaviors jars the build puts in target")
                .anyMatch(j -> j.getFileName().toString().startsWith("webhooks"))
                .anyMatch(j -> j.getFileName().toString().startsWith("sample-behaviors"));
        for (Path jar : jars) {
            JavaClasses classes = PluginRules.classesOf(jar);
            assertThat(classes.size()).as("classes in " + jar).isPositive();
            PluginRules.noHostImports().check(classes);
        }
    }
}
