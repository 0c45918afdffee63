package dev.switchboard.samples;

import dev.switchboard.api.PluginHost;
import dev.switchboard.api.SwitchboardPlugin;

/** Sample third-party plugin: built against plugin-api only, as an outside developer would. */
public final class SamplesPlugin extends SwitchboardPlugin {
    public SamplesPlugin(PluginHost host) {
        super(host);
    }
}
