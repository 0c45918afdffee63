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
import org.pf4j.PluginDescriptorFinder;
import org.pf4j.PluginFactory;
import org.pf4j.PluginRuntimeException;
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
    private static final Pattern SAFE_FILE_NAME = Pattern.compile("^[A-Za-z0-9._-]+$");

    // DefaultPluginManager's constructor calls the create* methods, so they only capture these lazily.
    private final PluginStatusStore status;
    private final Function<String, PluginHost> hosts;
    private final Map<String, String> loadFailures = new LinkedHashMap<>();
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
     * Loads jars dropped into the plugins folder since the last look, so they are listed at once; a new plugin stays
     * disabled until an admin enables it. Jars already loaded, or that failed to load, are not tried again.
     */
    void loadNewJars() {
        Path root = root();
        Set<Path> known = new HashSet<>();
        getPlugins().forEach(w -> known.add(w.getPluginPath().toAbsolutePath().normalize()));
        List<Path> jars;
        try (Stream<Path> files = Files.list(root)) {
            jars = files.filter(f -> f.getFileName().toString().endsWith(".jar")).toList();
        } catch (IOException e) {
            LOG.warn("cannot list plugins folder {}: {}", root, e.getMessage());
            return;
        }
        for (Path jar : jars) {
            if (known.contains(jar.toAbsolutePath().normalize())
                    || loadFailures.containsKey(String.valueOf(jar.getFileName()))) {
                continue;
            }
            try {
                String id = loadPlugin(jar);
                LOG.info("plugin {} found in {} ({})", id, jar.getFileName(),
                        getPlugin(id).getPluginState().isDisabled() ? "disabled until enabled" : "enabled");
            } catch (RuntimeException e) {
                LOG.error("cannot load plugin {}: {}", jar.getFileName(), e.getMessage());
            }
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
        if (!SAFE_FILE_NAME.matcher(file).matches()) {
            loadFailures.put(file, "file name must match " + SAFE_FILE_NAME.pattern());
            throw new PluginRuntimeException("plugin file name '{}' refused", file);
        }
        try {
            PluginWrapper w = super.loadPluginFromPath(pluginPath);
            loadFailures.remove(file);
            return w;
        } catch (RuntimeException | LinkageError e) {
            String reason = e.getMessage();
            if (reason != null && reason.contains("already loaded plugin")) {
                reason = "duplicate plugin id: " + reason.replaceAll("\\s+", " ");
            }
            loadFailures.put(file, reason == null ? e.getClass().getSimpleName() : reason);
            if (e instanceof PluginRuntimeException pre) {
                throw pre;
            }
            throw new PluginRuntimeException(e, "cannot load plugin {}", file);
        }
    }
}
