package dev.switchboard.webhooks.inbound;

import dev.switchboard.api.HttpEndpoint;
import dev.switchboard.api.HttpRequest;
import dev.switchboard.api.HttpResponse;
import dev.switchboard.api.PluginHost;
import dev.switchboard.webhooks.WebhooksPlugin;
import java.util.Set;
import org.pf4j.Extension;

/** {@code GET /api/webhooks/listeners} lists listeners; {@code POST} creates one {name, behavior_id}. */
@Extension
public final class ListenersRoute implements HttpEndpoint {
    private final ListenerApi api;

    public ListenersRoute(PluginHost host, WebhooksPlugin plugin) {
        this.api = new ListenerApi(host, plugin);
    }

    @Override
    public String path() {
        return "/api/webhooks/listeners";
    }

    @Override
    public Set<String> methods() {
        return Set.of("GET", "POST");
    }

    @Override
    public Access access() {
        return Access.ADMIN;
    }

    @Override
    public HttpResponse handle(HttpRequest request) {
        return request.method().equals("GET") ? api.list() : api.create(request);
    }
}
