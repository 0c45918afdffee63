package dev.switchboard.webhooks.inbound;

import dev.switchboard.api.HttpEndpoint;
import dev.switchboard.api.HttpRequest;
import dev.switchboard.api.HttpResponse;
import dev.switchboard.api.PluginHost;
import dev.switchboard.webhooks.WebhooksPlugin;
import java.util.Set;
import org.pf4j.Extension;

/** {@code GET|PATCH|DELETE /api/webhooks/listeners/{id}}. */
@Extension
public final class ListenerRoute implements HttpEndpoint {
    private final ListenerApi api;

    public ListenerRoute(PluginHost host, WebhooksPlugin plugin) {
        this.api = new ListenerApi(host, plugin);
    }

    @Override
    public String path() {
        return "/api/webhooks/listeners/{id}";
    }

    @Override
    public Set<String> methods() {
        return Set.of("GET", "PATCH", "DELETE");
    }

    @Override
    public Access access() {
        return Access.ADMIN;
    }

    @Override
    public HttpResponse handle(HttpRequest request) {
        long id = ApiInput.id(request, "id");
        return switch (request.method()) {
            case "GET" -> api.get(id);
            case "PATCH" -> api.update(request, id);
            default -> api.delete(request, id);
        };
    }
}
