package dev.switchboard.webhooks;

import dev.switchboard.api.PluginHost;
import dev.switchboard.api.SwitchboardPlugin;
import dev.switchboard.webhooks.outbound.Outbound;

/**
 * The webhooks plugin: inbound listener URLs that run a behavior and answer with what it set, and outbound
 * subscriptions with durable signed delivery. Holds the state its extensions share.
 */
public final class WebhooksPlugin extends SwitchboardPlugin {
    private final Outbound outbound;

    public WebhooksPlugin(PluginHost host) {
        super(host);
        this.outbound = new Outbound(host);
    }

    @Override
    public void start() {
        outbound.start();
    }

    @Override
    public void stop() {
        outbound.stop();
    }

    /** Outbound subscriptions, outbox and delivery worker. */
    public Outbound outbound() {
        return outbound;
    }
}
