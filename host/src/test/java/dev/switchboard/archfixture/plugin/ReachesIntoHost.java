package dev.switchboard.archfixture.plugin;

import dev.switchboard.host.config.Config;

/** A deliberate break for the architecture test: plugin code that uses a host class instead of the plugin API. */
public final class ReachesIntoHost {
    private ReachesIntoHost() {
    }

    /** Reads the host's configuration directly. */
    public static String dataDir(Config config) {
        return config.dataDir().toString();
    }
}
