package dev.switchboard.host.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.host.json.HostJson;
import dev.switchboard.testkit.Browser;
import dev.switchboard.testkit.PluginJar;
import dev.switchboard.testkit.TestHost;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;

/**
 * A third-party plugin's admin page (the {@code AdminPages} extension point, files in its own jar): in the
 * navigation while the plugin is started and gone when it is disabled (headless Chromium, screenshots under
 * target/screenshots/), its files served with the admin page's CSP and their content types, nothing outside its
 * folder, and a page id that is taken refused at start.
 */
class TestPluginAdminPages {
    private static final HostJson JSON = new HostJson();
    private static final String MODULE = "/admin/plugins/acme-pages/greetings.js";

    /** A plugin whose page imports the host's ui.js, a module of its own by relative URL, and its own stylesheet. */
    static PluginJar greetings() {
        return new PluginJar("acme-pages", null)
                .source("acme.GreetingPages", """
                        package acme;
                        import dev.switchboard.api.AdminPages;
                        import java.util.List;
                        public final class GreetingPages implements AdminPages {
                            public String folder() { return "admin/acme-pages"; }
                            public List<Page> pages() {
                                return List.of(new Page("greetings", "Greetings", 100, "greetings.js"));
                            }
                        }
                        """)
                .extension("acme.GreetingPages")
                .resource("admin/acme-pages/greetings.js", """
                        import { h, api, stylesheet } from '/admin/ui.js';
                        import { shout } from './lib/shout.js';
                        stylesheet(new URL('./greetings.css', import.meta.url));
                        export default async function (main, args) {
                          const { plugins } = await api('GET', '/api/plugins');
                          main.append(h('h2', {}, 'Greetings'),
                            h('p', { id: 'greeting', class: 'greeting' }, shout('hello from a plugin page'),
                              ` (${plugins.length} plugins; args ${args.join(',')})`));
                        }
                        """)
                .resource("admin/acme-pages/lib/shout.js",
                        "export function shout(text) { return text.toUpperCase(); }\n")
                .resource("admin/acme-pages/greetings.css", ".greeting { color: rgb(0, 128, 0); }\n")
                .resource("admin/acme-pages/icon.svg",
                        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 1 1\"/>\n")
                .resource("admin/acme-pages/notes.md", "not a type the host serves\n")
                .resource("admin/secret.txt", "outside the folder\n");
    }

    @Test
    void aPluginPageAppearsInTheNavigationWhenEnabledAndDisappearsWhenDisabled() {
        try (TestHost host = PluginJar.hostWith(greetings()); Browser b = Browser.start()) {
            b.signIn(host.url(), TestHost.ADMIN_TOKEN);
            b.find(By.cssSelector("tr[data-plugin='acme-pages']"));
            assertThat(navigation(b)).doesNotContain("Greetings");

            b.find(By.cssSelector("tr[data-plugin='acme-pages'] button")).click();
            b.until(d -> d.findElement(By.cssSelector("tr[data-plugin='acme-pages']")).getText().contains("started")
                    ? true : null);
            b.until(d -> navigation(b).contains("Greetings") ? true : null);
            assertThat(navigation(b)).containsExactly("Plugins", "Packages", "Bots & behaviors", "Greetings");
            b.screenshot("20-plugin-page-in-navigation");

            b.find(By.linkText("Greetings")).click();
            b.waitForText("HELLO FROM A PLUGIN PAGE");
            assertThat(b.find(By.id("greeting")).getText()).contains("(1 plugins; args )");
            b.until(d -> "rgb(0, 128, 0)".equals(((JavascriptExecutor) d).executeScript(
                    "return getComputedStyle(document.getElementById('greeting')).color")) ? true : null);
            assertThat(b.driver().getTitle()).isEqualTo("Greetings · Switchboard");
            b.open(host.url() + "/admin#/greetings/7/edit");
            b.waitForText("args 7,edit");
            b.screenshot("21-plugin-page");

            b.find(By.linkText("Plugins")).click();
            b.find(By.cssSelector("tr[data-plugin='acme-pages'] button.danger")).click();
            b.until(d -> d.findElement(By.cssSelector("tr[data-plugin='acme-pages']")).getText().contains("disabled")
                    ? true : null);
            assertThat(navigation(b)).doesNotContain("Greetings");
            b.open(host.url() + "/admin#/greetings");
            b.find(By.id("plugins")); // an unknown page is the first page
            assertThat(navigation(b)).doesNotContain("Greetings");
            b.screenshot("22-plugin-page-gone");
        }
    }

    @Test
    void thePluginsFilesAreServedFromItsJarWithTheAdminPagesHeadersUntilItIsDisabled() {
        try (TestHost host = PluginJar.hostWith(greetings())) {
            assertThat(host.anonymous("GET", MODULE, null).statusCode()).as("not started yet").isEqualTo(404);
            assertThat(pageIds(host)).doesNotContain("greetings");
            assertThat(host.admin("POST", "/api/plugins/acme-pages/enable", null).statusCode()).isEqualTo(200);

            assertThat(pages(host)).contains(Map.of("id", "greetings", "title", "Greetings", "order", 100L,
                    "module", MODULE, "plugin", "acme-pages"));
            HttpResponse<String> module = host.anonymous("GET", MODULE, null);
            assertThat(module.statusCode()).isEqualTo(200);
            assertThat(module.body()).contains("import { shout } from './lib/shout.js';");
            assertThat(module.headers().firstValue("Content-Type")).contains("text/javascript; charset=utf-8");
            assertThat(module.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp ->
                    assertThat(csp).contains("script-src 'self';").contains("default-src 'self'")
                            .doesNotContain("unsafe-inline"));
            assertThat(module.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
            assertThat(type(host, "/admin/plugins/acme-pages/lib/shout.js"))
                    .isEqualTo("text/javascript; charset=utf-8");
            assertThat(type(host, "/admin/plugins/acme-pages/greetings.css")).isEqualTo("text/css; charset=utf-8");
            assertThat(type(host, "/admin/plugins/acme-pages/icon.svg")).startsWith("image/svg+xml");

            for (String path : List.of("/admin/plugins/acme-pages/notes.md",
                    "/admin/plugins/acme-pages/acme/GreetingPages.class", "/admin/plugins/acme-pages/missing.js",
                    "/admin/plugins/acme-pages/admin.js", "/admin/plugins/acme-pages/.greetings.js",
                    "/admin/plugins/webhooks/greetings.js", "/admin/plugins/host/ui.js",
                    "/admin/plugins/nobody/greetings.js")) {
                HttpResponse<String> r = host.anonymous("GET", path, null);
                assertThat(r.statusCode()).as(path).isEqualTo(404);
                assertThat(r.body()).as(path).contains("no such file");
            }
            // Sent byte for byte (an HTTP client would normalise the dots away): nothing outside the folder.
            for (String path : List.of("/admin/plugins/acme-pages/../secret.txt",
                    "/admin/plugins/acme-pages/%2e%2e/secret.txt", "/admin/plugins/acme-pages/lib/..%2f..%2fsecret.txt",
                    "/admin/plugins/acme-pages/lib%5c..%5c..%5csecret.txt",
                    "/admin/plugins/acme-pages/%2e%2e/%2e%2e/META-INF/MANIFEST.MF",
                    "/admin/plugins/acme-pages//secret.txt")) {
                String answer = raw(host, path);
                assertThat(answer).as(path).doesNotStartWith("HTTP/1.1 200").doesNotContain("outside the folder")
                        .doesNotContain("Plugin-Id");
            }

            assertThat(host.admin("POST", "/api/plugins/acme-pages/disable", null).statusCode()).isEqualTo(200);
            assertThat(host.anonymous("GET", MODULE, null).statusCode()).as("disabled").isEqualTo(404);
            assertThat(pageIds(host)).doesNotContain("greetings").contains("plugins", "packages", "bots");
        }
    }

    @Test
    void aPluginWhosePageIdIsTakenOrNotValidIsRefusedNamingBoth() {
        PluginJar taken = pagesPlugin("acme-taken", "new Page(\"plugins\", \"Mine\", 1, \"mine.js\")");
        PluginJar invalid = pagesPlugin("acme-invalid", "new Page(\"ok\", \"Ok\", 1, \"../host.js\")");
        try (TestHost host = PluginJar.hostWith(taken, invalid)) {
            HttpResponse<String> r = host.admin("POST", "/api/plugins/acme-taken/enable", null);
            assertThat(r.statusCode()).isGreaterThanOrEqualTo(400);
            assertThat(r.body()).contains("admin page 'plugins' of acme-taken clashes with the one of host");
            HttpResponse<String> bad = host.admin("POST", "/api/plugins/acme-invalid/enable", null);
            assertThat(bad.statusCode()).isGreaterThanOrEqualTo(400);
            assertThat(bad.body()).contains("admin pages of acme-invalid are not valid")
                    .contains("module '../host.js' must be a relative path");
            assertThat(pageIds(host)).containsExactly("plugins", "packages", "bots");
            assertThat(host.anonymous("GET", "/admin/pages/plugins.js", null).statusCode()).isEqualTo(200);
        }
    }

    /** A plugin with one AdminPages extension whose page is the Java expression given. */
    private static PluginJar pagesPlugin(String id, String page) {
        return new PluginJar(id, null).source("acme.Pages", """
                package acme;
                import dev.switchboard.api.AdminPages;
                import java.util.List;
                public final class Pages implements AdminPages {
                    public String folder() { return "admin/%s"; }
                    public List<Page> pages() { return List.of(%s); }
                }
                """.formatted(id, page)).extension("acme.Pages");
    }

    private static List<String> navigation(Browser b) {
        return b.driver().findElements(By.cssSelector("header nav a")).stream().map(a -> a.getText()).toList();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> pages(TestHost host) {
        HttpResponse<String> r = host.admin("GET", "/api/admin/pages", null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return (List<Map<String, Object>>) ((Map<String, Object>) JSON.parse(r.body())).get("pages");
    }

    private static List<String> pageIds(TestHost host) {
        return pages(host).stream().map(p -> (String) p.get("id")).toList();
    }

    private static String type(TestHost host, String path) {
        HttpResponse<String> r = host.anonymous("GET", path, null);
        assertThat(r.statusCode()).as(path).isEqualTo(200);
        return r.headers().firstValue("Content-Type").orElse("");
    }

    /** One GET with the path exactly as written; the whole answer as text. */
    private static String raw(TestHost host, String path) {
        try (Socket s = new Socket("127.0.0.1", host.host().port())) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
