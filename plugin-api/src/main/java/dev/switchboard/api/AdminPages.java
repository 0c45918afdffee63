package dev.switchboard.api;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import org.pf4j.ExtensionPoint;

/**
 * Pages a plugin adds to the admin page at {@code /admin}, shown in its navigation while the plugin is started.
 *
 * <p>Each page is a JavaScript ES module in the plugin jar, loaded by the browser with no build step. The host serves
 * the files under {@link #folder()} of the jar at {@code /admin/plugins/<plugin-id>/…} (modules, stylesheets, images:
 * {@code .js}, {@code .mjs}, {@code .css}, {@code .svg}, {@code .png}, {@code .json}, {@code .txt}) with the admin
 * page's Content-Security-Policy ({@code script-src 'self'}: no inline script, no other origin), and answers
 * {@code 404} for them once the plugin is disabled.
 *
 * <p>A page module's default export renders the page into the element it is given; {@code args} are the hash
 * route's further segments ({@code #/<page-id>/12/edit} gives {@code ["12", "edit"]}). It imports the host's UI
 * helpers from {@code /admin/ui.js} ({@code h}, {@code api}, {@code action}, {@code notice}, {@code badge} …; see
 * docs/writing-an-action-plugin.md) and its own modules by relative URL:
 *
 * <pre>{@code
 * // src/main/resources/admin/greetings/greetings.js
 * import { h, api } from '/admin/ui.js';
 * export default async function (main, args) {
 *   const { greetings } = await api('GET', '/api/greetings');
 *   main.append(h('h2', {}, 'Greetings'), h('ul', {}, greetings.map(g => h('li', {}, g.text))));
 * }
 * }</pre>
 *
 * <pre>{@code
 * @Extension
 * public final class GreetingPages implements AdminPages {
 *     public String folder() { return "admin/greetings"; }
 *     public List<Page> pages() {
 *         return List.of(new Page("greetings", "Greetings", 100, "greetings.js"));
 *     }
 * }
 * }</pre>
 *
 * <p>Page ids are the pages' routes ({@code #/greetings}): a plugin whose page id is taken by the host or by a
 * started plugin is refused at start, naming both.
 *
 * <p>A plugin can also add a panel to the behavior editor for behaviors of one event ({@link #editorPanels()}): a
 * module in the same folder, listed by {@code GET /api/admin/pages} while the plugin is started, whose default export
 * renders the panel under the editor's tree:
 *
 * <pre>{@code
 * // src/main/resources/admin/greetings/editor-panel.js
 * export default async function (container, editor) {
 *   // editor.behavior: the behavior (GET /api/behaviors/{id}), editor.behaviorId its id,
 *   // editor.draft(): a copy of the tree being edited (nodes, unsaved changes included),
 *   // editor.onSaved(fn): fn() runs after each saved draft, editor.ui: the helpers of /admin/ui.js
 *   const { h } = editor.ui;
 *   container.append(h('p', {}, `${editor.draft().length} top-level nodes in behavior #${editor.behaviorId}`));
 * }
 * }</pre>
 *
 * @since 1.4.0
 */
public interface AdminPages extends ExtensionPoint {
    /**
     * The folder inside the plugin jar whose files the host serves at {@code /admin/plugins/<plugin-id>/}, named for
     * the plugin as its migrations' {@code db/<plugin-id>/} is (e.g. {@code admin/greetings}): only files of the
     * plugin's own jar are served, but a resource path that names the plugin cannot be mistaken for another's.
     *
     * @since 1.4.0
     */
    String folder();

    /**
     * The pages, each with its navigation entry.
     *
     * @since 1.4.0
     */
    List<Page> pages();

    /**
     * Panels this plugin adds to the behavior editor, each for behaviors of one event; none by default. A module may
     * be a page's module too, but usually is a file of its own.
     *
     * <pre>{@code
     * public List<EditorPanel> editorPanels() {
     *     return List.of(new EditorPanel("event.greeting.received", "editor-panel.js"));
     * }
     * }</pre>
     *
     * @since 1.4.0
     */
    default List<EditorPanel> editorPanels() {
        return List.of();
    }

    /**
     * One admin page.
     *
     * @param id     the route, {@code #/<id>}: lower-case letters, digits and {@code -}, starting with a letter
     * @param title  the navigation entry and the window title, e.g. {@code Greetings}
     * @param order  the place in the navigation: lower first; the host's pages are 10, 20 and 30
     * @param module the ES module's path inside {@link #folder()}, e.g. {@code greetings.js} or
     *               {@code pages/greetings.js}
     * @since 1.4.0
     */
    record Page(String id, String title, int order, String module) {
        private static final Pattern ID = Pattern.compile("[a-z][a-z0-9-]{0,39}");
        private static final Pattern MODULE =
                Pattern.compile("([A-Za-z0-9_-][A-Za-z0-9._-]*/)*[A-Za-z0-9_-][A-Za-z0-9._-]*\\.m?js");

        /**
         * Checks the page.
         *
         * @throws IllegalArgumentException naming the field that is not valid
         * @since 1.4.0
         */
        public Page {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(title, "title");
            Objects.requireNonNull(module, "module");
            if (!ID.matcher(id).matches()) {
                throw new IllegalArgumentException("admin page id '" + id + "' must match " + ID.pattern());
            }
            if (title.isBlank() || title.length() > 40) {
                throw new IllegalArgumentException("admin page '" + id + "': title must have 1 to 40 characters");
            }
            if (!MODULE.matcher(module).matches() || module.contains("..")) {
                throw new IllegalArgumentException("admin page '" + id + "': module '" + module
                        + "' must be a relative path of a .js file inside the folder (no '..', no leading '/')");
            }
        }
    }

    /**
     * One panel of the behavior editor, shown for behaviors of {@code event} while the plugin is started.
     *
     * @param event  the event id of the behaviors it is shown for, e.g. {@code event.webhook.received}
     * @param module the ES module's path inside {@link #folder()}, e.g. {@code editor-panel.js}
     * @since 1.4.0
     */
    record EditorPanel(String event, String module) {
        /**
         * Checks the panel.
         *
         * @throws IllegalArgumentException naming the field that is not valid
         * @since 1.4.0
         */
        public EditorPanel {
            Objects.requireNonNull(event, "event");
            Objects.requireNonNull(module, "module");
            if (event.isBlank() || event.length() > 200) {
                throw new IllegalArgumentException("editor panel '" + module
                        + "': event must have 1 to 200 characters");
            }
            if (!Page.MODULE.matcher(module).matches() || module.contains("..")) {
                throw new IllegalArgumentException("editor panel for " + event + ": module '" + module
                        + "' must be a relative path of a .js file inside the folder (no '..', no leading '/')");
            }
        }
    }
}
