package dev.switchboard.host.admin;

import dev.switchboard.api.AdminPages;
import java.util.List;

/**
 * The host's own admin pages, registered as a built-in extension so that a plugin page cannot take their ids. Their
 * modules are files of the host jar that {@link AdminPage} serves at {@code /admin/pages/}.
 */
public final class HostPages implements AdminPages {
    private static final List<Page> PAGES = List.of(
            new Page("plugins", "Plugins", 10, "pages/plugins.js"),
            new Page("packages", "Packages", 20, "pages/packages.js"),
            new Page("bots", "Bots & behaviors", 30, "pages/bots.js"));

    @Override
    public String folder() {
        return "admin";
    }

    @Override
    public List<Page> pages() {
        return PAGES;
    }

    /** Modules and stylesheets the pages import that are not pages themselves (the behavior editor). */
    private static final List<String> HELPERS = List.of("editor.js", "editor.css");

    /** The file names under {@code admin/pages/} of the host jar. */
    static List<String> files() {
        return java.util.stream.Stream.concat(PAGES.stream().map(p -> p.module().substring("pages/".length())),
                HELPERS.stream()).toList();
    }
}
