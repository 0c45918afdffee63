package dev.switchboard.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Builds a plugin jar the way a third party would: Java sources compiled against the plugin-api jar (and PF4J, which
 * the host provides) only, a manifest with {@code Plugin-*} entries, {@code META-INF/extensions.idx} and resources.
 *
 * <pre>{@code
 * Path jar = new PluginJar("acme", "acme.AcmePlugin").source("acme.AcmePlugin", "...").extension("acme.Hello")
 *         .build(pluginsDir);
 * }</pre>
 */
public final class PluginJar {
    private final String id;
    private final String pluginClass;
    private String requires = ">=1.0.0";
    private final Map<String, String> sources = new LinkedHashMap<>();
    private final Map<String, String> resources = new LinkedHashMap<>();
    private final List<String> extensions = new ArrayList<>();
    private final List<Class<?>> bundled = new ArrayList<>();
    private final Map<String, String> attributes = new LinkedHashMap<>();
    private boolean processAnnotations;
    private boolean noIndex;
    private String fileName;
    private String version = "1.0.0";

    /** @param pluginClass the {@code Plugin-Class}, or null for none */
    public PluginJar(String id, String pluginClass) {
        this.id = id;
        this.pluginClass = pluginClass;
    }

    /** Adds a Java source for a fully qualified class name. */
    public PluginJar source(String className, String code) {
        sources.put(className, code);
        return this;
    }

    /** Lists a class in {@code META-INF/extensions.idx}. */
    public PluginJar extension(String className) {
        extensions.add(className);
        return this;
    }

    /** Adds a text resource (e.g. {@code db/acme/V1__init.sql}). */
    public PluginJar resource(String path, String text) {
        resources.put(path, text);
        return this;
    }

    /**
     * Runs PF4J's annotation processor as a plugin's Maven build does, so {@code META-INF/extensions.idx} comes from
     * the {@code @Extension} annotations instead of {@link #extension}.
     */
    public PluginJar processAnnotations() {
        this.processAnnotations = true;
        return this;
    }

    /** Writes no {@code META-INF/extensions.idx} at all (as a build with annotation processing off does). */
    public PluginJar noIndex() {
        this.noIndex = true;
        return this;
    }

    /**
     * Packs these classes' class files into the jar, as a plugin build that forgets {@code provided} scope for
     * plugin-api or pf4j does.
     */
    public PluginJar bundle(Class<?>... classes) {
        bundled.addAll(List.of(classes));
        return this;
    }

    /** Sets {@code Plugin-Version} (default 1.0.0). */
    public PluginJar version(String v) {
        this.version = v;
        return this;
    }

    /** Names the jar file (default {@code <id>.jar}). */
    public PluginJar fileName(String name) {
        this.fileName = name;
        return this;
    }

    /** Sets {@code Plugin-Requires}. */
    public PluginJar requires(String range) {
        this.requires = range;
        return this;
    }

    /**
     * Adds a manifest attribute, e.g. {@code Plugin-Aliases} or {@code Plugin-Enabled-By-Default}; {@code Plugin-Id},
     * {@code Plugin-Version}, {@code Plugin-Class} and {@code Plugin-Requires} have their own setters.
     */
    public PluginJar manifest(String name, String value) {
        attributes.put(name, value);
        return this;
    }

    /**
     * Starts a test host whose plugins folder holds the plugins under test ({@link TestHost#pluginsUnderTest()}) and
     * these jars (found at start, so they stay disabled until enabled unless their manifest says
     * {@code Plugin-Enabled-By-Default: true}).
     */
    public static TestHost hostWith(PluginJar... jars) {
        try {
            Path dir = Files.createTempDirectory("switchboard-test");
            Path plugins = dir.resolve("plugins");
            Files.createDirectories(plugins);
            TestHost.copyJars(TestHost.pluginsUnderTest(), plugins);
            for (PluginJar jar : jars) {
                jar.build(plugins);
            }
            return TestHost.start(dir, Map.of());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Compiles and writes {@code <id>.jar} into {@code dir}. */
    public Path build(Path dir) {
        try {
            Path work = Files.createTempDirectory("plugin-src-" + id);
            Path src = work.resolve("src");
            Path classes = work.resolve("classes");
            Files.createDirectories(classes);
            List<String> files = new ArrayList<>();
            for (Map.Entry<String, String> s : sources.entrySet()) {
                Path f = src.resolve(s.getKey().replace('.', '/') + ".java");
                Files.createDirectories(f.getParent());
                Files.writeString(f, s.getValue());
                files.add(f.toString());
            }
            if (!files.isEmpty()) {
                compile(classes, files, processAnnotations);
            }
            Path jar = dir.resolve(fileName == null ? id + ".jar" : fileName);
            try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest())) {
                try (Stream<Path> walk = Files.walk(classes)) {
                    for (Path c : walk.filter(Files::isRegularFile).toList()) {
                        put(out, classes.relativize(c).toString().replace('\\', '/'), Files.readAllBytes(c));
                    }
                }
                for (Class<?> c : bundled) {
                    String entry = c.getName().replace('.', '/') + ".class";
                    try (java.io.InputStream in = c.getClassLoader().getResourceAsStream(entry)) {
                        if (in == null) {
                            throw new IllegalStateException("no class file for " + c.getName());
                        }
                        put(out, entry, in.readAllBytes());
                    }
                }
                if (!processAnnotations && !noIndex) {
                    put(out, "META-INF/extensions.idx",
                            (String.join("\n", extensions) + "\n").getBytes(StandardCharsets.UTF_8));
                }
                for (Map.Entry<String, String> r : resources.entrySet()) {
                    put(out, r.getKey(), r.getValue().getBytes(StandardCharsets.UTF_8));
                }
            }
            return jar;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void compile(Path classes, List<String> files, boolean processAnnotations) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        String pf4j = jarOf(org.pf4j.Plugin.class);
        List<String> args = new ArrayList<>(List.of("--release", "17", "-d", classes.toString(),
                "-classpath", apiJar() + java.io.File.pathSeparator + pf4j));
        args.addAll(processAnnotations ? List.of("-processorpath", pf4j) : List.of("-proc:none"));
        args.addAll(files);
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        int rc = javac.run(null, null, err, args.toArray(String[]::new));
        if (rc != 0) {
            throw new IllegalStateException("plugin sources do not compile:\n" + err);
        }
    }

    private Manifest manifest() {
        Manifest m = new Manifest();
        Attributes a = m.getMainAttributes();
        a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        a.putValue("Plugin-Id", id);
        a.putValue("Plugin-Version", version);
        a.putValue("Plugin-Requires", requires);
        a.putValue("Plugin-Provider", "Acme (test)");
        if (pluginClass != null) {
            a.putValue("Plugin-Class", pluginClass);
        }
        attributes.forEach(a::putValue);
        return m;
    }

    private static void put(JarOutputStream out, String name, byte[] bytes) throws IOException {
        out.putNextEntry(new JarEntry(name));
        out.write(bytes);
        out.closeEntry();
    }

    /** The plugin-api jar the build made (the only Switchboard jar a third party compiles against). */
    private static String apiJar() {
        String p = System.getProperty("switchboard.test.apiJar");
        if (p == null || !Files.isRegularFile(Path.of(p))) {
            throw new IllegalStateException("system property switchboard.test.apiJar does not name the plugin-api jar: "
                    + p);
        }
        return p;
    }

    private static String jarOf(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
