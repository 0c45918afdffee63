package dev.switchboard.host.engine;

import dev.switchboard.api.Secrets;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * A stored bot (Cerb's "virtual attendant").
 *
 * @param id           database id
 * @param uid          the package uid it was imported with, or null
 * @param name         name
 * @param disabled     true when none of its behaviors run
 * @param params       {@code config}, {@code events}, {@code actions} as in Cerb packages, secrets in clear (only the
 *                     engine reads them; outputs use {@link #maskedParams})
 * @param owner        {@code {context, id}}
 * @param image        a data: URL, or null
 * @param secretConfig the {@code params.config} keys whose values are secret (sealed at rest, masked in every output)
 */
public record Bot(long id, String uid, String name, boolean disabled, Map<String, Object> params,
                  Map<String, Object> owner, String image, long createdAt, long updatedAt, Set<String> secretConfig) {

    public Bot {
        secretConfig = Set.copyOf(secretConfig);
    }

    /** A bot without secret config. */
    public Bot(long id, String uid, String name, boolean disabled, Map<String, Object> params,
               Map<String, Object> owner, String image, long createdAt, long updatedAt) {
        this(id, uid, name, disabled, params, owner, image, createdAt, updatedAt, Set.of());
    }

    /** {@code params.config}: what behaviors see as {@code va_config}. */
    public Object config() {
        return params == null ? null : params.get("config");
    }

    /** The params as every output shows them: each secret config value as {@value Secrets#MASK}. */
    public Map<String, Object> maskedParams() {
        if (secretConfig.isEmpty() || !(config() instanceof Map<?, ?> config)) {
            return params;
        }
        Map<String, Object> masked = new LinkedHashMap<>();
        config.forEach((k, v) -> masked.put(String.valueOf(k), secretConfig.contains(String.valueOf(k))
                ? Secrets.MASK : v));
        Map<String, Object> out = new LinkedHashMap<>(params);
        out.put("config", masked);
        return out;
    }

    /** The secret config values (as text), for scrubbing them from traces. */
    public Set<String> secretValues() {
        if (secretConfig.isEmpty() || !(config() instanceof Map<?, ?> config)) {
            return Set.of();
        }
        Set<String> out = new LinkedHashSet<>();
        for (String key : secretConfig) {
            Object v = config.get(key);
            if (v != null && !String.valueOf(v).isEmpty()) {
                out.add(String.valueOf(v));
            }
        }
        return out;
    }
}
