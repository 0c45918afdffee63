package dev.switchboard.webhooks.inbound;

import dev.switchboard.api.HttpEndpoint;
import dev.switchboard.api.HttpRequest;
import dev.switchboard.api.HttpResponse;
import dev.switchboard.api.PluginHost;
import dev.switchboard.webhooks.WebhooksPlugin;
import java.util.Set;
import org.pf4j.Extension;

/** {@code GET /api/webhooks/listeners/{id}/requests/{rid}}: one logged call, request and response side by side. */
@Extension
public final class RequestRoute implements HttpEndpoint {
    private final RequestLogApi api;

    public RequestRoute(PluginHost host, WebhooksPlugin plugin) {
        this.api = new RequestLogApi(host, plugin);
    }

    @Override
    public String path() {
        return "/api/webhooks/listeners/{id}/requests/{rid}";
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
        return api.get(ApiInput.id(request, "id"), ApiInput.id(request, "rid"));
    }
}
