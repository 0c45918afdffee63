package dev.switchboard.webhooks;

import dev.switchboard.api.PluginHost;
import dev.switchboard.api.SwitchboardPlugin;
import dev.switchboard.webhooks.inbound.Inbound;
import dev.switchboard.webhooks.outbound.Outbound;
import java.util.List;

/**
 * The webhooks plugin: inbound listener URLs that run a behavior and answer with what it set, and outbound
 * subscriptions with durable signed delivery. Holds the state its extensions share.
 */
public final class WebhooksPlugin extends SwitchboardPlugin {
    private final Outbound outbound;
    private volatile Inbound inbound;
    private volatile Housekeeping housekeeping;

    public WebhooksPlugin(PluginHost host) {
        super(host);
        this.outbound = new Outbound(host);
    }

    @Override
    public void start() {
        inbound = Inbound.start(host());
        outbound.start();
        if (host().runsWorkers()) {
            housekeeping = Housekeeping.start(host(), List.of(inbound.retentionJob(), outbound.retentionJob()));
        }
    }

    @Override
    public void stop() {
        if (housekeeping != null) {
            housekeeping.close();
            housekeeping = null;
        }
        outbound.stop();
        if (inbound != null) {
            inbound.close();
            inbound = null;
        }
    }

    /** Outbound subscriptions, outbox and delivery worker. */
    public Outbound outbound() {
        return outbound;
    }

    /** The inbound listeners' shared state; set while the plugin is started. */
    public Inbound inbound() {
        return inbound;
    }
}
