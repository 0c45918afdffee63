package dev.switchboard.webhooks.inbound;

import dev.switchboard.api.HttpEndpoint;
import dev.switchboard.api.HttpRequest;
import dev.switchboard.api.HttpResponse;
import dev.switchboard.api.PluginHost;
import dev.switchboard.webhooks.WebhooksPlugin;
import java.util.Set;
import org.pf4j.Extension;

/** {@code POST /api/webhooks/listeners/{id}/regenerate}: a new guid; the old URL answers 404 at once. */
@Extension
public final class RegenerateRoute implements HttpEndpoint {
    private final ListenerApi api;

    public RegenerateRoute(PluginHost host, WebhooksPlugin plugin) {
        this.api = new ListenerApi(host, plugin);
    }

    @Override
    public String path() {
        return "/api/webhooks/listeners/{id}/regenerate";
    }

    @Override
    public Set<String> methods() {
        return Set.of("POST");
    }

    @Override
    public Access access() {
        return Access.ADMIN;
    }

    @Override
    public HttpResponse handle(HttpRequest request) {
        return api.regenerate(request, ApiInput.id(request, "id"));
    }
}
