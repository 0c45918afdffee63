package dev.switchboard.host.plugins;

import dev.switchboard.api.PluginHost;
import dev.switchboard.host.storage.HostDatabase;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Function;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginState;
import org.pf4j.PluginWrapper;

/**
 * The plugins, at run time: PF4J over the plugins folder ({@link HostPluginManager}), with the status in the database;
 * enabling a plugin runs its migrations and starts it ({@link PluginLifecycle}), and what it provides is published
 * while it runs ({@link ExtensionRegistry}); disabling stops it and withdraws it. A plugin that fails to load or
 * start is listed with the reason and the host keeps running.
 */
public final class PluginSystem implements AutoCloseable {
    private final PluginStatusStore status;
    private final HostPluginManager manager;
    private final ExtensionRegistry registry;
    private final PluginLifecycle lifecycle;

    /**
     * @param pluginsDir    the plugins folder
     * @param apiVersion    the plugin-api version plugins' {@code Plugin-Requires} is checked against
     * @param hosts         the services for a plugin id
     */
    public PluginSystem(HostDatabase db, PluginStatusStore status, Path pluginsDir, String apiVersion,
                        Function<String, PluginHost> hosts) {
        this.status = status;
        this.manager = new HostPluginManager(pluginsDir, apiVersion, status, hosts);
        this.registry = new ExtensionRegistry(manager);
        this.lifecycle = new PluginLifecycle(db, status, manager, registry);
    }

    /** Registers a host built-in extension (engine actions, the ticket record type …) before {@link #start()}. */
    public void addBuiltin(Object extension) {
        registry.addBuiltin(extension);
    }

    /** Called with every new snapshot of extensions (e.g. to drop caches keyed on actions). */
    public void onChange(Consumer<Extensions> subscriber) {
        registry.onChange(subscriber);
    }

    /** Loads every jar in the plugins folder without starting any (for the CLI's listing). */
    public synchronized void load() {
        manager.loadPlugins();
    }

    /** Loads every jar in the plugins folder and starts the enabled ones. */
    public synchronized void start() {
        lifecycle.startAll();
    }

    /** The current extensions. */
    public Extensions extensions() {
        return registry.current();
    }

    /** Every plugin found, with its state; jars that failed to load are listed by file name. */
    public synchronized List<PluginInfo> list() {
        manager.loadNewJars();
        List<PluginInfo> out = new ArrayList<>();
        for (PluginWrapper w : manager.getPlugins()) {
            PluginDescriptor d = w.getDescriptor();
            String error = registry.refusal(w.getPluginId());
            String incompatible = manager.incompatibility(w);
            if (error == null) {
                error = incompatible;
            }
            if (error == null && w.getFailedException() != null) {
                error = describe(w.getFailedException());
            }
            out.add(new PluginInfo(w.getPluginId(), d.getVersion(), d.getPluginDescription(), d.getProvider(),
                    d.getRequires(), manager.finder().aliasesOf(w.getPluginId()),
                    String.valueOf(w.getPluginPath().getFileName()), status.stored(w.getPluginId()).orElse(false),
                    incompatible == null ? w.getPluginState().toString().toLowerCase(Locale.ROOT) : "failed", error,
                    error == null ? warnings(w) : List.of()));
        }
        manager.loadFailures().forEach((file, reason) -> out.add(new PluginInfo(file, null, null, null, null,
                List.of(), file, false, "failed", reason, List.of())));
        return out;
    }

    /** What looks wrong with a plugin that loaded: it contributes nothing, its jar was replaced or removed. */
    private List<String> warnings(PluginWrapper w) {
        List<String> out = new ArrayList<>();
        Path jar = w.getPluginPath();
        boolean started = w.getPluginState() == PluginState.STARTED;
        if (started && !java.nio.file.Files.exists(jar)) {
            out.add("its jar " + jar.getFileName() + " was removed; the plugin keeps running until it is disabled,"
                    + " then leaves the list");
        } else if (started && manager.replaced(w)) {
            out.add("its jar " + jar.getFileName() + " was replaced since the plugin started; it runs the old code"
                    + " until you disable and enable it");
        }
        List<String> causes = PluginJarChecks.emptyIndexCauses(jar);
        if (!causes.isEmpty()) {
            String lead = started ? "started but contributes nothing (no action, endpoint, event type …): "
                    : "contributes nothing when started (no action, endpoint, event type …): ";
            causes.forEach(c -> out.add(lead + c));
        } else if (started && !registry.contributes(w.getPluginId())) {
            out.add("started but contributes nothing: " + PluginJarChecks.INDEX + " lists classes, but none"
                    + " implements a Switchboard extension point (Action, HttpEndpoint, EventType …) or could be"
                    + " created (see the host log)");
        }
        return out;
    }

    /** The jar of each loaded plugin by plugin id (to read what a plugin bundles, e.g. its sample packages). */
    public synchronized Map<String, Path> jars() {
        manager.loadNewJars();
        Map<String, Path> out = new TreeMap<>();
        for (PluginWrapper w : manager.getPlugins()) {
            out.put(w.getPluginId(), w.getPluginPath());
        }
        return out;
    }

    /** The plugin with this id or alias, if loaded. */
    public synchronized Optional<PluginInfo> find(String idOrAlias) {
        return list().stream().filter(p -> p.id().equals(idOrAlias) || p.aliases().contains(idOrAlias)).findFirst();
    }

    /**
     * Enables and starts a plugin.
     *
     * @throws PluginException when no such plugin is loaded, or it cannot start (the reason is kept for the list)
     */
    public synchronized PluginInfo enable(String pluginId, String actor) {
        lifecycle.enable(wrapper(pluginId), actor);
        PluginInfo info = find(pluginId).orElseThrow();
        if (!"started".equals(info.state())) {
            throw new PluginException("plugin " + pluginId + " did not start: " + info.error(), false);
        }
        return info;
    }

    /** Stops and disables a plugin. */
    public synchronized PluginInfo disable(String pluginId, String actor) {
        lifecycle.disable(wrapper(pluginId), actor);
        return find(pluginId).orElseThrow();
    }

    /**
     * Applies status changes made by another process (the CLI, another node) since the last look, including enabling
     * a jar dropped into the plugins folder after start: one cheap read when nothing changed.
     */
    public synchronized void syncWithDatabase() {
        lifecycle.syncWithDatabase();
    }

    private PluginWrapper wrapper(String pluginId) {
        manager.loadNewJars();
        PluginWrapper w = manager.getPlugin(pluginId);
        if (w == null) {
            throw new PluginException("no plugin with id '" + pluginId + "' in " + manager.root(), true);
        }
        return manager.reloadIfReplaced(w);
    }

    /** A failure as one line: its message, and its root cause's when that is another exception. */
    static String describe(Throwable t) {
        if (t == null) {
            return "unknown reason";
        }
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String msg = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return root == t ? msg : t.getMessage() + ": " + msg;
    }

    @Override
    public synchronized void close() {
        lifecycle.stopAll();
    }
}
