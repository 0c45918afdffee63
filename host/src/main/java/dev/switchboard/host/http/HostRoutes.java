package dev.switchboard.host.http;

import java.util.List;

/**
 * The host's own routes, registered beside the plugins' extensions so that a plugin route that clashes with one of
 * them is refused when the plugin starts (naming both), and so that {@code GET /api/routes} lists them.
 *
 * @param routes health, metrics, the admin API and the admin page
 */
public record HostRoutes(List<HttpRoute> routes) {
    public HostRoutes {
        routes = List.copyOf(routes);
    }
}
