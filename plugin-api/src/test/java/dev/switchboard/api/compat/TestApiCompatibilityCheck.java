package dev.switchboard.api.compat;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The compatibility check fails where it must: each test takes a copy of plugin-api's sources, breaks it one way,
 * and checks it against the real 1.3.0 signature file as if building the next version.
 */
class TestApiCompatibilityCheck {
    private static final String NEXT = "1.4.0";

    @TempDir
    Path copy;

    @Test
    void aRemovedMethodFailsTheCheck() throws IOException {
        edit("Behaviors.java", "    List<String> traceText(List<Map<String, Object>> trace);\n", "");

        assertThat(problems()).singleElement().asString()
                .startsWith("removed: dev.switchboard.api.Behaviors#traceText(java.util.List) (public abstract"
                        + " java.util.List<java.lang.String> traceText(")
                .contains("in API 1.3.0").contains("NoSuchMethodError");
    }

    @Test
    void aChangedReturnTypeOrConstantFailsTheCheck() throws IOException {
        edit("Database.java", "    String dialect();", "    CharSequence dialect();");
        edit("Secrets.java", "String MASK = \"********\";", "String MASK = \"***\";");

        assertThat(problems()).containsExactlyInAnyOrder(
                "changed: dev.switchboard.api.Database#dialect() was 'public abstract java.lang.String dialect()' in"
                        + " API 1.3.0, now 'public abstract java.lang.CharSequence dialect()': add the new form beside"
                        + " the old one instead",
                "changed: dev.switchboard.api.Secrets#MASK was 'public static final java.lang.String MASK ="
                        + " \"********\"' in API 1.3.0, now 'public static final java.lang.String MASK = \"***\"': add"
                        + " the new form beside the old one instead");
    }

    @Test
    void anAdditionMustCarryTheNewVersion() throws IOException {
        edit("Templates.java", "    String render(String template, Map<String, Object> variables);",
                "    String render(String template, Map<String, Object> variables);\n\n"
                        + "    /**\n     * Renders with no variables.\n     *\n     * @since 1.3.0\n     */\n"
                        + "    String render(String template);\n\n"
                        + "    /** Whether the template has placeholders. */\n"
                        + "    default boolean dynamic(String template) {\n        return template.contains(\"{\");\n    }");

        List<String> problems = problems();
        assertThat(problems).hasSize(2).contains("added: dev.switchboard.api.Templates#render(java.lang.String) is not"
                + " in API 1.3.0 but says @since 1.3.0; what is new is @since 1.4.0");
        assertThat(problems).anySatisfy(p -> assertThat(p).matches("Templates\\.java:\\d+: "
                + "dev\\.switchboard\\.api\\.Templates#dynamic\\(java\\.lang\\.String\\): no @since .*"));
    }

    @Test
    void anAbstractMethodAddedToAnExtensionPointFailsTheCheck() throws IOException {
        edit("HealthCheck.java", "    Optional<String> problem();",
                "    Optional<String> problem();\n\n    /**\n     * How often to ask.\n     *\n     * @since 1.4.0\n     */\n"
                        + "    java.time.Duration interval();");

        assertThat(problems()).singleElement().asString()
                .startsWith("added abstract: dev.switchboard.api.HealthCheck#interval() on dev.switchboard.api.HealthCheck,"
                        + " which plugins implement")
                .endsWith("make it a default method");
    }

    @Test
    void additionsDatedWithTheNewVersionAndAnInterfaceMethodBecomingDefaultPass() throws IOException {
        edit("HealthCheck.java", "    Optional<String> problem();",
                "    Optional<String> problem();\n\n    /**\n     * How often to ask.\n     *\n     * @since 1.4.0\n     */\n"
                        + "    default java.time.Duration interval() {\n        return java.time.Duration.ofSeconds(10);\n    }");
        edit("Json.java", "    String write(Object value);",
                "    default String write(Object value) {\n        return String.valueOf(value);\n    }");

        assertThat(problems()).isEmpty();
    }

    /** Copies plugin-api's sources, then replaces {@code from} (which must be there) in one of them. */
    private void edit(String file, String from, String to) throws IOException {
        if (Files.notExists(copy.resolve("dev"))) {
            try (Stream<Path> files = Files.walk(TestApiCompatibility.SOURCES)) {
                for (Path p : files.filter(Files::isRegularFile).toList()) {
                    Path target = copy.resolve(TestApiCompatibility.SOURCES.relativize(p));
                    Files.createDirectories(target.getParent());
                    Files.copy(p, target);
                }
            }
        }
        Path source = copy.resolve("dev/switchboard/api").resolve(file);
        String text = Files.readString(source, StandardCharsets.UTF_8);
        assertThat(text).as("%s to break", file).contains(from);
        Files.writeString(source, text.replace(from, to), StandardCharsets.UTF_8);
    }

    private List<String> problems() {
        Path release = TestApiCompatibility.SIGNATURES.resolve("1.3.0.txt");
        return ApiCompatibility.problems(ApiSurface.parse(release), "1.3.0", ApiSurface.read(copy), NEXT);
    }
}
