package dev.switchboard.webhooks.inbound;

import dev.switchboard.api.HttpEndpoint;
import dev.switchboard.api.HttpRequest;
import dev.switchboard.api.HttpResponse;
import dev.switchboard.api.PluginHost;
import dev.switchboard.webhooks.WebhooksPlugin;
import java.util.Set;
import org.pf4j.Extension;

/** {@code GET /api/webhooks/listeners/{id}/requests}: the listener's request log, newest first, paged. */
@Extension
public final class RequestsRoute implements HttpEndpoint {
    private final RequestLogApi api;

    public RequestsRoute(PluginHost host, WebhooksPlugin plugin) {
        this.api = new RequestLogApi(host, plugin);
    }

    @Override
    public String path() {
        return "/api/webhooks/listeners/{id}/requests";
    }

    @Override
    public Set<String> methods() {
        return Set.of("GET");
    }

    @Override
    public Access access() {
        return Access.ADMIN;
    }

    @Override
    public HttpResponse handle(HttpRequest request) {
        return api.list(request, ApiInput.id(request, "id"));
    }
}
