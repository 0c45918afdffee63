package dev.switchboard.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The extensions index a plugin's own tests see: {@code META-INF/extensions.idx} as the class path gives it first,
 * which in a plugin's build is the one PF4J's annotation processor wrote into {@code target/classes}. A unit test can
 * check every extension is indexed without building or loading the jar:
 *
 * <pre>{@code
 * assertThat(ExtensionsIndex.listed()).contains(ExtractOrderNumber.class.getName());
 * }</pre>
 */
public final class ExtensionsIndex {
    /** Where PF4J reads a plugin's extensions from. */
    public static final String PATH = "META-INF/extensions.idx";

    private ExtensionsIndex() {
    }

    /**
     * The class names the first index on the context class loader's class path lists.
     *
     * @throws IllegalStateException when there is none, or it lists no class (naming it and the likely cause)
     */
    public static List<String> listed() {
        URL url = Thread.currentThread().getContextClassLoader().getResource(PATH);
        if (url == null) {
            throw new IllegalStateException("no " + PATH + " on the class path: PF4J's annotation processor did not"
                    + " run (is pf4j on the compiler's annotationProcessorPaths?)");
        }
        List<String> classes;
        try (InputStream in = url.openStream()) {
            classes = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + url, e);
        }
        if (classes.isEmpty()) {
            throw new IllegalStateException(url + " lists no class: when it is under target/test-classes, the"
                    + " processor ran on the tests and hides the plugin's index (set <proc>none</proc> on the"
                    + " compiler's default-testCompile execution); otherwise @Extension is missing");
        }
        return classes;
    }
}
