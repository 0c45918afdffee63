package dev.switchboard.api;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * The host services a plugin receives, passed to the plugin's and its extensions' constructors.
 *
 * <pre>{@code
 * public WebhooksPlugin(PluginHost host) { super(host); }
 * ...
 * int limit = host().config("webhooks.body_limit").map(Integer::parseInt).orElse(1 << 20);
 * }</pre>
 *
 * @since 1.0.0
 */
public interface PluginHost {
    /**
     * The id of the plugin these services belong to.
     *
     * @since 1.0.0
     */
    String pluginId();

    /**
     * The shared database.
     *
     * @since 1.0.0
     */
    Database database();

    /**
     * The template engine.
     *
     * @since 1.0.0
     */
    Templates templates();

    /**
     * Behavior lookup and execution.
     *
     * @since 1.0.0
     */
    Behaviors behaviors();

    /**
     * Event publishing.
     *
     * @since 1.0.0
     */
    Events events();

    /**
     * The SSRF-guarded outbound HTTP client.
     *
     * @since 1.0.0
     */
    OutboundHttp http();

    /**
     * JSON with the host's hardened settings.
     *
     * @since 1.0.0
     */
    Json json();

    /**
     * Metrics.
     *
     * @since 1.0.0
     */
    Metrics metrics();

    /**
     * The host's clock (tests may set it).
     *
     * @since 1.0.0
     */
    Clock clock();

    /**
     * A configuration value: {@code key} read from the config file, overridden by the environment variable
     * {@code SWITCHBOARD_} + the key upper-cased with dots as underscores ({@code webhooks.body_limit} →
     * {@code SWITCHBOARD_WEBHOOKS_BODY_LIMIT}).
     *
     * @since 1.0.0
     */
    Optional<String> config(String key);

    /**
     * Whether this process runs background work: true in {@code serve} (unless {@code workers.enabled=false}) and
     * {@code worker} processes, false in one-off commands such as {@code packages import}. Start delivery loops,
     * retention and other jobs in {@link SwitchboardPlugin#start()} only when true.
     *
     * <pre>{@code
     * if (host().runsWorkers()) { worker.start(); }
     * }</pre>
     *
     * @since 1.1.0
     */
    boolean runsWorkers();

    /**
     * The public base URL, without a trailing slash (e.g. {@code http://localhost:8080}).
     *
     * @since 1.0.0
     */
    String baseUrl();

    /**
     * Secrets: the host's redaction policy (which names carry credentials, the mask) and sealing with the host's
     * key, so a plugin stores and shows secrets as the host does.
     *
     * <pre>{@code
     * String shown = host().secrets().isSecretName(header.name()) ? Secrets.MASK : header.value();
     * }</pre>
     *
     * @since 1.3.0
     */
    Secrets secrets();

    /**
     * Appends to the audit log of admin changes. Never pass secrets in {@code details}.
     *
     * @param actor  who (the request's principal)
     * @param action what, e.g. {@code webhook_listener.create}
     * @param target the record, e.g. {@code webhook_listener:7}
     * @since 1.0.0
     */
    void audit(String actor, String action, String target, Map<String, Object> details);
}
