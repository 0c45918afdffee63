package dev.switchboard.host.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import dev.switchboard.host.testing.TestHost;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The host's shape: no dependency cycle between its top-level packages, and no plugin class (the bundled webhooks
 * jar, the sample-behaviors jar) using a host class instead of the plugin API. The same rules run over a deliberately
 * broken fixture ({@code dev.switchboard.archfixture}) and must fail there, so a rule that checks nothing is noticed.
 */
class TestArchitecture {
    private static final String HOST = "dev.switchboard.host";

    /** No cycle between the top-level packages under {@code root}. */
    static ArchRule noPackageCycles(String root) {
        return slices().matching(root + ".(*)..").should().beFreeOfCycles();
    }

    /** Plugin code uses the plugin API only, never a host class. */
    static ArchRule noHostImports() {
        return noClasses().should().dependOnClassesThat().resideInAPackage(HOST + "..")
                .because("plugins compile against plugin-api only (docs/writing-an-action-plugin.md)");
    }

    @Test
    void hostPackagesHaveNoCycle() {
        JavaClasses host = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(HOST);
        assertThat(host.size()).as("host classes imported").isGreaterThan(100);
        noPackageCycles(HOST).check(host);
    }

    @Test
    void pluginJarsDoNotImportTheHost() {
        List<Path> jars = jars(TestHost.bundledPluginsDir(), TestHost.samplePluginsDir());
        assertThat(jars).as("the webhooks and sample-behaviors jars the build puts in target")
                .anyMatch(j -> j.getFileName().toString().startsWith("webhooks"))
                .anyMatch(j -> j.getFileName().toString().startsWith("sample-behaviors"));
        for (Path jar : jars) {
            JavaClasses classes;
            try (JarFile file = new JarFile(jar.toFile())) {
                classes = new ClassFileImporter().importJar(file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            assertThat(classes.size()).as("classes in " + jar).isPositive();
            noHostImports().check(classes);
        }
    }

    @Test
    void theRulesFailOnADeliberateCycleAndAPluginClassUsingTheHost() {
        JavaClasses fixture = new ClassFileImporter().importPackages("dev.switchboard.archfixture");

        EvaluationResult cycle = noPackageCycles("dev.switchboard.archfixture").evaluate(fixture);
        assertThat(cycle.hasViolation()).isTrue();
        assertThat(String.join("\n", cycle.getFailureReport().getDetails())).contains("archfixture.a.Alpha")
                .contains("archfixture.b.Beta");

        EvaluationResult hostImport = noHostImports().evaluate(fixture);
        assertThat(hostImport.hasViolation()).isTrue();
        assertThat(String.join("\n", hostImport.getFailureReport().getDetails()))
                .contains("ReachesIntoHost").contains(HOST + ".config.Config");
    }

    private static List<Path> jars(Path... dirs) {
        return Stream.of(dirs).flatMap(d -> {
            try (Stream<Path> files = Files.list(d)) {
                return files.filter(f -> f.toString().endsWith(".jar")).toList().stream();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + d + " (run the build's package phase first)", e);
            }
        }).toList();
    }
}
