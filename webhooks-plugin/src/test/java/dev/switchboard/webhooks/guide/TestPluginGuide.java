package dev.switchboard.webhooks.guide;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.api.Action;
import dev.switchboard.api.ActionContext;
import dev.switchboard.api.ActionParam;
import dev.switchboard.api.EventIds;
import dev.switchboard.api.ParamType;
import dev.switchboard.host.Host;
import dev.switchboard.host.cli.Cli;
import dev.switchboard.host.json.HostJson;
import dev.switchboard.testkit.Browser;
import dev.switchboard.testkit.FakeActionContext;
import dev.switchboard.testkit.PluginJar;
import dev.switchboard.testkit.TestHost;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.ToolProvider;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Follows docs/writing-an-action-plugin.md literally: its pom's provided scopes and descriptor, its Java compiled
 * with PF4J's annotation processor into a jar dropped into a running host, enabled with the CLI, its packages
 * imported, and a ticket and a webhook answer showing the result the guide promises; its two tests (the fake
 * context's and the host's) compiled and run; its param type table checked against {@link ParamType}. The guide
 * cannot drift from the code. (In the webhooks plugin's module, so that its webhook package has a listener.)
 */
class TestPluginGuide {
    private static final HostJson JSON = new HostJson();
    private static final Path GUIDE = Path.of("..", "docs", "writing-an-action-plugin.md");
    private static final Path PARENT_POM = Path.of("..", "pom.xml");
    /** The admin page module of the guide's section 6, in the jar. */
    private static final String PAGE = "admin/acme-orders/orders.js";

    /** The guide's plugin: its id, its Java package, and its jar as the guide's pom and Java make it. */
    private record GuidePlugin(String id, String javaPackage, PluginJar jar) {
        static GuidePlugin of(String guide) throws Exception {
            Document pom = parse(block(guide, "xml").get(0));
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
            assertThat(execution(pom, "default-testCompile")).as("no annotation processing for the tests (an empty"
                    + " index in target/test-classes would hide the real one)").isNotNull()
                    .satisfies(e -> assertThat(text(e, "proc")).isEqualTo("none"));
            String hostVersion = text(parse(Files.readString(PARENT_POM)).getDocumentElement(), "version");
            for (String xml : block(guide, "xml")) {
                if (xml.contains("<artifactId>host</artifactId>")) {
                    assertThat(xml).as("the host's Maven version in section 7")
                            .contains("<version>" + hostVersion + "</version>")
                            .doesNotContain("<version>" + Host.apiVersion() + "</version>");
                }
            }

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

    /**
     * Section 7: the guide's unit test (the fake context, no host) and its end-to-end test (a real host with the jar)
     * compile against the test kit and the guide's jar, and their tests pass.
     */
    @Test
    void theGuidesTestsRunOnTheTestKitAgainstTheGuidesJar() throws Exception {
        String guide = Files.readString(GUIDE);
        GuidePlugin plugin = GuidePlugin.of(guide);
        Path work = Files.createTempDirectory("guide-test");
        Path plugins = Files.createDirectories(work.resolve("plugins"));
        Path jar = plugin.jar().build(plugins);

        List<String> tests = block(guide, "java").stream().filter(j -> j.matches("(?s).*\\nclass Test\\w+ \\{.*"))
                .toList();
        assertThat(tests).as("the guide's tests: the fake context's and the host's").hasSize(2);
        Path classes = Files.createDirectories(work.resolve("classes"));
        List<String> args = new ArrayList<>(List.of("--release", "17", "-proc:none", "-d", classes.toString(),
                "-classpath", System.getProperty("java.class.path") + File.pathSeparator + jar));
        List<String> names = new ArrayList<>();
        for (String test : tests) {
            Matcher testClass = Pattern.compile("\\nclass (Test\\w+)").matcher(test);
            assertThat(testClass.find()).isTrue();
            String name = plugin.javaPackage() + "." + testClass.group(1);
            Path src = work.resolve("src").resolve(name.replace('.', '/') + ".java");
            Files.createDirectories(src.getParent());
            Files.writeString(src, test);
            args.add(src.toString());
            names.add(name);
        }
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int rc = ToolProvider.getSystemJavaCompiler().run(null, null, err, args.toArray(String[]::new));
        assertThat(rc).as("the guide's tests compile against the test kit:\n%s", err).isZero();

        String before = System.getProperty(TestHost.PLUGINS_PROPERTY);
        System.setProperty(TestHost.PLUGINS_PROPERTY, plugins.toString());
        Thread thread = Thread.currentThread();
        ClassLoader context = thread.getContextClassLoader();
        try (URLClassLoader loader = new TestClassPath(new URL[] {classes.toUri().toURL(), jar.toUri().toURL()},
                getClass().getClassLoader())) {
            thread.setContextClassLoader(loader);
            for (String name : names) {
                assertThat(runTests(loader.loadClass(name))).as("@Test methods run in %s", name).isPositive();
            }
        } finally {
            thread.setContextClassLoader(context);
            if (before == null) {
                System.clearProperty(TestHost.PLUGINS_PROPERTY);
            } else {
                System.setProperty(TestHost.PLUGINS_PROPERTY, before);
            }
        }
    }

    /**
     * The guide's test class path as Maven orders it: its test classes and its plugin's classes (here the jar, with
     * the index the processor wrote) before the dependencies, so a resource such as META-INF/extensions.idx is the
     * plugin's own, not the one of the module running this test.
     */
    private static final class TestClassPath extends URLClassLoader {
        TestClassPath(URL[] urls, ClassLoader parent) {
            super(urls, parent);
        }

        @Override
        public URL getResource(String name) {
            URL own = findResource(name);
            return own != null ? own : super.getResource(name);
        }
    }

    /** Runs each {@code @Test} method of the class on a new instance, as JUnit does; a failure fails this test. */
    private static int runTests(Class<?> type) throws Exception {
        Constructor<?> ctor = type.getDeclaredConstructor();
        ctor.setAccessible(true);
        int ran = 0;
        for (Method m : type.getDeclaredMethods()) {
            if (m.isAnnotationPresent(Test.class)) {
                m.setAccessible(true);
                try {
                    m.invoke(ctor.newInstance());
                } catch (InvocationTargetException e) {
                    throw new AssertionError(type.getSimpleName() + "." + m.getName() + " failed", e.getCause());
                }
                ran++;
            }
        }
        return ran;
    }

    /** Section 5's webhook package: imported next to the webhooks plugin, its listener answers with the action. */
    @Test
    @SuppressWarnings("unchecked")
    void theGuidesWebhookPackageAnswersWithTheAction() throws Exception {
        String guide = Files.readString(GUIDE);
        GuidePlugin plugin = GuidePlugin.of(guide);
        String template = block(guide, "json").stream().filter(j -> j.contains("\"webhook_listener\"")).findFirst()
                .orElseThrow(() -> new AssertionError("no webhook package in the guide"));
        try (TestHost host = PluginJar.hostWith(plugin.jar())) {
            assertThat(host.admin("POST", "/api/plugins/" + plugin.id() + "/enable", null).statusCode()).isEqualTo(200);
            HttpResponse<String> imported = host.admin("POST", "/api/packages/import", template);
            assertThat(imported.statusCode()).as(imported.body()).isEqualTo(201);
            List<Map<String, Object>> records = (List<Map<String, Object>>) map(imported.body()).get("records");
            String url = (String) records.get(0).get("url");
            assertThat(url).as("the import's answer gives the listener's URL (records[0].url)")
                    .matches("http://[^/]+:" + host.host().port() + "/webhooks/[0-9a-f]{40}");

            Matcher curl = Pattern.compile("curl -d '([^']*)' http://localhost:8080/webhooks/<guid> +# (.*)")
                    .matcher(guide);
            assertThat(curl.find()).as("the guide's call of the webhook").isTrue();
            HttpResponse<String> answer = host.send(HttpRequest.newBuilder(URI.create(url))
                    .POST(HttpRequest.BodyPublishers.ofString(curl.group(1))));
            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(answer.body()).isEqualTo(curl.group(2).trim());
            assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v)
                    .startsWith("text/plain"));
        }
    }

    /** Section 3's table: one row per {@link ParamType} at least, each example prepared as the row says. */
    @Test
    void theParamTypeTableIsWhatActionsGet() throws Exception {
        String guide = Files.readString(GUIDE);
        Matcher row = Pattern.compile("(?m)^\\| `(\\w+)` \\| [^|]*\\| `([^`]*)` \\| `([^`]*)` \\(`(\\w+)`\\) \\|$")
                .matcher(guide);
        Set<ParamType> seen = EnumSet.noneOf(ParamType.class);
        FakeActionContext ctx = FakeActionContext.on(EventIds.TICKET_CREATED)
                .with(Map.of("name", "Ann", "email", "ann@example.com", "flag", "1"));
        Map<String, Class<?>> types = Map.of("String", String.class, "Long", Long.class, "Double", Double.class,
                "Boolean", Boolean.class, "Map", Map.class, "List", List.class);
        while (row.find()) {
            ParamType type = ParamType.valueOf(row.group(1));
            seen.add(type);
            Action action = new Action() {
                public String id() {
                    return "guide_param";
                }

                public String label() {
                    return "a param of each type";
                }

                public List<ActionParam> params() {
                    return List.of(ActionParam.of("p", type, true, ""));
                }

                public void execute(ActionContext context, Map<String, Object> params) {
                }
            };
            FakeActionContext.Call call = ctx.run(action, Map.of("p", JSON.parse(row.group(2))));
            assertThat(call.error()).as(row.group()).isNull();
            Object got = call.params().get("p");
            assertThat(JSON.write(got)).as(row.group()).isEqualTo(row.group(3));
            assertThat(got).as(row.group()).isInstanceOf(types.get(row.group(4)));
        }
        assertThat(seen).as("the guide's param type table").containsExactlyInAnyOrder(ParamType.values());
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

    /** The build plugin execution with this id, or null. */
    private static Element execution(Document pom, String id) {
        NodeList executions = pom.getElementsByTagName("execution");
        for (int i = 0; i < executions.getLength(); i++) {
            Element e = (Element) executions.item(i);
            if (id.equals(text(e, "id"))) {
                return e;
            }
        }
        return null;
    }

    private static Document parse(String xml) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
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
