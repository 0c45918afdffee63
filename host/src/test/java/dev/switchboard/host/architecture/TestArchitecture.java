package dev.switchboard.host.architecture;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import dev.switchboard.testkit.PluginRules;
import org.junit.jupiter.api.Test;

/**
 * The host's shape: no dependency cycle between its top-level packages; and the rule that no plugin class uses a host
 * class instead of the plugin API, ({@link PluginRules}), which sample-behaviors' {@code TestPluginJarsUseTheApiOnly} applies to the built
 * plugin jars. Both rules run over a deliberately broken fixture ({@code dev.switchboard.archfixture}) and must fail
 * there, so a rule that checks nothing is noticed.
 */
class TestArchitecture {
    private static final String HOST = "dev.switchboard.host";

    /** No cycle between the top-level packages under {@code root}. */
    static ArchRule noPackageCycles(String root) {
        return slices().matching(root + ".(*)..").should().beFreeOfCycles();
    }

    @Test
    void hostPackagesHaveNoCycle() {
        JavaClasses host = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(HOST);
        assertThat(host.size()).as("host classes imported").isGreaterThan(100);
        noPackageCycles(HOST).check(host);
    }

    @Test
    void theRulesFailOnADeliberateCycleAndAPluginClassUsingTheHost() {
        JavaClasses fixture = new ClassFileImporter().importPackages("dev.switchboard.archfixture");

        EvaluationResult cycle = noPackageCycles("dev.switchboard.archfixture").evaluate(fixture);
        assertThat(cycle.hasViolation()).isTrue();
        assertThat(String.join("\n", cycle.getFailureReport().getDetails())).contains("archfixture.a.Alpha")
                .contains("archfixture.b.Beta");

        EvaluationResult hostImport = PluginRules.noHostImports().evaluate(fixture);
        assertThat(hostImport.hasViolation()).isTrue();
        assertThat(String.join("\n", hostImport.getFailureReport().getDetails()))
                .contains("ReachesIntoHost").contains(HOST + ".config.Config");
    }
}
