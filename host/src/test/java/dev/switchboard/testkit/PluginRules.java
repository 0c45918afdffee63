package dev.switchboard.testkit;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.jar.JarFile;

/**
 * Architecture rules for plugin jars (needs {@code com.tngtech.archunit:archunit-junit5} as a test dependency): a
 * plugin compiles against plugin-api only, so no class in its jar may use a host class.
 *
 * <pre>{@code
 * PluginRules.noHostImports().check(PluginRules.classesOf(Path.of("target/acme-orders.jar")));
 * }</pre>
 */
public final class PluginRules {
    private PluginRules() {
    }

    /** No class uses anything under {@code dev.switchboard.host}. */
    public static ArchRule noHostImports() {
        return noClasses().should().dependOnClassesThat().resideInAPackage("dev.switchboard.host..")
                .because("plugins compile against plugin-api only (docs/writing-an-action-plugin.md)");
    }

    /** The classes in a jar. */
    public static JavaClasses classesOf(Path jar) {
        try (JarFile file = new JarFile(jar.toFile())) {
            return new ClassFileImporter().importJar(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + jar, e);
        }
    }
}
