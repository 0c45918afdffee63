package dev.switchboard.host.config;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The host's configuration: an optional properties file, every key overridable by the environment variable
 * {@code SWITCHBOARD_<KEY>} (upper case, dots as underscores). Host keys are validated at load; plugin keys
 * (e.g. {@code acme.body_limit}) are passed through and validated by their plugin. See docs/configuration in
 * the README for the table of keys.
 */
public final class Config {
    /** The environment variable that names the config file. */
    public static final String FILE_ENV = "SWITCHBOARD_CONFIG";

    private final Map<String, String> values;
    private final int port;
    private final String bindAddress;
    private final Path dataDir;
    private final Path pluginsDir;
    private final String baseUrl;
    private final Integer publicPort;
    private final String publicBaseUrl;

    private Config(Map<String, String> values, Path defaultPluginsDir) {
        this.values = values;
        this.port = intValue("port", 8080, 0, 65535);
        this.bindAddress = string("bind_address").orElse("0.0.0.0");
        // ./data in the folder the process starts from, unlike plugins_dir next to the jar: the jar's folder is a
        // build output (host/target), and a rebuild or mvn clean must not take the database with it. CLI commands
        // refuse a data dir without a database, so one run from another folder says so instead of starting afresh.
        this.dataDir = path("data_dir").orElse(Path.of("data")).toAbsolutePath().normalize();
        this.pluginsDir = path("plugins_dir").orElse(defaultPluginsDir).toAbsolutePath().normalize();
        this.baseUrl = string("base_url").map(Config::validateBaseUrl).orElse(null);
        this.publicPort = string("http.public_port").isPresent() ? intValue("http.public_port", 0, 0, 65535) : null;
        this.publicBaseUrl = string("public_base_url").map(Config::validateBaseUrl).orElse(null);
        if (publicBaseUrl != null && publicPort == null) {
            throw invalid("public_base_url", publicBaseUrl, "needs http.public_port: without a public port,"
                    + " listeners are reached at base_url");
        }
        String csp = pluginAnswerCsp();
        if (csp.isEmpty() || csp.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw invalid("http.plugin_answer_csp", csp, "must be a Content-Security-Policy value or 'off'");
        }
        if (csp.equals("off") && publicPort == null) {
            throw invalid("http.plugin_answer_csp", csp, "may be 'off' only with http.public_port set: plugin"
                    + " answers would share the admin page's origin and could run script in it");
        }
        String sync = string("db.synchronous").orElse("FULL").toUpperCase(Locale.ROOT);
        if (!sync.equals("FULL") && !sync.equals("NORMAL") && !sync.equals("EXTRA")) {
            throw invalid("db.synchronous", sync, "must be FULL, EXTRA or NORMAL");
        }
        values.put("db.synchronous", sync);
        string("admin_token").ifPresent(t -> {
            if (t.length() < 16) {
                throw invalid("admin_token", "(hidden)", "must be at least 16 characters");
            }
        });
    }

    /**
     * Loads the configuration.
     *
     * @param env               the environment (System.getenv() in production)
     * @param file              the config file, or null for {@code SWITCHBOARD_CONFIG} / none
     * @param defaultPluginsDir the plugins folder when none is configured (next to the jar)
     * @throws ConfigException naming the key and the problem
     */
    public static Config load(Map<String, String> env, Path file, Path defaultPluginsDir) {
        Map<String, String> values = new TreeMap<>();
        Path configFile = file != null ? file : Optional.ofNullable(env.get(FILE_ENV)).map(Path::of).orElse(null);
        if (configFile != null) {
            if (!Files.isRegularFile(configFile)) {
                throw new ConfigException("config: file " + configFile + " does not exist");
            }
            Properties props = new Properties();
            try (Reader reader = Files.newBufferedReader(configFile, StandardCharsets.UTF_8)) {
                props.load(reader);
            } catch (IOException | IllegalArgumentException e) {
                throw new ConfigException("config: cannot read " + configFile + ": " + e.getMessage());
            }
            props.forEach((k, v) -> values.put(k.toString().trim(), v.toString().trim()));
        }
        env.forEach((name, value) -> {
            if (name.startsWith("SWITCHBOARD_") && !name.equals(FILE_ENV) && !name.startsWith("SWITCHBOARD_TEST_")) {
                values.put(keyOf(name), value.trim());
            }
        });
        return new Config(values, defaultPluginsDir);
    }

    /** The environment variable that overrides a key: {@code acme.body_limit} → {@code SWITCHBOARD_ACME_BODY_LIMIT}. */
    public static String envName(String key) {
        return "SWITCHBOARD_" + key.toUpperCase(Locale.ROOT).replace('.', '_');
    }

    /**
     * The key an environment variable sets. Underscores are ambiguous (a dot or part of a name), so a variable is
     * matched to the first dot only for the known prefixes ({@code db.}, {@code outbound.}, {@code http.},
     * and plugin ids as {@code <plugin>.}); {@link #string} looks keys up in both spellings anyway.
     */
    static String keyOf(String envName) {
        return envName.substring("SWITCHBOARD_".length()).toLowerCase(Locale.ROOT);
    }

    /** Every key that has a value, as given (from the environment: lower-case, underscores for dots). */
    public java.util.Set<String> keys() {
        return java.util.Collections.unmodifiableSet(values.keySet());
    }

    /** A raw value, from the environment or the file; keys are matched with dots and underscores as equal. */
    public Optional<String> string(String key) {
        String v = values.get(key);
        if (v == null) {
            v = values.get(key.replace('.', '_'));
        }
        return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v);
    }

    /** An integer value with bounds, or the default. */
    public int intValue(String key, int fallback, int min, int max) {
        long v = longValue(key, fallback, min, max);
        return (int) v;
    }

    /** A long value with bounds, or the default. */
    public long longValue(String key, long fallback, long min, long max) {
        Optional<String> raw = string(key);
        if (raw.isEmpty()) {
            return fallback;
        }
        long v;
        try {
            v = Long.parseLong(raw.get());
        } catch (NumberFormatException e) {
            throw invalid(key, raw.get(), "is not a whole number");
        }
        if (v < min || v > max) {
            throw invalid(key, raw.get(), "must be between " + min + " and " + max);
        }
        return v;
    }

    /** A boolean value ({@code true/false/1/0/yes/no}), or the default. */
    public boolean bool(String key, boolean fallback) {
        Optional<String> raw = string(key);
        if (raw.isEmpty()) {
            return fallback;
        }
        return switch (raw.get().toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes", "on" -> true;
            case "false", "0", "no", "off" -> false;
            default -> throw invalid(key, raw.get(), "must be true or false");
        };
    }

    private Optional<Path> path(String key) {
        return string(key).map(Path::of);
    }

    private static String validateBaseUrl(String base) {
        try {
            URI uri = new URI(base);
            if (uri.getScheme() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))
                    || uri.getHost() == null) {
                throw invalid("base_url", base, "must be an absolute http(s) URL");
            }
        } catch (URISyntaxException e) {
            throw invalid("base_url", base, "is not a URL: " + e.getReason());
        }
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    /** A ConfigException naming the key, its environment variable and the problem. */
    public static ConfigException invalid(String key, String value, String problem) {
        return new ConfigException("config: " + key + " (" + envName(key) + ") = '" + value + "' " + problem);
    }

    public int port() {
        return port;
    }

    public String bindAddress() {
        return bindAddress;
    }

    public Path dataDir() {
        return dataDir;
    }

    public Path pluginsDir() {
        return pluginsDir;
    }

    /**
     * The URL people reach this host at, for printing listener URLs: {@code base_url} when set, else
     * {@code http://localhost:<port>} with the port actually bound (which differs from {@code port} when that is 0).
     */
    public String baseUrl(int boundPort) {
        return baseUrl != null ? baseUrl : "http://localhost:" + boundPort;
    }

    /** {@code http.public_port}: the port that serves public plugin routes apart from the admin page, if any. */
    public Optional<Integer> publicPort() {
        return Optional.ofNullable(publicPort);
    }

    /**
     * The URL strangers reach public plugin routes at: with {@code http.public_port},
     * {@code public_base_url} or {@code http://localhost:<public port bound>}; without, {@link #baseUrl(int)}.
     */
    public String publicBaseUrl(int boundPort, Integer boundPublicPort) {
        if (publicPort == null || boundPublicPort == null) {
            return baseUrl(boundPort);
        }
        return publicBaseUrl != null ? publicBaseUrl : "http://localhost:" + boundPublicPort;
    }

    /** {@code http.plugin_answer_csp}: the policy added to every plugin answer, {@code sandbox} unless set. */
    public String pluginAnswerCsp() {
        return string("http.plugin_answer_csp").orElse("sandbox");
    }

    /** The admin token accepted as given (for automation), if configured. */
    public Optional<String> adminToken() {
        return string("admin_token");
    }

    /** The SQLite {@code synchronous} pragma: FULL (default), EXTRA or NORMAL. */
    public String sqliteSynchronous() {
        return values.get("db.synchronous");
    }
}
