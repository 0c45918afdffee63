package dev.switchboard.host.plugins;

import dev.switchboard.api.Behaviors;
import dev.switchboard.api.Database;
import dev.switchboard.api.Events;
import dev.switchboard.api.Json;
import dev.switchboard.api.Metrics;
import dev.switchboard.api.OutboundHttp;
import dev.switchboard.api.PluginHost;
import dev.switchboard.api.Secrets;
import dev.switchboard.api.Templates;
import dev.switchboard.host.audit.AuditLog;
import dev.switchboard.host.config.Config;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The services handed to one plugin. Everything is shared with the host except what the plugin id scopes: the
 * settings it may read ({@code <id>.*} and {@link #SHARED_KEYS}), its data folder, the audit actor and what it owns.
 *
 * @param shared the host-wide services
 */
public record HostServices(String pluginId, Shared shared) implements PluginHost {
    /**
     * The host settings every plugin may read besides its own {@code <id>.*}: none is a secret, and each is here
     * because a bundled plugin needs it ({@code http.threads}: a plugin holding HTTP threads sizes its queues by it).
     * Documented on {@link PluginHost#config}, in the README (Plugins) and docs/writing-an-action-plugin.md.
     */
    public static final Set<String> SHARED_KEYS = Set.of("http.threads");
    /** The folder under the data dir that holds one folder per plugin. */
    public static final String DATA_FOLDER = "plugin-data";
    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    /** The host-wide services every plugin shares. */
    public record Shared(Database database, Templates templates, Behaviors behaviors, Events events,
                         OutboundHttp http, Json json, Metrics metrics, Clock clock, Config config, AuditLog audit,
                         Supplier<String> baseUrl, boolean runsWorkers, Secrets secrets) {
    }

    @Override
    public Database database() {
        return shared.database();
    }

    @Override
    public Templates templates() {
        return shared.templates();
    }

    @Override
    public Behaviors behaviors() {
        return shared.behaviors();
    }

    @Override
    public Events events() {
        return shared.events();
    }

    @Override
    public OutboundHttp http() {
        return shared.http();
    }

    @Override
    public Json json() {
        return shared.json();
    }

    @Override
    public Metrics metrics() {
        return shared.metrics();
    }

    @Override
    public Clock clock() {
        return shared.clock();
    }

    @Override
    public boolean runsWorkers() {
        return shared.runsWorkers();
    }

    @Override
    public Optional<String> config(String key) {
        if (key == null || !(key.startsWith(pluginId + ".") || SHARED_KEYS.contains(key))) {
            throw new IllegalArgumentException("plugin " + pluginId + " may read only its own settings ("
                    + pluginId + ".*) and the shared host settings " + new TreeSet<>(SHARED_KEYS) + ", not '" + key
                    + "'");
        }
        return shared.config().string(key);
    }

    @Override
    public Path dataDir() {
        if (!SAFE_ID.matcher(pluginId).matches() || pluginId.contains("..")) {
            throw new IllegalStateException("plugin id '" + pluginId + "' cannot name a folder");
        }
        Path dir = shared.config().dataDir().resolve(DATA_FOLDER).resolve(pluginId);
        try {
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir);
                if (dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the data folder " + dir + " of plugin " + pluginId, e);
        }
        return dir;
    }

    @Override
    public String baseUrl() {
        return shared.baseUrl().get();
    }

    @Override
    public Secrets secrets() {
        return shared.secrets();
    }

    @Override
    public void audit(String actor, String action, String target, Map<String, Object> details) {
        shared.audit().record(actor, action, target, details);
    }
}
