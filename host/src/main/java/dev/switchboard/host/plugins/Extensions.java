package dev.switchboard.host.plugins;

import dev.switchboard.api.Action;
import dev.switchboard.api.AdminPages;
import dev.switchboard.api.EventListener;
import dev.switchboard.api.EventType;
import dev.switchboard.api.HealthCheck;
import dev.switchboard.api.RecordType;
import dev.switchboard.host.http.HttpRoute;
import dev.switchboard.host.http.RouteCollector;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An immutable snapshot of what the host and the started plugins provide. A new snapshot replaces the old one
 * whenever a plugin starts or stops, so readers never lock.
 */
public final class Extensions {
    private final Map<String, Registered<Action>> actions;
    private final List<Registered<Action>> actionList;
    private final Map<String, Registered<EventType>> events;
    private final List<HttpRoute> routes;
    private final List<Registered<EventListener>> listeners;
    private final Map<String, Registered<RecordType>> recordTypes;
    private final List<Registered<HealthCheck>> healthChecks;
    private final List<Registered<PageSet>> adminPages;

    private Extensions(Builder b) {
        this.actions = Collections.unmodifiableMap(b.actions);
        this.actionList = List.copyOf(b.actionList);
        this.events = Collections.unmodifiableMap(b.events);
        this.routes = List.copyOf(b.routes);
        this.listeners = List.copyOf(b.listeners);
        this.recordTypes = Collections.unmodifiableMap(b.recordTypes);
        this.healthChecks = List.copyOf(b.healthChecks);
        this.adminPages = List.copyOf(b.adminPages);
    }

    /** An empty snapshot. */
    public static Extensions empty() {
        return new Builder().build();
    }

    /** The action with this id or alias (case-insensitive). */
    public Optional<Registered<Action>> action(String id) {
        return Optional.ofNullable(actions.get(id.toLowerCase(Locale.ROOT)));
    }

    /** Every action once, in registration order. */
    public List<Registered<Action>> actions() {
        return actionList;
    }

    /** The event type with this id. */
    public Optional<Registered<EventType>> event(String id) {
        return Optional.ofNullable(events.get(id));
    }

    /** Every event type. */
    public List<Registered<EventType>> events() {
        return List.copyOf(events.values());
    }

    /** Every HTTP route: the host's own and those of the started plugins ({@code HttpRoutes}, {@code HttpEndpoint}). */
    public List<HttpRoute> routes() {
        return routes;
    }

    /** Event listeners. */
    public List<Registered<EventListener>> listeners() {
        return listeners;
    }

    /** Health checks of the host's built-ins and the started plugins, for {@code /health}. */
    public List<Registered<HealthCheck>> healthChecks() {
        return healthChecks;
    }

    /** Admin pages of the host and the started plugins, in registration order (the host's first). */
    public List<Registered<PageSet>> adminPages() {
        return adminPages;
    }

    /**
     * One {@link AdminPages} extension as read (and checked) when its plugin started: what it answered then is what
     * is served, so no plugin code runs when the admin page asks for its navigation or files.
     *
     * @param loader the class loader of the extension (a plugin's: its jar)
     */
    public record PageSet(String folder, List<AdminPages.Page> pages, List<AdminPages.EditorPanel> editorPanels,
                          ClassLoader loader) {
    }

    /** The record type for a {@code _context} (or alias). */
    public Optional<Registered<RecordType>> recordType(String context) {
        return Optional.ofNullable(recordTypes.get(context.toLowerCase(Locale.ROOT)));
    }

    /** Every record type once (its aliases are keys of {@link #recordType} only), in registration order. */
    public List<Registered<RecordType>> recordTypes() {
        return recordTypes.values().stream().distinct().toList();
    }

    /** Collects extensions; ids that clash are reported, not silently replaced. */
    public static final class Builder {
        private final Map<String, Registered<Action>> actions = new LinkedHashMap<>();
        private final List<Registered<Action>> actionList = new ArrayList<>();
        private final Map<String, Registered<EventType>> events = new LinkedHashMap<>();
        private final List<HttpRoute> routes = new ArrayList<>();
        private final List<Registered<EventListener>> listeners = new ArrayList<>();
        private final Map<String, Registered<RecordType>> recordTypes = new LinkedHashMap<>();
        private final List<Registered<HealthCheck>> healthChecks = new ArrayList<>();
        private final List<Registered<PageSet>> adminPages = new ArrayList<>();
        private final Map<String, String> adminPageOwners = new LinkedHashMap<>();

        /**
         * Adds one extension of any supported kind.
         *
         * @return clashes found, as messages naming both owners ("action 'x' of plugin b clashes with plugin a")
         */
        public List<String> add(String pluginId, Object ext) {
            List<String> clashes = new ArrayList<>();
            if (ext instanceof Action a) {
                Registered<Action> r = new Registered<>(pluginId, a);
                List<String> ids = new ArrayList<>();
                ids.add(a.id());
                ids.addAll(a.aliases());
                for (String id : ids) {
                    Registered<Action> old = actions.get(id.toLowerCase(Locale.ROOT));
                    if (old != null && old.extension() != a) {
                        clashes.add("action '" + id + "' of " + pluginId + " clashes with the one of " + old.pluginId());
                    }
                }
                if (clashes.isEmpty()) {
                    ids.forEach(id -> actions.put(id.toLowerCase(Locale.ROOT), r));
                    actionList.add(r);
                }
            }
            if (ext instanceof EventType e) {
                Registered<EventType> old = events.get(e.id());
                if (old != null) {
                    clashes.add("event '" + e.id() + "' of " + pluginId + " clashes with the one of " + old.pluginId());
                } else {
                    events.put(e.id(), new Registered<>(pluginId, e));
                }
            }
            if (ext instanceof RecordType t) {
                List<String> ids = new ArrayList<>();
                ids.add(t.context());
                ids.addAll(t.aliases());
                for (String id : ids) {
                    Registered<RecordType> old = recordTypes.get(id.toLowerCase(Locale.ROOT));
                    if (old != null) {
                        clashes.add("record type '" + id + "' of " + pluginId + " clashes with the one of "
                                + old.pluginId());
                    }
                }
                if (clashes.isEmpty()) {
                    ids.forEach(id -> recordTypes.put(id.toLowerCase(Locale.ROOT), new Registered<>(pluginId, t)));
                }
            }
            clashes.addAll(addRoutes(pluginId, ext));
            if (ext instanceof EventListener l) {
                listeners.add(new Registered<>(pluginId, l));
            }
            if (ext instanceof HealthCheck h) {
                healthChecks.add(new Registered<>(pluginId, h));
            }
            if (ext instanceof AdminPages p) {
                clashes.addAll(addAdminPages(pluginId, p));
            }
            return clashes;
        }

        /** Page ids are routes of one page: each may have one owner (the host's pages are added first). */
        private List<String> addAdminPages(String pluginId, AdminPages p) {
            List<AdminPages.Page> pages;
            List<AdminPages.EditorPanel> panels;
            String folder;
            try {
                pages = List.copyOf(p.pages());
                panels = List.copyOf(p.editorPanels());
                folder = p.folder();
            } catch (RuntimeException e) {
                return List.of("admin pages of " + pluginId + " are not valid: "
                        + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
            }
            List<String> problems = new ArrayList<>();
            if (folder == null || !folder.matches("[A-Za-z0-9_-]+(/[A-Za-z0-9_-]+)*")) {
                problems.add("admin pages of " + pluginId + ": folder '" + folder
                        + "' must be a relative folder of the jar (letters, digits, '_', '-' and '/')");
            }
            Set<String> own = new HashSet<>();
            for (AdminPages.Page page : pages) {
                String old = adminPageOwners.get(page.id());
                if (old != null) {
                    problems.add("admin page '" + page.id() + "' of " + pluginId + " clashes with the one of " + old);
                } else if (!own.add(page.id())) {
                    problems.add("admin page '" + page.id() + "' of " + pluginId + " is declared twice");
                }
            }
            if (problems.isEmpty()) {
                own.forEach(id -> adminPageOwners.put(id, pluginId));
                adminPages.add(new Registered<>(pluginId,
                        new PageSet(folder, pages, panels, p.getClass().getClassLoader())));
            }
            return problems;
        }

        /** A route clashes when it has the shape and a method of one already there (the host's or a plugin's). */
        private List<String> addRoutes(String pluginId, Object ext) {
            List<HttpRoute> declared;
            try {
                declared = RouteCollector.routesOf(pluginId, ext);
            } catch (RuntimeException e) {
                // A bad pattern, or the plugin's routes() failing: the plugin does not start, and this is its reason.
                return List.of("bad route of " + pluginId + ": " + e.getMessage());
            }
            List<String> clashes = new ArrayList<>();
            for (HttpRoute r : declared) {
                for (HttpRoute old : routes) {
                    if (old.clashesWith(r)) {
                        clashes.add("route " + r.describe() + " clashes with " + old.describe());
                    }
                }
            }
            if (clashes.isEmpty()) {
                routes.addAll(declared);
            }
            return clashes;
        }

        public Extensions build() {
            return new Extensions(this);
        }
    }
}
