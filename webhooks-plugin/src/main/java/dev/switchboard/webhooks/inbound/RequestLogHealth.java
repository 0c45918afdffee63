package dev.switchboard.webhooks.inbound;

import dev.switchboard.api.HealthCheck;
import dev.switchboard.webhooks.WebhooksPlugin;
import java.util.Optional;
import org.pf4j.Extension;

/** {@code webhooks.request_log} in {@code /health}: degraded while calls cannot be committed to the request log. */
@Extension
public final class RequestLogHealth implements HealthCheck {
    private final WebhooksPlugin plugin;

    public RequestLogHealth(WebhooksPlugin plugin) {
        this.plugin = plugin;
    }

    @Override
    public String id() {
        return "webhooks.request_log";
    }

    @Override
    public Optional<String> problem() {
        Inbound inbound = plugin.inbound();
        return inbound == null ? Optional.empty() : inbound.log().problem();
    }
}
