package dev.switchboard.api;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * The host services a plugin receives, passed to the plugin's and its extensions' constructors.
 *
 * <pre>{@code
 * public AcmePlugin(PluginHost host) { super(host); }
 * ...
 * int limit = host().config("acme.body_limit").map(Integer::parseInt).orElse(1 << 20);
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
     * {@code SWITCHBOARD_} + the key upper-cased with dots as underscores ({@code acme.batch_size} →
     * {@code SWITCHBOARD_ACME_BATCH_SIZE}).
     *
     * <p>A plugin reads only its own settings, the keys starting with its id and a dot ({@code acme.*} for the
     * plugin {@code acme}), plus the shared host settings it may need, which hold no secrets: {@code http.threads}
     * (the HTTP worker threads). Since 1.4.0 any other key (the admin token, the database password …) is refused.
     *
     * <pre>{@code
     * int batch = host().config("acme.batch_size").map(Integer::parseInt).orElse(100);
     * }</pre>
     *
     * @throws IllegalArgumentException naming the key and what this plugin may read, for a key outside its view
     * @since 1.0.0
     */
    Optional<String> config(String key);

    /**
     * This plugin's own folder for files, {@code plugin-data/<plugin id>} in the host's data directory, created
     * (owner-only where the file system allows) on the first call. It survives restarts, upgrades of the plugin and
     * disabling it; no other plugin is handed it. Keep what must be shared between the nodes of a cluster in the
     * database instead: each node has its own data directory.
     *
     * <pre>{@code
     * Path cache = host().dataDir().resolve("cache.json");
     * }</pre>
     *
     * @throws java.io.UncheckedIOException when the folder cannot be created
     * @since 1.4.0
     */
    Path dataDir();

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
