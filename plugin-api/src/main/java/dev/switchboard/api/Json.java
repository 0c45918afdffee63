package dev.switchboard.api;

/**
 * JSON reading and writing with the host's hardened settings (depth ≤ 256, duplicate keys refused). Values are
 * JSON-like Java values: {@code Map<String, Object>} (insertion-ordered), {@code List<Object>}, {@code String},
 * {@code Long}/{@code Double}/{@code BigDecimal}, {@code Boolean}, null.
 *
 * <pre>{@code
 * Map<?, ?> body = (Map<?, ?>) host.json().parse("{\"a\": 1}");
 * String out = host.json().write(Map.of("ok", true));
 * }</pre>
 *
 * @since 1.0.0
 */
public interface Json {
    /**
     * Parses JSON text. @throws IllegalArgumentException naming the problem when it is not valid JSON
     *
     * @since 1.0.0
     */
    Object parse(String text);

    /**
     * Writes a JSON-like value as compact JSON.
     *
     * @since 1.0.0
     */
    String write(Object value);
}
