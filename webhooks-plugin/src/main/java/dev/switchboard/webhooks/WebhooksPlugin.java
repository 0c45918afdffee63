package dev.switchboard.webhooks;

import dev.switchboard.api.PluginHost;
import dev.switchboard.api.SwitchboardPlugin;
import dev.switchboard.webhooks.inbound.Inbound;

/**
 * The webhooks plugin: inbound listener URLs that run a behavior and answer with what it set, and outbound
 * subscriptions with durable signed delivery. Holds the state its extensions share.
 */
public final class WebhooksPlugin extends SwitchboardPlugin {
    private volatile Inbound inbound;

    public WebhooksPlugin(PluginHost host) {
        super(host);
    }

    @Override
    public void start() {
        inbound = Inbound.start(host());
    }

    @Override
    public void stop() {
        if (inbound != null) {
            inbound.close();
            inbound = null;
        }
    }

    /** The inbound listeners' shared state; set while the plugin is started. */
    public Inbound inbound() {
        return inbound;
    }
}
