package dev.switchboard.host.http;

import java.util.List;

/**
 * Every route being served right now, the host's and the started plugins' (the plugin system implements it, from
 * its current snapshot of extensions, so enabling or disabling a plugin takes effect at once).
 */
@FunctionalInterface
public interface RouteSource {
    List<HttpRoute> routes();
}
