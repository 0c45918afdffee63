package dev.switchboard.webhooks.inbound;

import dev.switchboard.api.PluginHost;
import dev.switchboard.webhooks.Housekeeping;
import dev.switchboard.webhooks.limits.Rates;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The inbound half's shared state while the plugin runs: settings, the listener cache (polled each second for
 * changes made by other processes), rate limits and the request log writer.
 */
public final class Inbound implements AutoCloseable {
    private final PluginHost host;
    private final InboundSettings settings;
    private final ListenerCache listeners;
    private final ListenerLimits limits;
    private final RequestLog log;
    private final WebhookRunner runner;
    private final ScheduledExecutorService poller;

    private Inbound(PluginHost host) {
        this.host = host;
        this.settings = InboundSettings.read(host);
        this.listeners = new ListenerCache(host.database());
        listeners.reload();
        this.limits = new ListenerLimits(settings, Rates.forDatabase(host.database(), host.clock()));
        this.log = new RequestLog(host.database(), host.json(), host.secrets(), host.metrics(), settings,
                () -> host.clock().millis());
        this.runner = new WebhookRunner(host, host.behaviors());
        this.poller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "webhooks-listener-poll");
            t.setDaemon(true);
            return t;
        });
        poller.scheduleWithFixedDelay(listeners::poll, 1, 1, TimeUnit.SECONDS);
    }

    /** Loads the listeners and starts the background work. */
    public static Inbound start(PluginHost host) {
        return new Inbound(host);
    }

    /** Deletes request-log rows older than {@code webhooks.log.max_days}, hourly across the cluster. */
    public Housekeeping.Job retentionJob() {
        return new Housekeeping.Job("request_log_retention", Duration.ofHours(1), (sql, now) ->
                sql.update("DELETE FROM webhook_request WHERE received_at < ?", now - Duration.ofDays(settings.logDays()).toMillis()));
    }

    PluginHost host() {
        return host;
    }

    InboundSettings settings() {
        return settings;
    }

    ListenerCache listeners() {
        return listeners;
    }

    ListenerLimits limits() {
        return limits;
    }

    RequestLog log() {
        return log;
    }

    WebhookRunner runner() {
        return runner;
    }

    @Override
    public void close() {
        poller.shutdownNow();
        log.close();
    }
}
