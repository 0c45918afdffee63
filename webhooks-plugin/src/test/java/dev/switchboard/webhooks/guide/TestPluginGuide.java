package dev.switchboard.host.guide;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.host.Host;
import dev.switchboard.host.cli.Cli;
import dev.switchboard.host.json.HostJson;
import dev.switchboard.testkit.Browser;
import dev.switchboard.testkit.PluginJar;
import dev.switchboard.testkit.TestHost;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Follows docs/writing-an-action-plugin.md literally: its pom's provided scopes and descriptor, its Java compiled
 * with PF4J's annotation processor into a jar dropped into a running host, enabled with the CLI, its package
 * imported, and a ticket showing the result the guide promises. The guide cannot drift from the code.
 */
class TestPluginGuide {
    private static final HostJson JSON = new HostJson();
    private static final Path GUIDE = Path.of("..", "docs", "writing-an-action-plugin.md");
    /** The admin page module of the guide's section 6, in the jar. */
    private static final String PAGE = "admin/acme-orders/orders.js";

    /** The guide's plugin: its id, its Java package, and its jar as the guide's pom and Java make it. */
    private record GuidePlugin(String id, String javaPackage, PluginJar jar) {
        static GuidePlugin of(String guide) throws Exception {
            Document pom = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                    .parse(new ByteArrayInputStream(block(guide, "xml").get(0).getBytes(StandardCharsets.UTF_8)));
            NodeList deps = pom.getElementsByTagName("dependency");
            for (int i = 0; i < deps.getLength(); i++) {
                Element d = (Element) deps.item(i);
                assertThat(text(d, "scope")).as("scope of %s", text(d, "artifactId")).isEqualTo("provided");
            }
            String pluginId = text(pom.getDocumentElement(), "Plugin-Id");
            String requires = interpolate(pom, text(pom.getDocumentElement(), "Plugin-Requires"));
            assertThat(interpolate(pom, version(pom, "plugin-api"))).as("the guide's plugin-api version")
                    .isEqualTo(Host.apiVersion());
            assertThat(requires).as("the guide's Plugin-Requires").isEqualTo(">=" + Host.apiVersion() + " & <2.0.0");
            assertThat(version(pom, "maven-surefire-plugin")).as("surefire pinned (Maven 3.8's 2.12 runs no JUnit 5 test)")
                    .startsWith("3.");
            assertThat(text(pom.getDocumentElement(), "requireFilesExist")).as("the enforcer rule sample-behaviors uses")
                    .contains("${project.build.outputDirectory}/META-INF/extensions.idx");

            // The plugin's Java (the action, then the admin page's extension; not the guide's test) and the page.
            PluginJar jar = new PluginJar(pluginId, null).requires(requires).processAnnotations();
            String javaPackage = null;
            for (String java : block(guide, "java")) {
                Matcher pkg = Pattern.compile("package ([\\w.]+);").matcher(java);
                Matcher cls = Pattern.compile("public final class (\\w+)").matcher(java);
                if (cls.find()) {
                    assertThat(pkg.find()).isTrue();
                    javaPackage = javaPackage == null ? pkg.group(1) : javaPackage;
                    jar.source(pkg.group(1) + "." + cls.group(1), java);
                }
            }
            assertThat(guide).contains("`src/main/resources/" + PAGE + "`");
            return new GuidePlugin(pluginId, javaPackage, jar.resource(PAGE, block(guide, "js").get(0)));
        }
    }

    @Test
    void theGuidesPluginBuildsLoadsAndWorksAsDescribed() throws Exception {
        String guide = Files.readString(GUIDE);
        GuidePlugin plugin = GuidePlugin.of(guide);
        String pluginId = plugin.id();
        PluginJar jar = plugin.jar();

        try (TestHost host = TestHost.start()) {
            jar.build(host.dir().resolve("plugins"));
            Path config = host.cliConfig();
            assertThat(Cli.commandLine().execute("-c", config.toString(), "plugins", "enable", pluginId)).isZero();
            awaitAction(host, "extract_order_number");

            HttpResponse<String> imported = host.admin("POST", "/api/packages/import", block(guide, "json").get(0));
            assertThat(imported.statusCode()).as(imported.body()).isEqualTo(201);
            Map<String, Object> ticket = createTicket(host, "Where is #A-10442?");
            assertThat(ticket).containsEntry("body", "Order A-10442").containsEntry("priority", 70L);
            assertThat(createTicket(host, "No order here")).containsEntry("priority", 50L);

            HttpResponse<String> off = host.admin("POST", "/api/plugins/" + pluginId + "/disable", null);
            assertThat(off.statusCode()).isEqualTo(200);
            assertThat(off.body()).contains("\"affected_behaviors\":[{").contains("Note the order number")
                    .contains("extract_order_number");
            assertThat(createTicket(host, "Where is #A-20000?")).containsEntry("priority", 50L);
        }
    }

    @Test
    void theGuidesTestRunsOnTheTestKitAgainstTheGuidesJar() throws Exception {
        String guide = Files.readString(GUIDE);
        GuidePlugin plugin = GuidePlugin.of(guide);
        Path work = Files.createTempDirectory("guide-test");
        Path plugins = Files.createDirectories(work.resolve("plugins"));
        plugin.jar().build(plugins);

        String test = block(guide, "java").stream().filter(j -> j.contains("class Test")).findFirst().orElseThrow();
        Matcher testClass = Pattern.compile("class (Test\\w+)").matcher(test);
        assertThat(testClass.find()).isTrue();
        String name = plugin.javaPackage() + "." + testClass.group(1);
        Path src = work.resolve("src").resolve(name.replace('.', '/') + ".java");
        Files.createDirectories(src.getParent());
        Files.writeString(src, test);
        Path classes = Files.createDirectories(work.resolve("classes"));
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        int rc = javax.tools.ToolProvider.getSystemJavaCompiler().run(null, null, err, "--release", "17", "-proc:none",
                "-d", classes.toString(), "-classpath", System.getProperty("java.class.path"), src.toString());
        assertThat(rc).as("the guide's test compiles against the test kit:\n%s", err).isZero();

        String before = System.getProperty(TestHost.PLUGINS_PROPERTY);
        System.setProperty(TestHost.PLUGINS_PROPERTY, plugins.toString());
        try (java.net.URLClassLoader loader = new java.net.URLClassLoader(new java.net.URL[] {classes.toUri().toURL()},
                getClass().getClassLoader())) {
            Class<?> type = loader.loadClass(name);
            java.lang.reflect.Constructor<?> ctor = type.getDeclaredConstructor();
            ctor.setAccessible(true);
            int ran = 0;
            for (java.lang.reflect.Method m : type.getDeclaredMethods()) {
                if (m.isAnnotationPresent(Test.class)) {
                    m.setAccessible(true);
                    m.invoke(ctor.newInstance());
                    ran++;
                }
            }
            assertThat(ran).as("@Test methods in the guide's test").isPositive();
        } finally {
            if (before == null) {
                System.clearProperty(TestHost.PLUGINS_PROPERTY);
            } else {
                System.setProperty(TestHost.PLUGINS_PROPERTY, before);
            }
        }
    }

    /** Section 6: the admin page's module is served from the jar and its table shows the order the bot noted. */
    @Test
    void theGuidesAdminPageListsTheNotedOrders() throws Exception {
        String guide = Files.readString(GUIDE);
        GuidePlugin plugin = GuidePlugin.of(guide);
        String module = "/admin/plugins/" + plugin.id() + "/orders.js";
        try (TestHost host = PluginJar.hostWith(plugin.jar()); Browser b = Browser.start()) {
            assertThat(host.admin("POST", "/api/plugins/" + plugin.id() + "/enable", null).statusCode()).isEqualTo(200);
            assertThat(host.admin("GET", "/api/admin/pages", null).body())
                    .contains("{\"id\":\"orders\",\"title\":\"Orders\",\"order\":100,\"module\":\"" + module + "\"");
            assertThat(host.anonymous("GET", module, null).body()).isEqualTo(block(guide, "js").get(0));
            HttpResponse<String> imported = host.admin("POST", "/api/packages/import", block(guide, "json").get(0));
            assertThat(imported.statusCode()).as(imported.body()).isEqualTo(201);
            createTicket(host, "Where is #A-10442?");

            b.open(host.url() + "/admin#/orders");
            b.find(By.id("token")).sendKeys(TestHost.ADMIN_TOKEN);
            b.find(By.id("signin")).click();
            b.until(d -> d.findElements(By.cssSelector("#orders tbody tr")).size() == 1 ? true : null);
            assertThat(b.find(By.id("orders")).getText()).contains("Where is #A-10442?").contains("A-10442");
            b.screenshot("guide-orders-page");
        }
    }

    private static Map<String, Object> createTicket(TestHost host, String subject) {
        HttpResponse<String> r = host.admin("POST", "/api/tickets",
                "{\"subject\": " + JSON.write(subject) + ", \"requester\": \"ann@example.com\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return map(host.admin("GET", "/api/tickets/" + map(r.body()).get("id"), null).body());
    }

    /** Waits (bounded) until the running host, which polls the plugin status each second, offers the action. */
    private static void awaitAction(TestHost host, String action) {
        await("action " + action + " offered").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
                .until(() -> host.admin("GET", "/api/actions", null).body().contains("\"" + action + "\""));
    }

    /** The fenced code blocks of a language, in order. */
    static List<String> block(String markdown, String language) {
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile("```" + language + "\\n(.*?)```", Pattern.DOTALL).matcher(markdown);
        while (m.find()) {
            out.add(m.group(1));
        }
        assertThat(out).as("```%s blocks in the guide", language).isNotEmpty();
        return out;
    }

    /** The version of the dependency or build plugin with this artifactId. */
    private static String version(Document pom, String artifactId) {
        NodeList ids = pom.getElementsByTagName("artifactId");
        for (int i = 0; i < ids.getLength(); i++) {
            if (ids.item(i).getTextContent().trim().equals(artifactId)) {
                return text((Element) ids.item(i).getParentNode(), "version");
            }
        }
        throw new AssertionError("no " + artifactId + " in the guide's pom");
    }

    /** Replaces {@code ${name}} by the pom's property, as Maven does; the guide's build depends on it. */
    private static String interpolate(Document pom, String value) {
        Element properties = (Element) pom.getElementsByTagName("properties").item(0);
        Matcher m = Pattern.compile("\\$\\{([\\w.]+)}").matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String v = text(properties, m.group(1));
            assertThat(v).as("property %s in the guide's pom", m.group(1)).isNotNull();
            m.appendReplacement(out, Matcher.quoteReplacement(v));
        }
        return m.appendTail(out).toString();
    }

    private static String text(Element e, String tag) {
        NodeList l = e.getElementsByTagName(tag);
        return l.getLength() == 0 ? null : l.item(0).getTextContent().trim();
    }


    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(String json) {
        return (Map<String, Object>) JSON.parse(json);
    }
}
