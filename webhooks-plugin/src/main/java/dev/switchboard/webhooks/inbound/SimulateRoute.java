package dev.switchboard.webhooks.inbound;

import dev.switchboard.api.HttpEndpoint;
import dev.switchboard.api.HttpRequest;
import dev.switchboard.api.HttpResponse;
import dev.switchboard.api.PluginHost;
import dev.switchboard.webhooks.WebhooksPlugin;
import java.util.Set;
import org.pf4j.Extension;

/**
 * {@code POST /api/webhooks/listeners/{id}/requests/simulate}: what the listener's behavior's draft would answer to
 * captured calls, next to what was answered ({@link RequestSimulation}).
 */
@Extension
public final class SimulateRoute implements HttpEndpoint {
    private final RequestSimulation simulation;

    public SimulateRoute(PluginHost host, WebhooksPlugin plugin) {
        this.simulation = new RequestSimulation(host, plugin);
    }

    @Override
    public String path() {
        return "/api/webhooks/listeners/{id}/requests/simulate";
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
        return simulation.simulate(request, ApiInput.id(request, "id"));
    }
}
