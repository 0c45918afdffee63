package dev.switchboard.host.outbound;

import dev.switchboard.host.config.Config;
import java.util.ArrayList;
import java.util.List;

/**
 * The outbound client's configuration, validated at start (a bad value stops the host naming the key).
 *
 * @param allowlist        {@code outbound.allowlist}: IPs/CIDRs (optionally {@code :port}) exempt from the deny list,
 *                         as written (each entry checked here)
 * @param allowPrivate     {@code outbound.allow_private}: turn the deny list off (trusted networks only)
 * @param connectTimeoutMs {@code outbound.connect_timeout_ms}
 * @param maxTimeoutMs     {@code outbound.max_timeout_ms}: the cap on any request's total timeout
 * @param maxResponseBytes {@code outbound.max_response_bytes}: response bodies are captured up to this size
 */
record OutboundSettings(List<String> allowlist, boolean allowPrivate, long connectTimeoutMs,
        long maxTimeoutMs, int maxResponseBytes) {

    /** Reads and validates the {@code outbound.*} keys. */
    static OutboundSettings from(Config config) {
        List<String> allow = new ArrayList<>();
        String raw = config.string("outbound.allowlist").orElse("");
        for (String entry : raw.split(",")) {
            if (entry.isBlank()) {
                continue;
            }
            try {
                AddressPolicy.AllowEntry.parse(entry);
                allow.add(entry.trim());
            } catch (IllegalArgumentException e) {
                throw Config.invalid("outbound.allowlist", raw, "has a bad entry: " + e.getMessage());
            }
        }
        return new OutboundSettings(allow, config.bool("outbound.allow_private", false),
                config.longValue("outbound.connect_timeout_ms", 5_000, 100, 60_000),
                config.longValue("outbound.max_timeout_ms", 30_000, 100, 600_000),
                config.intValue("outbound.max_response_bytes", 1 << 20, 1024, 64 << 20));
    }
}
