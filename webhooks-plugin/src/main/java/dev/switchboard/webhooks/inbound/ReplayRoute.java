package dev.switchboard.webhooks.inbound;

import dev.switchboard.api.HttpEndpoint;
import dev.switchboard.api.HttpRequest;
import dev.switchboard.api.HttpResponse;
import dev.switchboard.api.PluginHost;
import dev.switchboard.webhooks.WebhooksPlugin;
import java.util.Set;
import org.pf4j.Extension;

/** {@code POST /api/webhooks/listeners/{id}/requests/{rid}/replay[?live=true]}: re-runs the behavior on a logged call. */
@Extension
public final class ReplayRoute implements HttpEndpoint {
    private final RequestLogApi api;

    public ReplayRoute(PluginHost host, WebhooksPlugin plugin) {
        this.api = new RequestLogApi(host, plugin);
    }

    @Override
    public String path() {
        return "/api/webhooks/listeners/{id}/requests/{rid}/replay";
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
        return api.replay(request, ApiInput.id(request, "id"), ApiInput.id(request, "rid"));
    }
}
