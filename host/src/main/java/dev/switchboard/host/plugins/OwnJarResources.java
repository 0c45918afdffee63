package dev.switchboard.host.plugins;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.Enumeration;

/**
 * A class loader over a plugin's own jar that finds resources there only, for its migrations: PF4J's loader also
 * returns the host class path's copies, and a plugin's own tests (on the test kit) have the plugin's classes and
 * {@code db/<id>/} on the host's class path too, which Flyway would read as every migration twice. Classes load
 * through the plugin's loader as usual.
 */
final class OwnJarResources extends URLClassLoader {

    OwnJarResources(URLClassLoader plugin) {
        super(plugin.getURLs(), plugin);
    }

    @Override
    public URL getResource(String name) {
        return findResource(name);
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
        return findResources(name);
    }
}
