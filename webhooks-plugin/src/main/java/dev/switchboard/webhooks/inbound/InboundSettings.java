package dev.switchboard.webhooks.inbound;

import dev.switchboard.api.PluginHost;

/**
 * Inbound configuration, read once at start; every key can be set in the config file or as
 * {@code SWITCHBOARD_WEBHOOKS_...}.
 *
 * @param bodyLimit     {@code webhooks.body_limit}: largest request body in bytes (default 1 MiB)
 * @param rateLimit     {@code webhooks.rate_limit}: requests a minute per listener (default 600000, a flood guard; bursts up
 *                      to it)
 * @param maxConcurrent {@code webhooks.max_concurrent}: behavior runs at once per listener (default 32, half the
 *                      default HTTP thread pool)
 * @param logRows       {@code webhooks.log.max_rows}: request-log rows kept per listener (default 1000)
 * @param logDays       {@code webhooks.log.max_days}: days a request-log row is kept (default 7)
 * @param logQueue      {@code webhooks.log.queue}: rows waiting to be written before new ones are dropped
 *                      (default 10000)
 * @param logQueueBytes {@code webhooks.log.queue_bytes}: about how much memory those rows may hold (bodies, response
 *                      and trace) before new ones are dropped (default 64 MiB)
 */
record InboundSettings(long bodyLimit, int rateLimit, int maxConcurrent, int logRows, int logDays,
                              int logQueue, long logQueueBytes) {
    /** Reads the settings. @throws IllegalArgumentException naming a key whose value is not a positive number */
    static InboundSettings read(PluginHost host) {
        return new InboundSettings(positive(host, "webhooks.body_limit", 1 << 20),
                (int) positive(host, "webhooks.rate_limit", 600_000),
                (int) positive(host, "webhooks.max_concurrent", 32),
                (int) positive(host, "webhooks.log.max_rows", 1000),
                (int) positive(host, "webhooks.log.max_days", 7),
                (int) positive(host, "webhooks.log.queue", 10_000),
                positive(host, "webhooks.log.queue_bytes", 64L << 20));
    }

    private static long positive(PluginHost host, String key, long fallback) {
        String raw = host.config(key).orElse(null);
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        try {
            long v = Long.parseLong(raw.trim());
            if (v > 0 && v <= Integer.MAX_VALUE) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below with the key's name
        }
        throw new IllegalArgumentException(key + " must be a positive whole number, not '" + raw + "'");
    }
}
