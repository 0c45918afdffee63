package dev.switchboard.api;

import java.util.Objects;
import org.pf4j.Plugin;

/**
 * Base class for a plugin's {@code Plugin-Class} when it needs host services or shared state. Start executors in
 * {@link #start()} and stop them (and anything else you opened) in {@link #stop()}: a plugin can be disabled and
 * enabled again without a restart. Extensions may take the plugin instance in their constructor to share state.
 *
 * <pre>{@code
 * public final class WebhooksPlugin extends SwitchboardPlugin {
 *     public WebhooksPlugin(PluginHost host) { super(host); }
 *     public void start() { worker = Executors.newSingleThreadScheduledExecutor(); }
 *     public void stop() { worker.shutdownNow(); }
 * }
 * }</pre>
 *
 * @since 1.0.0
 */
public abstract class SwitchboardPlugin extends Plugin {
    private final PluginHost host;

    /**
     * Called by PF4J through the subclass's constructor with the host services for this plugin.
     *
     * @since 1.0.0
     */
    protected SwitchboardPlugin(PluginHost host) {
        this.host = Objects.requireNonNull(host, "host");
    }

    /**
     * The host services for this plugin.
     *
     * @since 1.0.0
     */
    public PluginHost host() {
        return host;
    }
}
