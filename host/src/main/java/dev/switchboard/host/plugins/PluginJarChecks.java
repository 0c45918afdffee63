package dev.switchboard.host.plugins;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * What a plugin jar's contents say about the likeliest packaging mistakes, read without loading it: classes the host
 * provides packed into the jar, and a missing or empty extensions index.
 */
final class PluginJarChecks {
    static final String INDEX = "META-INF/extensions.idx";
    private static final Map<String, String> HOST_PACKAGES = Map.of(
            "dev/switchboard/api/", "dev.switchboard.api (plugin-api)",
            "org/pf4j/", "org.pf4j (pf4j)");

    private PluginJarChecks() {
    }

    /**
     * Why the jar must be refused for bundling classes the host provides (a second copy in the plugin's class loader
     * makes its extensions invisible to the host, or its plugin class impossible to create), or null when it bundles
     * none (or is not a jar file).
     */
    static String bundledHostClasses(Path jar) {
        if (!Files.isRegularFile(jar)) {
            return null;
        }
        Map<String, Integer> found = new TreeMap<>();
        try (JarFile f = new JarFile(jar.toFile())) {
            for (Enumeration<JarEntry> e = f.entries(); e.hasMoreElements(); ) {
                String name = e.nextElement().getName();
                if (!name.endsWith(".class")) {
                    continue;
                }
                HOST_PACKAGES.forEach((prefix, label) -> {
                    if (name.startsWith(prefix)) {
                        found.merge(label, 1, Integer::sum);
                    }
                });
            }
        } catch (IOException e) {
            return null; // PF4J reports the unreadable jar when it loads it
        }
        if (found.isEmpty()) {
            return null;
        }
        List<String> parts = new ArrayList<>();
        found.forEach((label, n) -> parts.add(n + " class" + (n == 1 ? "" : "es") + " of " + label));
        return "the jar bundles classes the host provides: " + String.join(", ", parts)
                + "; declare plugin-api and pf4j with <scope>provided</scope> in the plugin's pom so they are not"
                + " packed into the jar";
    }

    /**
     * The likely causes when a plugin contributes no extensions, read from its jar's extensions index; empty when
     * the index lists classes.
     */
    static List<String> emptyIndexCauses(Path jar) {
        if (!Files.isRegularFile(jar)) {
            return List.of();
        }
        try (JarFile f = new JarFile(jar.toFile())) {
            JarEntry idx = f.getJarEntry(INDEX);
            if (idx == null) {
                return List.of("the jar has no " + INDEX + ": PF4J's annotation processor did not run (is"
                        + " annotation processing off, or pf4j missing from the compile classpath?) or no class is"
                        + " annotated @Extension");
            }
            String text = new String(f.getInputStream(idx).readAllBytes(), StandardCharsets.UTF_8);
            boolean listsAny = text.lines().map(String::strip).anyMatch(l -> !l.isEmpty() && !l.startsWith("#"));
            return listsAny ? List.of() : List.of(INDEX + " lists no class: is @Extension (org.pf4j.Extension)"
                    + " missing on your Action / HttpEndpoint / … classes?");
        } catch (IOException e) {
            return List.of("cannot read " + jar.getFileName() + ": " + e.getMessage());
        }
    }
}
