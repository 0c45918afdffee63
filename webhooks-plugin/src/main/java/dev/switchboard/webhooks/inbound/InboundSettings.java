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
 *                      and trace) before new ones are refused: 503 for a durable listener, dropped for a best-effort
 *                      one (default 64 MiB)
 * @param logBatchBytes {@code webhooks.log.batch_bytes}: a batch (one transaction, one commit) is closed at about this
 *                      many bytes of rows (default 4 MiB)
 * @param logBatchMs    {@code webhooks.log.batch_ms}: the longest a batch stays open for more rows after its first,
 *                      0 for not at all (default 10). A batch holding a durable call closes sooner, as soon as every
 *                      durable call waiting has its row in it, so durable callers wait for one commit only; rows that
 *                      arrive while a batch commits form the next one, so batches grow with load by themselves
 * @param logCommitTimeoutMs {@code webhooks.log.commit_timeout_ms}: the longest a durable call waits for its batch
 *                      before it answers 503 (default 5000)
 * @param logMaxWaiting {@code webhooks.log.max_waiting}: durable calls that may wait for a commit at once; more answer
 *                      503 at once (default three quarters of {@code http.threads}, so a stalled disk leaves threads
 *                      for {@code /health} and the admin API)
 */
record InboundSettings(long bodyLimit, int rateLimit, int maxConcurrent, int logRows, int logDays,
                       int logQueue, long logQueueBytes, long logBatchBytes, long logBatchMs, long logCommitTimeoutMs,
                       int logMaxWaiting) {
    /** Reads the settings. @throws IllegalArgumentException naming a key whose value is not a positive number */
    static InboundSettings read(PluginHost host) {
        return new InboundSettings(positive(host, "webhooks.body_limit", 1 << 20),
                (int) positive(host, "webhooks.rate_limit", 600_000),
                (int) positive(host, "webhooks.max_concurrent", 32),
                (int) positive(host, "webhooks.log.max_rows", 1000),
                (int) positive(host, "webhooks.log.max_days", 7),
                (int) positive(host, "webhooks.log.queue", 10_000),
                positive(host, "webhooks.log.queue_bytes", 64L << 20),
                positive(host, "webhooks.log.batch_bytes", 4L << 20),
                number(host, "webhooks.log.batch_ms", 10, 0, 1000),
                positive(host, "webhooks.log.commit_timeout_ms", 5000),
                (int) positive(host, "webhooks.log.max_waiting",
                        Math.max(1, number(host, "http.threads", 64, 1, Integer.MAX_VALUE) * 3 / 4)));
    }

    private static long positive(PluginHost host, String key, long fallback) {
        return number(host, key, fallback, 1, Integer.MAX_VALUE);
    }

    private static long number(PluginHost host, String key, long fallback, long min, long max) {
        String raw = host.config(key).orElse(null);
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        try {
            long v = Long.parseLong(raw.trim());
            if (v >= min && v <= max) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below with the key's name
        }
        throw new IllegalArgumentException(key + " must be a whole number from " + min + " to " + max + ", not '"
                + raw + "'");
    }
}
