package dev.switchboard.host.plugins;

import dev.switchboard.api.Action;
import dev.switchboard.api.AdminPages;
import dev.switchboard.api.EventListener;
import dev.switchboard.api.EventType;
import dev.switchboard.api.HealthCheck;
import dev.switchboard.api.HttpEndpoint;
import dev.switchboard.api.HttpRoutes;
import dev.switchboard.api.RecordType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.pf4j.PluginState;
import org.pf4j.PluginStateEvent;
import org.pf4j.PluginWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the host and the started plugins provide, published as one immutable {@link Extensions} snapshot. It follows
 * PF4J's plugin state events: when a plugin leaves {@code STARTED} (stopped, disabled, failed, unloaded) its
 * extension instances are forgotten and a snapshot without them is published to the subscribers, whoever stopped it.
 * A plugin refused for clashing ids is kept out until it starts again.
 */
final class ExtensionRegistry {
    private static final Logger LOG = LoggerFactory.getLogger(ExtensionRegistry.class);
    private static final List<Class<?>> EXTENSION_POINTS = List.of(
            EventType.class, Action.class, RecordType.class, HttpEndpoint.class, HttpRoutes.class, EventListener.class,
            HealthCheck.class, AdminPages.class);

    private final HostPluginManager manager;
    private final List<Object> builtins = new CopyOnWriteArrayList<>();
    private final List<Consumer<Extensions>> subscribers = new CopyOnWriteArrayList<>();
    private final Map<String, String> refusals = new LinkedHashMap<>();
    private volatile Extensions extensions = Extensions.empty();

    ExtensionRegistry(HostPluginManager manager) {
        this.manager = manager;
        manager.addPluginStateListener(this::stateChanged);
    }

    void addBuiltin(Object extension) {
        builtins.add(extension);
    }

    void onChange(Consumer<Extensions> subscriber) {
        subscribers.add(subscriber);
    }

    Extensions current() {
        return extensions;
    }

    /** Why a started plugin was refused, or null. */
    synchronized String refusal(String pluginId) {
        return refusals.get(pluginId);
    }

    synchronized void clearRefusal(String pluginId) {
        refusals.remove(pluginId);
    }

    /**
     * Checks a just-started plugin's extensions against everything else published; a clash refuses it, naming both
     * sides, and the caller stops it.
     *
     * @return the clashes, empty when the plugin may be published
     */
    synchronized List<String> admit(String pluginId) {
        Extensions.Builder probe = builderWithout(pluginId);
        List<String> clashes = new ArrayList<>();
        for (Object ext : extensionsOf(pluginId)) {
            clashes.addAll(probe.add(pluginId, ext));
        }
        if (!clashes.isEmpty()) {
            refusals.put(pluginId, String.join("; ", clashes) + " ("
                    + manager.getPlugin(pluginId).getPluginPath().getFileName() + ")");
        }
        return clashes;
    }

    /** Whether a started plugin provides at least one extension. */
    synchronized boolean contributes(String pluginId) {
        return !extensionsOf(pluginId).isEmpty();
    }

    /** Publishes a new snapshot of the builtins and the started, admitted plugins' extensions. */
    synchronized void rebuild() {
        extensions = builderWithout(null).build();
        for (Consumer<Extensions> s : subscribers) {
            try {
                s.accept(extensions);
            } catch (RuntimeException e) {
                LOG.error("extension subscriber failed", e);
            }
        }
    }

    private void stateChanged(PluginStateEvent event) {
        if (event.getPluginState() == PluginState.STARTED) {
            return;
        }
        PluginWrapper w = event.getPlugin();
        manager.extensionFactory().forget(w.getPluginClassLoader());
        if (event.getOldState() == PluginState.STARTED) {
            rebuild();
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
}
