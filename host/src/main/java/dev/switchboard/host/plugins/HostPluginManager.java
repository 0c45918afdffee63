package dev.switchboard.host.plugins;

import dev.switchboard.api.PluginHost;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
 * PF4J's manager over the plugins folder with the host's parts: the status in the database, {@code Plugin-Aliases},
 * extensions and plugin classes constructed with their {@link PluginHost}, safe jar names, and the reason each jar
 * that did not load failed, kept for the listing.
 */
final class HostPluginManager extends DefaultPluginManager {
    private static final Logger LOG = LoggerFactory.getLogger(HostPluginManager.class);
    static final String DUPLICATE = "duplicate plugin id";
    private static final Pattern SAFE_FILE_NAME = Pattern.compile("^[A-Za-z0-9._-]+$");

    // DefaultPluginManager's constructor calls the create* methods, so they only capture these lazily.
    private final PluginStatusStore status;
    private final Function<String, PluginHost> hosts;
    private final Map<String, String> loadFailures = new LinkedHashMap<>();
    /** The jar's stamp (size, modified) when it failed to load, so a fixed or replaced jar is tried again. */
    private final Map<String, String> failedStamps = new LinkedHashMap<>();
    /** The jar's stamp when the plugin was loaded, by plugin id, to notice a jar copied over it. */
    private final Map<String, String> loadedStamps = new LinkedHashMap<>();
    /** True while the jars found at start-up load: only those may be enabled by their manifest. */
    private volatile boolean loadingAtStart;

    HostPluginManager(Path root, String apiVersion, PluginStatusStore status, Function<String, PluginHost> hosts) {
        super(root);
        this.status = status;
        this.hosts = hosts;
        setSystemVersion(apiVersion);
        setExactVersionAllowed(true);
    }

    /** The plugins folder. */
    Path root() {
        return getPluginsRoots().get(0);
    }

    AliasingDescriptorFinder finder() {
        return (AliasingDescriptorFinder) getPluginDescriptorFinder();
    }

    InjectingExtensionFactory extensionFactory() {
        return (InjectingExtensionFactory) getExtensionFactory();
    }

    /** Jars that failed to load, by file name, with the reason. */
    Map<String, String> loadFailures() {
        return loadFailures;
    }

    /**
     * Loads every jar in the plugins folder, as found at start-up: a plugin seen for the first time is enabled when
     * its manifest says {@code Plugin-Enabled-By-Default: true}.
     */
    @Override
    public void loadPlugins() {
        loadingAtStart = true;
        try {
            super.loadPlugins();
        } finally {
            loadingAtStart = false;
        }
    }

    /**
     * Looks at the plugins folder again: loads jars dropped in since the last look, so they are listed at once (a new
     * plugin stays disabled until an admin enables it); drops plugins whose jar was deleted, unless they are running
     * (they keep running until disabled); tries a jar that failed again once it was replaced, or when it clashed with
     * another jar's plugin id (which may since have been removed).
     */
    void loadNewJars() {
        Path root = root();
        for (PluginWrapper w : List.copyOf(getPlugins())) {
            if (!Files.exists(w.getPluginPath()) && w.getPluginState() != PluginState.STARTED) {
                LOG.info("plugin {}: its jar {} was removed; dropped from the list", w.getPluginId(),
                        w.getPluginPath().getFileName());
                unloadPlugin(w.getPluginId());
                loadedStamps.remove(w.getPluginId());
            }
        }
        Set<Path> known = new HashSet<>();
        getPlugins().forEach(w -> known.add(w.getPluginPath().toAbsolutePath().normalize()));
        List<Path> jars;
        try (Stream<Path> files = Files.list(root)) {
            jars = files.filter(f -> f.getFileName().toString().endsWith(".jar")).toList();
        } catch (IOException e) {
            LOG.warn("cannot list plugins folder {}: {}", root, e.getMessage());
            return;
        }
        Set<String> present = new HashSet<>();
        jars.forEach(j -> present.add(String.valueOf(j.getFileName())));
        loadFailures.keySet().removeIf(file -> !present.contains(file));
        failedStamps.keySet().removeIf(file -> !present.contains(file));
        for (Path jar : jars) {
            String file = String.valueOf(jar.getFileName());
            if (known.contains(jar.toAbsolutePath().normalize())) {
                continue;
            }
            String failure = loadFailures.get(file);
            if (failure != null && !failure.startsWith(DUPLICATE) && stamp(jar).equals(failedStamps.get(file))) {
                continue;
            }
            try {
                String id = loadPlugin(jar);
                LOG.info("plugin {} found in {} ({})", id, jar.getFileName(),
                        getPlugin(id).getPluginState().isDisabled() ? "disabled until enabled" : "enabled");
            } catch (RuntimeException e) {
                if (!String.valueOf(loadFailures.get(file)).equals(failure)) {
                    LOG.error("cannot load plugin {}: {}", file, loadFailures.getOrDefault(file, e.getMessage()));
                }
            }
        }
    }

    /**
     * Loads the plugin's jar again when a rebuilt jar was copied over the one loaded and the plugin is not running,
     * so enabling it runs the new code.
     *
     * @return the plugin as loaded now
     */
    PluginWrapper reloadIfReplaced(PluginWrapper w) {
        if (w.getPluginState() == PluginState.STARTED || !replaced(w)) {
            return w;
        }
        String id = w.getPluginId();
        Path jar = w.getPluginPath();
        LOG.info("plugin {}: {} was replaced since it was loaded; loading the new jar", id, jar.getFileName());
        unloadPlugin(id);
        loadedStamps.remove(id);
        String newId = loadPlugin(jar);
        return getPlugin(newId);
    }

    /** Whether the plugin's jar on disk is not the one it was loaded from (copied over, or deleted). */
    boolean replaced(PluginWrapper w) {
        String loaded = loadedStamps.get(w.getPluginId());
        return loaded != null && !loaded.equals(stamp(w.getPluginPath()));
    }

    /** Size and modification time of a file; "missing" when it is gone. */
    private static String stamp(Path file) {
        try {
            return Files.size(file) + "@" + Files.getLastModifiedTime(file).toMillis();
        } catch (IOException e) {
            return "missing";
        }
    }

    /** Why the jar cannot run on this host's plugin API ({@code Plugin-Requires}), or null when it can. */
    String incompatibility(PluginWrapper w) {
        String requires = w.getDescriptor().getRequires();
        if (requires == null || requires.isBlank() || "*".equals(requires.trim())
                || getVersionManager().checkVersionConstraint(getSystemVersion(), requires)) {
            return null;
        }
        return "it requires plugin API " + requires.trim() + " (Plugin-Requires in " + w.getPluginPath().getFileName()
                + ") and this host provides " + getSystemVersion();
    }

    @Override
    protected PluginDescriptorFinder createPluginDescriptorFinder() {
        return new AliasingDescriptorFinder();
    }

    @Override
    protected PluginStatusProvider createPluginStatusProvider() {
        return new PluginStatusProvider() {
            @Override
            public boolean isPluginDisabled(String pluginId) {
                return status.isPluginDisabled(pluginId, loadingAtStart && finder().enabledByDefault(pluginId));
            }

            @Override
            public void disablePlugin(String pluginId) {
                status.disablePlugin(pluginId);
            }

            @Override
            public void enablePlugin(String pluginId) {
                status.enablePlugin(pluginId);
            }
        };
    }

    @Override
    protected ExtensionFactory createExtensionFactory() {
        return new InjectingExtensionFactory(this::whichPlugin, id -> hosts.apply(id));
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
                    return (Plugin) ctor.newInstance(hosts.apply(wrapper.getPluginId()));
                }
            }
            return (Plugin) type.getConstructor().newInstance();
        } catch (InvocationTargetException e) {
            throw new PluginRuntimeException(e.getCause(), "plugin class {} failed to construct", className);
        } catch (ReflectiveOperationException | ClassCastException | LinkageError e) {
            throw new PluginRuntimeException(e, "cannot create plugin class {}", className);
        }
    }

    @Override
    protected PluginWrapper loadPluginFromPath(Path pluginPath) {
        String file = String.valueOf(pluginPath.getFileName());
        String stamp = stamp(pluginPath);
        if (!SAFE_FILE_NAME.matcher(file).matches()) {
            return refuse(file, stamp, "file name must match " + SAFE_FILE_NAME.pattern());
        }
        String bundled = PluginJarChecks.bundledHostClasses(pluginPath);
        if (bundled != null) {
            return refuse(file, stamp, bundled);
        }
        String duplicate = duplicateOf(pluginPath);
        if (duplicate != null) {
            return refuse(file, stamp, duplicate);
        }
        try {
            PluginWrapper w = super.loadPluginFromPath(pluginPath);
            loadFailures.remove(file);
            failedStamps.remove(file);
            loadedStamps.put(w.getPluginId(), stamp);
            return w;
        } catch (RuntimeException | LinkageError e) {
            String reason = e.getMessage();
            loadFailures.put(file, reason == null ? e.getClass().getSimpleName() : reason);
            failedStamps.put(file, stamp);
            if (e instanceof PluginRuntimeException pre) {
                throw pre;
            }
            throw new PluginRuntimeException(e, "cannot load plugin {}", file);
        }
    }

    private PluginWrapper refuse(String file, String stamp, String reason) {
        loadFailures.put(file, reason);
        failedStamps.put(file, stamp);
        throw new PluginRuntimeException("plugin file {} refused: {}", file, reason);
    }

    /**
     * When the jar's plugin id is already loaded from another file: which file to remove (PF4J's own advice, to make
     * the version part of the id, does not apply to this host, where an id is one plugin).
     */
    private String duplicateOf(Path pluginPath) {
        PluginDescriptor d;
        try {
            d = getPluginDescriptorFinder().find(pluginPath);
        } catch (RuntimeException e) {
            return null; // super.loadPluginFromPath reports the unreadable descriptor
        }
        PluginWrapper other = d == null || d.getPluginId() == null ? null : getPlugin(d.getPluginId());
        if (other == null || other.getPluginPath().toAbsolutePath().normalize()
                .equals(pluginPath.toAbsolutePath().normalize())) {
            return null;
        }
        String mine = String.valueOf(pluginPath.getFileName());
        String theirs = String.valueOf(other.getPluginPath().getFileName());
        String v1 = other.getDescriptor().getVersion();
        String v2 = d.getVersion();
        String remove;
        if (v1 != null && v2 != null && !v1.equals(v2)) {
            boolean newer = getVersionManager().compareVersions(v2, v1) > 0;
            remove = newer ? "to upgrade, remove " + theirs + " (the old version, which keeps running until then),"
                    + " then disable and enable " + d.getPluginId()
                    : "remove " + mine + " (the older version)";
        } else {
            remove = "remove one of the two files";
        }
        return DUPLICATE + " '" + d.getPluginId() + "': " + mine + " holds version " + v2 + ", and " + theirs
                + " (version " + v1 + ", " + other.getPluginState().toString().toLowerCase(java.util.Locale.ROOT)
                + ") is already loaded with that id; " + remove + " from " + root();
    }
}
