package dev.switchboard.host.admin;

import dev.switchboard.api.AdminPages;
import dev.switchboard.api.Field;
import dev.switchboard.api.HttpStatusException;
import dev.switchboard.host.http.Api;
import dev.switchboard.host.http.ApiRoutes;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.URLConnection;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The admin page's navigation (the host's pages and every started plugin's), the behavior editor's panels, and the
 * plugins' page files, served from each plugin's jar at {@code /admin/plugins/<plugin-id>/<path>} with the admin
 * page's security headers.
 * A plugin's files answer 404 as soon as it stops: only the started plugins' {@link AdminPages} are looked at.
 */
public final class PluginPages implements ApiRoutes {
    /** The plugin id the host's own extensions are registered under. */
    public static final String HOST = "host";
    /** The types served, by file name extension; nothing else is. */
    private static final Map<String, String> TYPES = Map.of(
            "js", "text/javascript; charset=utf-8",
            "mjs", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "svg", "image/svg+xml",
            "png", "image/png",
            "json", "application/json",
            "txt", "text/plain; charset=utf-8");
    /** One path segment: no leading dot (so no "." or ".."), no separator, no escape. */
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}");
    private static final int MAX_SEGMENTS = 16;

    /**
     * The pages of one plugin (or of the host, id {@link #HOST}) as read when it started.
     *
     * @param folder the folder of the plugin's jar its files are served from
     * @param panels the panels it adds to the behavior editor
     * @param loader the plugin's class loader (its jar)
     */
    public record Source(String pluginId, String folder, List<AdminPages.Page> pages,
                         List<AdminPages.EditorPanel> panels, ClassLoader loader) {
    }

    private final Supplier<List<Source>> sources;

    /** @param sources the host's and the started plugins' admin pages, read on each request */
    public PluginPages(Supplier<List<Source>> sources) {
        this.sources = sources;
    }

    @Override
    public void register(Api api) {
        api.get("/api/admin/pages", ctx -> api.json(ctx, 200,
                Map.of("pages", navigation(), "editor_panels", editorPanels())))
                .summary("The admin page's navigation and the behavior editor's panels").response(Navigation.class);
        api.get("/admin/plugins/{plugin}/<path>", ctx -> {
            String type = typeOf(ctx.pathParam("path"));
            byte[] body = read(ctx.pathParam("plugin"), ctx.pathParam("path"))
                    .orElseThrow(() -> new HttpStatusException(404, "no such file"));
            AdminPage.secureHeaders(ctx);
            ctx.contentType(type).result(body);
        }).summary("A file of a started plugin's admin pages");
    }

    /** Every page, lowest order first: {id, title, order, module (its URL), plugin (null for the host's)}. */
    List<Map<String, Object>> navigation() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Source s : sources.get()) {
            boolean host = HOST.equals(s.pluginId());
            String base = base(s);
            for (AdminPages.Page p : s.pages()) {
                Map<String, Object> page = new LinkedHashMap<>();
                page.put("id", p.id());
                page.put("title", p.title());
                page.put("order", p.order());
                page.put("module", base + p.module());
                page.put("plugin", host ? null : s.pluginId());
                out.add(page);
            }
        }
        out.sort(Comparator.comparingInt((Map<String, Object> p) -> (Integer) p.get("order"))
                .thenComparing(p -> (String) p.get("id")));
        return out;
    }

    /** Every behavior editor panel, in registration order (the host's first): {event, module (its URL), plugin}. */
    List<Map<String, Object>> editorPanels() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Source s : sources.get()) {
            boolean host = HOST.equals(s.pluginId());
            for (AdminPages.EditorPanel p : s.panels()) {
                Map<String, Object> panel = new LinkedHashMap<>();
                panel.put("event", p.event());
                panel.put("module", base(s) + p.module());
                panel.put("plugin", host ? null : s.pluginId());
                out.add(panel);
            }
        }
        return out;
    }

    private static String base(Source s) {
        return HOST.equals(s.pluginId()) ? "/admin/" : "/admin/plugins/" + s.pluginId() + "/";
    }

    /** The content type of a path the host would serve; a 404 for any other path (traversal, hidden files, types). */
    private static String typeOf(String path) {
        String[] segments = path.split("/", -1);
        if (segments.length > MAX_SEGMENTS) {
            throw new HttpStatusException(404, "no such file");
        }
        for (String segment : segments) {
            if (!SEGMENT.matcher(segment).matches()) {
                throw new HttpStatusException(404, "no such file");
            }
        }
        String name = segments[segments.length - 1];
        int dot = name.lastIndexOf('.');
        String type = dot < 0 ? null : TYPES.get(name.substring(dot + 1).toLowerCase(Locale.ROOT));
        if (type == null) {
            throw new HttpStatusException(404, "no such file");
        }
        return type;
    }

    /**
     * The file from the started plugin's own jar: {@link URLClassLoader#findResource} looks in the plugin's jar only,
     * never in the host's classpath behind it (PF4J's plugin class loaders are URL class loaders).
     */
    private Optional<byte[]> read(String pluginId, String path) {
        if (HOST.equals(pluginId)) {
            return Optional.empty();
        }
        for (Source s : sources.get()) {
            if (!s.pluginId().equals(pluginId) || !(s.loader() instanceof URLClassLoader loader)) {
                continue;
            }
            URL url = loader.findResource(s.folder() + "/" + path);
            if (url != null) {
                return Optional.of(bytes(url));
            }
        }
        return Optional.empty();
    }

    private static byte[] bytes(URL url) {
        try {
            URLConnection c = url.openConnection();
            c.setUseCaches(false); // no JarFile kept open: the jar may be replaced while the plugin is disabled
            try (InputStream in = c.getInputStream()) {
                return in.readAllBytes();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + url, e);
        }
    }

    /** The navigation, for the API document. */
    record Navigation(List<NavPage> pages, List<Panel> editorPanels) {
        record NavPage(String id, String title, int order, String module, @Field(required = false) String plugin) {
        }

        record Panel(String event, String module, @Field(required = false) String plugin) {
        }
    }
}
