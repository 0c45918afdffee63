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
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The services handed to one plugin. Everything is shared with the host except the plugin id, which scopes the
 * audit actor and names what the plugin owns.
 *
 * @param shared the host-wide services
 */
public record HostServices(String pluginId, Shared shared) implements PluginHost {

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
        return shared.config().string(key);
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
