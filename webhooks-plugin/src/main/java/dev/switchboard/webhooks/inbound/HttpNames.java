package dev.switchboard.webhooks.inbound;

import java.util.Locale;

/** How Cerb names request headers and params in the dictionary. */
final class HttpNames {
    private HttpNames() {
    }

    /** {@code X-Hub-Signature-256} → {@code x_hub_signature_256}. */
    static String header(String name) {
        return name.toLowerCase(Locale.ROOT).replace('-', '_');
    }

    /** Lower-cased, '-' → '_', characters outside {@code [A-Za-z0-9_]} dropped. */
    static String param(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        StringBuilder out = new StringBuilder(lower.length());
        for (int i = 0; i < lower.length(); i++) {
            char c = lower.charAt(i);
            if (c == '-') {
                out.append('_');
            } else if (c == '_' || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
                out.append(c);
            }
        }
        return out.toString();
    }
}
