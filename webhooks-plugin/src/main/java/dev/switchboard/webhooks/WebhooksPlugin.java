package dev.switchboard.webhooks;

import dev.switchboard.api.PluginHost;
import dev.switchboard.api.SwitchboardPlugin;

/**
 * The webhooks plugin: inbound listener URLs that run a behavior and answer with what it set, and outbound
 * subscriptions with durable signed delivery. Holds the state its extensions share.
 */
public final class WebhooksPlugin extends SwitchboardPlugin {
    public WebhooksPlugin(PluginHost host) {
        super(host);
    }
}
