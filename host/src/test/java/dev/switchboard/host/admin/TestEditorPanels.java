package dev.switchboard.host.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.host.json.HostJson;
import dev.switchboard.testkit.Browser;
import dev.switchboard.testkit.PluginJar;
import dev.switchboard.testkit.TestHost;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;

/**
 * A plugin's panel in the behavior editor ({@code AdminPages.editorPanels()}), in headless Chromium: with no plugin
 * the editor has no panel; with the plugin started its module is listed by {@code GET /api/admin/pages} and mounted
 * under the tree for behaviors of its event only, and sees the behavior, the draft being edited and each save.
 */
class TestEditorPanels {
    private static final HostJson JSON = new HostJson();
    private static final String EVENT = "event.macro.bot";

    private static PluginJar panelPlugin() {
        return new PluginJar("acme-panel", null)
                .source("acme.PanelPages", """
                        package acme;
                        import dev.switchboard.api.AdminPages;
                        import java.util.List;
                        public final class PanelPages implements AdminPages {
                            public String folder() { return "admin/acme-panel"; }
                            public List<Page> pages() { return List.of(); }
                            public List<EditorPanel> editorPanels() {
                                return List.of(new EditorPanel("%s", "panel.js"));
                            }
                        }
                        """.formatted(EVENT))
                .extension("acme.PanelPages")
                .resource("admin/acme-panel/panel.js", """
                        export default async function (container, editor) {
                          const { h } = editor.ui;
                          const out = h('p', { id: 'acme-out' }, `behavior #${editor.behaviorId} (${editor.behavior.event})`);
                          const saves = h('p', { id: 'acme-saves' }, 'saved 0');
                          let n = 0;
                          editor.onSaved(() => { saves.textContent = 'saved ' + (++n); });
                          container.append(h('section', { class: 'panel', id: 'acme-panel' }, h('h3', {}, 'Acme panel'),
                            out, saves, h('button', { type: 'button', id: 'acme-count', onclick: () => {
                              const d = editor.draft();
                              d.push({ type: 'action' }); // a copy: the editor's tree is not changed by the panel
                              out.textContent = 'draft has ' + (d.length - 1) + ' top-level nodes: '
                                + editor.draft().map(x => x.title).join(', ');
                            } }, 'Count')));
                        }
                        """);
    }

    @Test
    void aStartedPluginsPanelIsMountedForItsEventAndSeesTheDraftAndEachSave() {
        try (TestHost host = PluginJar.hostWith(panelPlugin()); Browser b = Browser.start()) {
            long bot = idIn(host.admin("POST", "/api/bots", "{\"name\": \"Panel bot\"}"));
            long mine = idIn(host.admin("POST", "/api/behaviors",
                    "{\"bot_id\": " + bot + ", \"title\": \"Mine\", \"event\": \"" + EVENT + "\"}"));
            long other = idIn(host.admin("POST", "/api/behaviors",
                    "{\"bot_id\": " + bot + ", \"title\": \"Other\", \"event\": \"ticket.created\"}"));
            b.signIn(host.url(), TestHost.ADMIN_TOKEN);

            // Not started: no panel listed, the editor works without one.
            assertThat(panels(host)).isEmpty();
            b.open(host.url() + "/admin#/bots/" + bot + "/" + mine);
            b.find(By.id("add-top-action"));
            b.find(By.id("revisions"));
            assertThat(b.driver().findElements(By.cssSelector(".editor-panel"))).isEmpty();
            b.screenshot("editor-panels-01-none");

            assertThat(host.admin("POST", "/api/plugins/acme-panel/enable", null).statusCode()).isEqualTo(200);
            assertThat(panels(host)).containsExactly(Map.of("event", EVENT,
                    "module", "/admin/plugins/acme-panel/panel.js", "plugin", "acme-panel"));
            b.open(host.url() + "/admin#/bots/" + bot + "/" + other);
            b.find(By.id("revisions"));
            b.open(host.url() + "/admin#/bots/" + bot + "/" + mine);
            b.waitForText("behavior #" + mine + " (" + EVENT + ")");
            b.find(By.id("add-top-action")).click();
            b.find(By.id("node-title")).clear();
            b.find(By.id("node-title")).sendKeys("First", Keys.TAB);
            b.find(By.id("acme-count")).click();
            b.waitForText("draft has 1 top-level nodes: First");
            b.find(By.id("save-draft")).click();
            b.waitForText("Draft saved");
            assertThat(b.find(By.id("acme-saves")).getText()).isEqualTo("saved 1");
            b.find(By.id("acme-count")).click();
            b.waitForText("draft has 1 top-level nodes: First");
            b.screenshot("editor-panels-02-mounted");

            // Another event's behavior: no panel.
            b.open(host.url() + "/admin#/bots/" + bot + "/" + other);
            b.waitForText("Other");
            b.find(By.id("revisions"));
            assertThat(b.driver().findElements(By.id("acme-panel"))).isEmpty();
        }
    }

    @Test
    void aPanelWhoseModuleIsNotValidIsRefusedAtStart() {
        PluginJar bad = new PluginJar("acme-bad-panel", null).source("acme.Bad", """
                package acme;
                import dev.switchboard.api.AdminPages;
                import java.util.List;
                public final class Bad implements AdminPages {
                    public String folder() { return "admin/acme-bad-panel"; }
                    public List<Page> pages() { return List.of(); }
                    public List<EditorPanel> editorPanels() { return List.of(new EditorPanel("x", "../ui.js")); }
                }
                """).extension("acme.Bad");
        try (TestHost host = PluginJar.hostWith(bad)) {
            HttpResponse<String> r = host.admin("POST", "/api/plugins/acme-bad-panel/enable", null);
            assertThat(r.statusCode()).isGreaterThanOrEqualTo(400);
            assertThat(r.body()).contains("admin pages of acme-bad-panel are not valid")
                    .contains("module '../ui.js' must be a relative path");
            assertThat(panels(host)).isEmpty();
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> panels(TestHost host) {
        HttpResponse<String> r = host.admin("GET", "/api/admin/pages", null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return (List<Map<String, Object>>) ((Map<String, Object>) JSON.parse(r.body())).get("editor_panels");
    }

    @SuppressWarnings("unchecked")
    private static long idIn(HttpResponse<String> created) {
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return ((Number) ((Map<String, Object>) JSON.parse(created.body())).get("id")).longValue();
    }
}
