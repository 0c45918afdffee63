package dev.switchboard.host.plugins;

import dev.switchboard.host.storage.HostDatabase;
import dev.switchboard.host.storage.Migrations;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.pf4j.PluginState;
import org.pf4j.PluginWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starting and stopping plugins: migrations before a start, the clash check after it, the status in the database,
 * and status changes made by other processes. Publishing and withdrawing extensions follows from the PF4J state
 * changes this makes ({@link ExtensionRegistry}). Callers hold {@link PluginSystem}'s lock.
 */
final class PluginLifecycle {
    private static final Logger LOG = LoggerFactory.getLogger(PluginLifecycle.class);

    private final HostDatabase db;
    private final PluginStatusStore status;
    private final HostPluginManager manager;
    private final ExtensionRegistry registry;
    private long seenVersion = -1;

    PluginLifecycle(HostDatabase db, PluginStatusStore status, HostPluginManager manager, ExtensionRegistry registry) {
        this.db = db;
        this.status = status;
        this.manager = manager;
        this.registry = registry;
    }

    /** Loads every jar in the plugins folder and starts the enabled ones. */
    void startAll() {
        try {
            Files.createDirectories(manager.root());
        } catch (IOException e) {
            LOG.warn("cannot create plugins folder {}: {}", manager.root(), e.getMessage());
        }
        manager.loadPlugins();
        seenVersion = ChangeVersions.read(db, PluginStatusStore.TOPIC);
        for (PluginWrapper w : manager.getPlugins()) {
            if (!w.getPluginState().isDisabled()) {
                startOne(w);
            } else {
                LOG.info("plugin {} {} ({}) is disabled; enable it on the admin page or with `plugins enable {}`",
                        w.getPluginId(), w.getDescriptor().getVersion(), w.getPluginPath().getFileName(),
                        w.getPluginId());
            }
        }
        registry.rebuild();
    }

    /** Enables and starts a plugin; the caller checks that it started. */
    void enable(PluginWrapper w, String actor) {
        String pluginId = w.getPluginId();
        String incompatible = manager.incompatibility(w);
        if (incompatible != null) {
            throw new PluginException("plugin " + pluginId + " cannot be enabled: " + incompatible, false);
        }
        status.actor(actor);
        if (w.getPluginState().isDisabled() && !manager.enablePlugin(pluginId)) {
            throw new PluginException("plugin " + pluginId + " cannot be enabled: "
                    + PluginSystem.describe(w.getFailedException()), false);
        }
        status.set(pluginId, true, actor);
        startOne(w);
        registry.rebuild();
        seenVersion = ChangeVersions.read(db, PluginStatusStore.TOPIC);
    }

    /** Stops and disables a plugin. */
    void disable(PluginWrapper w, String actor) {
        String pluginId = w.getPluginId();
        status.actor(actor);
        if (w.getPluginState() == PluginState.STARTED) {
            manager.stopPlugin(pluginId);
        }
        manager.disablePlugin(pluginId);
        status.set(pluginId, false, actor);
        registry.clearRefusal(pluginId);
        seenVersion = ChangeVersions.read(db, PluginStatusStore.TOPIC);
    }

    /**
     * Applies status changes made by another process (the CLI, another node) since the last look, including enabling
     * a jar dropped into the plugins folder after start: one cheap read when nothing changed.
     */
    void syncWithDatabase() {
        long version = ChangeVersions.read(db, PluginStatusStore.TOPIC);
        if (version == seenVersion) {
            return;
        }
        seenVersion = version;
        manager.loadNewJars();
        boolean started = false;
        for (PluginWrapper w : manager.getPlugins()) {
            boolean wanted = status.stored(w.getPluginId()).orElse(false);
            boolean running = w.getPluginState() == PluginState.STARTED;
            if (wanted && !running && w.getPluginState() != PluginState.FAILED) {
                LOG.info("plugin {} was enabled elsewhere; starting it", w.getPluginId());
                if (w.getPluginState().isDisabled()) {
                    manager.enablePlugin(w.getPluginId());
                }
                startOne(w);
                started = true;
            } else if (!wanted && (running || !w.getPluginState().isDisabled())) {
                LOG.info("plugin {} was disabled elsewhere; stopping it", w.getPluginId());
                if (running) {
                    manager.stopPlugin(w.getPluginId());
                }
                manager.disablePlugin(w.getPluginId());
            }
        }
        if (started) {
            registry.rebuild();
        }
    }

    /** Stops the started plugins, last started first. */
    void stopAll() {
        // PF4J's stopPlugins() modifies the list it iterates when a plugin stops; stop them one by one instead.
        List<PluginWrapper> started = new ArrayList<>(manager.getStartedPlugins());
        Collections.reverse(started);
        for (PluginWrapper w : started) {
            manager.stopPlugin(w.getPluginId());
        }
    }

    private void startOne(PluginWrapper w) {
        String id = w.getPluginId();
        registry.clearRefusal(id);
        try (OwnJarResources jar = new OwnJarResources((java.net.URLClassLoader) w.getPluginClassLoader())) {
            Migrations.migrate(db, id, jar);
        } catch (IOException e) {
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
        // Refuse a plugin whose ids clash with what is already running, naming both; stopping it withdraws it.
        if (!registry.admit(id).isEmpty()) {
            LOG.error("plugin {} refused: {}", id, registry.refusal(id));
            manager.stopPlugin(id);
            w.setPluginState(PluginState.FAILED);
        }
    }
}
