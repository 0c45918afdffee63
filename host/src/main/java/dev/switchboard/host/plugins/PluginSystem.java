package dev.switchboard.host.plugins;

import dev.switchboard.api.Action;
import dev.switchboard.api.EventListener;
import dev.switchboard.api.EventType;
import dev.switchboard.api.HealthCheck;
import dev.switchboard.api.HttpEndpoint;
import dev.switchboard.api.PluginHost;
import dev.switchboard.api.RecordType;
import dev.switchboard.host.storage.HostDatabase;
import dev.switchboard.host.storage.Migrations;
import java.lang.reflect.Constructor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.pf4j.DefaultPluginManager;
import org.pf4j.ExtensionFactory;
import org.pf4j.Plugin;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginDescriptorFinder;
import org.pf4j.PluginFactory;
import org.pf4j.PluginRuntimeException;
import org.pf4j.PluginState;
import org.pf4j.PluginStatusProvider;
import org.pf4j.PluginWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PF4J over the plugins folder, with the status in the database and changes at run time: enabling a plugin runs
 * its migrations, starts it and publishes its extensions; disabling stops it and withdraws them. A plugin that
 * fails to load or start is listed with the reason and the host keeps running.
 */
public final class PluginSystem implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PluginSystem.class);
    private static final Pattern SAFE_FILE_NAME = Pattern.compile("^[A-Za-z0-9._-]+$");
    private static final List<Class<?>> EXTENSION_POINTS = List.of(
            EventType.class, Action.class, RecordType.class, HttpEndpoint.class, EventListener.class,
            HealthCheck.class);

    private final HostDatabase db;
    private final PluginStatusStore status;
    private final Function<String, PluginHost> hosts;
    private final Manager manager;
    private final Map<String, String> loadFailures = new LinkedHashMap<>();
    private final Map<String, String> refusals = new LinkedHashMap<>();
    private final List<Object> builtins = new ArrayList<>();
    private final List<Consumer<Extensions>> subscribers = new CopyOnWriteArrayList<>();
    private volatile Extensions extensions = Extensions.empty();
    private long seenVersion = -1;
    /** True while the jars found at start-up load: only those may be enabled by their manifest. */
    private volatile boolean loadingAtStart;

    /**
     * @param pluginsDir    the plugins folder
     * @param apiVersion    the plugin-api version plugins' {@code Plugin-Requires} is checked against
     * @param hosts         the services for a plugin id
     */
    public PluginSystem(HostDatabase db, PluginStatusStore status, Path pluginsDir, String apiVersion,
                        Function<String, PluginHost> hosts) {
        this.db = db;
        this.status = status;
        this.hosts = hosts;
        this.manager = new Manager(pluginsDir, this);
        this.manager.setSystemVersion(apiVersion);
        this.manager.setExactVersionAllowed(true);
    }

    /** Registers a host built-in extension (engine actions, the ticket record type …) before {@link #start()}. */
    public synchronized void addBuiltin(Object extension) {
        builtins.add(extension);
    }

    /** Called with every new snapshot of extensions (e.g. to drop caches keyed on actions). */
    public void onChange(Consumer<Extensions> subscriber) {
        subscribers.add(subscriber);
    }

    /** Loads every jar in the plugins folder without starting any (for the CLI's listing). */
    public synchronized void load() {
        loadAtStart();
    }

    private void loadAtStart() {
        loadingAtStart = true;
        try {
            manager.loadPlugins();
        } finally {
            loadingAtStart = false;
        }
    }

    /** Loads every jar in the plugins folder and starts the enabled ones. */
    public synchronized void start() {
        try {
            Files.createDirectories(manager.getPluginsRoots().get(0));
        } catch (java.io.IOException e) {
            LOG.warn("cannot create plugins folder {}: {}", manager.getPluginsRoots().get(0), e.getMessage());
        }
        loadAtStart();
        seenVersion = ChangeVersions.read(db, PluginStatusStore.TOPIC);
        for (PluginWrapper w : manager.getPlugins()) {
            if (!w.getPluginState().isDisabled()) {
                startOne(w);
            }
        }
        rebuild();
    }

    /** The current extensions. */
    public Extensions extensions() {
        return extensions;
    }

    /** Every plugin found, with its state; jars that failed to load are listed by file name. */
    public synchronized List<PluginInfo> list() {
        loadNewJars();
        List<PluginInfo> out = new ArrayList<>();
        for (PluginWrapper w : manager.getPlugins()) {
            PluginDescriptor d = w.getDescriptor();
            String error = refusals.get(w.getPluginId());
            String incompatible = incompatibility(w);
            if (error == null) {
                error = incompatible;
            }
            if (error == null && w.getFailedException() != null) {
                error = describe(w.getFailedException());
            }
            out.add(new PluginInfo(w.getPluginId(), d.getVersion(), d.getPluginDescription(), d.getProvider(),
                    d.getRequires(), manager.finder().aliasesOf(w.getPluginId()),
                    String.valueOf(w.getPluginPath().getFileName()), status.stored(w.getPluginId()).orElse(false),
                    incompatible == null ? stateName(w) : "failed", error));
        }
        loadFailures.forEach((file, reason) -> out.add(new PluginInfo(file, null, null, null, null, List.of(), file,
                false, "failed", reason)));
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
        PluginWrapper w = wrapper(pluginId);
        String incompatible = incompatibility(w);
        if (incompatible != null) {
            throw new PluginException("plugin " + pluginId + " cannot be enabled: " + incompatible, false);
        }
        status.actor(actor);
        if (w.getPluginState().isDisabled() && !manager.enablePlugin(pluginId)) {
            throw new PluginException("plugin " + pluginId + " cannot be enabled: " + describe(w.getFailedException()),
                    false);
        }
        status.set(pluginId, true, actor);
        startOne(w);
        rebuild();
        seenVersion = ChangeVersions.read(db, PluginStatusStore.TOPIC);
        PluginInfo info = find(pluginId).orElseThrow();
        if (!"started".equals(info.state())) {
            throw new PluginException("plugin " + pluginId + " did not start: " + info.error(), false);
        }
        return info;
    }

    /** Stops and disables a plugin. */
    public synchronized PluginInfo disable(String pluginId, String actor) {
        PluginWrapper w = wrapper(pluginId);
        status.actor(actor);
        if (w.getPluginState() == PluginState.STARTED) {
            manager.stopPlugin(pluginId);
        }
        manager.disablePlugin(pluginId);
        status.set(pluginId, false, actor);
        manager.extensionFactory().forget(w.getPluginClassLoader());
        refusals.remove(pluginId);
        rebuild();
        seenVersion = ChangeVersions.read(db, PluginStatusStore.TOPIC);
        return find(pluginId).orElseThrow();
    }

    /**
     * Applies status changes made by another process (the CLI, another node) since the last look, including enabling
     * a jar dropped into the plugins folder after start: one cheap read when nothing changed.
     */
    public synchronized void syncWithDatabase() {
        long version = ChangeVersions.read(db, PluginStatusStore.TOPIC);
        if (version == seenVersion) {
            return;
        }
        seenVersion = version;
        loadNewJars();
        for (PluginWrapper w : manager.getPlugins()) {
            boolean wanted = status.stored(w.getPluginId()).orElse(false);
            boolean running = w.getPluginState() == PluginState.STARTED;
            if (wanted && !running && w.getPluginState() != PluginState.FAILED) {
                LOG.info("plugin {} was enabled elsewhere; starting it", w.getPluginId());
                if (w.getPluginState().isDisabled()) {
                    manager.enablePlugin(w.getPluginId());
                }
                startOne(w);
            } else if (!wanted && (running || !w.getPluginState().isDisabled())) {
                LOG.info("plugin {} was disabled elsewhere; stopping it", w.getPluginId());
                if (running) {
                    manager.stopPlugin(w.getPluginId());
                }
                manager.disablePlugin(w.getPluginId());
                manager.extensionFactory().forget(w.getPluginClassLoader());
            }
        }
        rebuild();
    }

    /**
     * Loads jars dropped into the plugins folder since the last look, so they are listed at once; a new plugin stays
     * disabled until an admin enables it. Jars already loaded, or that failed to load, are not tried again.
     */
    private void loadNewJars() {
        Path root = manager.getPluginsRoots().get(0);
        Set<Path> known = new HashSet<>();
        manager.getPlugins().forEach(w -> known.add(w.getPluginPath().toAbsolutePath().normalize()));
        List<Path> jars;
        try (Stream<Path> files = Files.list(root)) {
            jars = files.filter(f -> f.getFileName().toString().endsWith(".jar")).toList();
        } catch (java.io.IOException e) {
            LOG.warn("cannot list plugins folder {}: {}", root, e.getMessage());
            return;
        }
        for (Path jar : jars) {
            if (known.contains(jar.toAbsolutePath().normalize())
                    || loadFailures.containsKey(String.valueOf(jar.getFileName()))) {
                continue;
            }
            try {
                String id = manager.loadPlugin(jar);
                LOG.info("plugin {} found in {} ({})", id, jar.getFileName(),
                        manager.getPlugin(id).getPluginState().isDisabled() ? "disabled until enabled" : "enabled");
            } catch (RuntimeException e) {
                LOG.error("cannot load plugin {}: {}", jar.getFileName(), e.getMessage());
            }
        }
    }

    private PluginWrapper wrapper(String pluginId) {
        loadNewJars();
        PluginWrapper w = manager.getPlugin(pluginId);
        if (w == null) {
            throw new PluginException("no plugin with id '" + pluginId + "' in " + manager.getPluginsRoots().get(0), true);
        }
        return w;
    }

    private void startOne(PluginWrapper w) {
        String id = w.getPluginId();
        refusals.remove(id);
        try (OwnJarResources jar = new OwnJarResources((java.net.URLClassLoader) w.getPluginClassLoader())) {
            Migrations.migrate(db, id, jar);
        } catch (java.io.IOException e) {
            LOG.warn("plugin {}: cannot close the migrations' class loader: {}", id, e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("plugin {}: migrations failed", id, e);
            w.setPluginState(PluginState.FAILED);
            w.setFailedException(e);
            return;
        }
        PluginState state = manager.startPlugin(id);
        if (state != PluginState.STARTED) {
            return;
        }
        // Refuse a plugin whose ids clash with what is already running, naming both.
        Extensions.Builder probe = builderWithout(id);
        List<String> clashes = new ArrayList<>();
        for (Object ext : extensionsOf(id)) {
            clashes.addAll(probe.add(id, ext));
        }
        if (!clashes.isEmpty()) {
            String reason = String.join("; ", clashes) + " (" + w.getPluginPath().getFileName() + ")";
            LOG.error("plugin {} refused: {}", id, reason);
            manager.stopPlugin(id);
            manager.extensionFactory().forget(w.getPluginClassLoader());
            w.setPluginState(PluginState.FAILED);
            refusals.put(id, reason);
        }
    }

    private List<Object> extensionsOf(String pluginId) {
        List<Object> out = new ArrayList<>();
        for (Class<?> point : EXTENSION_POINTS) {
            try {
                for (Object ext : manager.getExtensions(point, pluginId)) {
                    if (!out.contains(ext)) {
                        out.add(ext);
                    }
                }
            } catch (RuntimeException e) {
                LOG.error("plugin {}: cannot create its {} extensions", pluginId, point.getSimpleName(), e);
            }
        }
        return out;
    }

    private Extensions.Builder builderWithout(String excludedPlugin) {
        Extensions.Builder b = new Extensions.Builder();
        builtins.forEach(ext -> b.add("host", ext));
        for (PluginWrapper w : manager.getStartedPlugins()) {
            if (!w.getPluginId().equals(excludedPlugin) && !refusals.containsKey(w.getPluginId())) {
                extensionsOf(w.getPluginId()).forEach(ext -> b.add(w.getPluginId(), ext));
            }
        }
        return b;
    }

    private void rebuild() {
        Extensions.Builder b = builderWithout(null);
        extensions = b.build();
        for (Consumer<Extensions> s : subscribers) {
            try {
                s.accept(extensions);
            } catch (RuntimeException e) {
                LOG.error("extension subscriber failed", e);
            }
        }
    }

    /** Why the jar cannot run on this host's plugin API ({@code Plugin-Requires}), or null when it can. */
    private String incompatibility(PluginWrapper w) {
        String requires = w.getDescriptor().getRequires();
        if (requires == null || requires.isBlank() || "*".equals(requires.trim())
                || manager.getVersionManager().checkVersionConstraint(manager.getSystemVersion(), requires)) {
            return null;
        }
        return "it requires plugin API " + requires.trim() + " (Plugin-Requires in " + w.getPluginPath().getFileName()
                + ") and this host provides " + manager.getSystemVersion();
    }

    private static String stateName(PluginWrapper w) {
        return w.getPluginState().toString().toLowerCase(java.util.Locale.ROOT);
    }

    private static String describe(Throwable t) {
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
        // PF4J's stopPlugins() modifies the list it iterates when a plugin stops; stop them one by one instead.
        List<PluginWrapper> started = new ArrayList<>(manager.getStartedPlugins());
        java.util.Collections.reverse(started);
        for (PluginWrapper w : started) {
            manager.stopPlugin(w.getPluginId());
        }
    }

    /** PF4J's manager with our status store, descriptor finder, factories and load-failure bookkeeping. */
    private static final class Manager extends DefaultPluginManager {
        // DefaultPluginManager's constructor calls the create* methods, so they must not read fields set later.
        private final PluginSystem system;
        private AliasingDescriptorFinder finder;
        private InjectingExtensionFactory extensionFactory;

        Manager(Path root, PluginSystem system) {
            super(root);
            this.system = system;
        }

        AliasingDescriptorFinder finder() {
            return (AliasingDescriptorFinder) getPluginDescriptorFinder();
        }

        InjectingExtensionFactory extensionFactory() {
            return (InjectingExtensionFactory) getExtensionFactory();
        }

        @Override
        protected PluginDescriptorFinder createPluginDescriptorFinder() {
            finder = new AliasingDescriptorFinder();
            return finder;
        }

        @Override
        protected PluginStatusProvider createPluginStatusProvider() {
            return new PluginStatusProvider() {
                @Override
                public boolean isPluginDisabled(String pluginId) {
                    return system.status.isPluginDisabled(pluginId,
                            system.loadingAtStart && finder().enabledByDefault(pluginId));
                }

                @Override
                public void disablePlugin(String pluginId) {
                    system.status.disablePlugin(pluginId);
                }

                @Override
                public void enablePlugin(String pluginId) {
                    system.status.enablePlugin(pluginId);
                }
            };
        }

        @Override
        protected ExtensionFactory createExtensionFactory() {
            extensionFactory = new InjectingExtensionFactory(this::whichPlugin, id -> system.hosts.apply(id));
            return extensionFactory;
        }

        @Override
        protected PluginFactory createPluginFactory() {
            return this::createPlugin;
        }

        private Plugin createPlugin(PluginWrapper wrapper) {
            String className = wrapper.getDescriptor().getPluginClass();
            if (className == null || className.isBlank() || className.equals(Plugin.class.getName())) {
                return new Plugin() { };
            }
            try {
                Class<?> type = wrapper.getPluginClassLoader().loadClass(className);
                for (Constructor<?> ctor : type.getConstructors()) {
                    if (ctor.getParameterCount() == 1 && ctor.getParameterTypes()[0] == PluginHost.class) {
                        return (Plugin) ctor.newInstance(system.hosts.apply(wrapper.getPluginId()));
                    }
                }
                return (Plugin) type.getConstructor().newInstance();
            } catch (java.lang.reflect.InvocationTargetException e) {
                throw new PluginRuntimeException(e.getCause(), "plugin class {} failed to construct", className);
            } catch (ReflectiveOperationException | ClassCastException | LinkageError e) {
                throw new PluginRuntimeException(e, "cannot create plugin class {}", className);
            }
        }

        @Override
        protected PluginWrapper loadPluginFromPath(Path pluginPath) {
            String file = String.valueOf(pluginPath.getFileName());
            if (!SAFE_FILE_NAME.matcher(file).matches()) {
                system.loadFailures.put(file, "file name must match " + SAFE_FILE_NAME.pattern());
                throw new PluginRuntimeException("plugin file name '{}' refused", file);
            }
            try {
                PluginWrapper w = super.loadPluginFromPath(pluginPath);
                system.loadFailures.remove(file);
                return w;
            } catch (RuntimeException | LinkageError e) {
                String reason = e.getMessage();
                if (reason != null && reason.contains("already loaded plugin")) {
                    reason = "duplicate plugin id: " + reason.replaceAll("\\s+", " ");
                }
                system.loadFailures.put(file, reason == null ? e.getClass().getSimpleName() : reason);
                if (e instanceof PluginRuntimeException pre) {
                    throw pre;
                }
                throw new PluginRuntimeException(e, "cannot load plugin {}", file);
            }
        }
    }
}
