package dev.switchboard.webhooks.outbound;

import dev.switchboard.api.Header;
import dev.switchboard.api.OutboundException;
import dev.switchboard.api.OutboundHttp;
import dev.switchboard.api.OutboundRequest;
import dev.switchboard.api.OutboundResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Sends one signed delivery attempt through the host's guarded client: Standard Webhooks headers (the same
 * {@code webhook-id} on every attempt, a fresh timestamp each time), GitHub's signature when asked, the
 * subscription's auth and custom header. The attempt keeps the request headers with credentials redacted.
 */
final class Sender {
    private final OutboundHttp http;
    private final Clock clock;

    Sender(OutboundHttp http, Clock clock) {
        this.http = http;
        this.clock = clock;
    }

    /** Sends {@code body} for delivery {@code webhookId} and returns the attempt (never throws for a failure). */
    Attempt send(Subscription s, String webhookId, byte[] body, String contentType, Duration timeout) {
        long started = clock.millis();
        long timestamp = started / 1000;
        List<Header> headers = new ArrayList<>();
        List<Header> shown = new ArrayList<>();
        add(headers, shown, "Content-Type", contentType, false);
        add(headers, shown, "User-Agent", "Switchboard-Webhooks", false);
        add(headers, shown, "webhook-id", webhookId, false);
        add(headers, shown, "webhook-timestamp", Long.toString(timestamp), false);
        List<String> secrets = s.signingSecrets(started);
        if (!secrets.isEmpty()) {
            add(headers, shown, "webhook-signature", WebhookSigner.signature(secrets, webhookId, timestamp, body),
                    false);
            if (s.githubSignature()) {
                add(headers, shown, "X-Hub-Signature-256", WebhookSigner.githubSignature(secrets.get(0), body),
                        false);
            }
        }
        switch (s.auth().type()) {
            case "basic" -> add(headers, shown, "Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    (s.auth().username() + ":" + s.auth().credential()).getBytes(StandardCharsets.UTF_8)), true);
            case "bearer" -> add(headers, shown, "Authorization", "Bearer " + s.auth().credential(), true);
            default -> { }
        }
        if (s.customHeader() != null) {
            add(headers, shown, s.customHeader().name(), s.customHeader().value(), true);
        }
        try {
            OutboundResponse r = http.send(new OutboundRequest("POST", s.url(), headers, body, timeout));
            String error = r.status() / 100 == 2 ? null : "the receiver answered " + r.status();
            return new Attempt(started, r.durationMillis(), "POST", s.url(), shown, r.status(), r.headers(),
                    r.body(), r.truncated(), error);
        } catch (OutboundException e) {
            return new Attempt(started, clock.millis() - started, "POST", s.url(), shown, 0, List.of(),
                    new byte[0], false, e.kind().name().toLowerCase() + ": " + e.getMessage());
        }
    }

    private static void add(List<Header> headers, List<Header> shown, String name, String value, boolean secret) {
        headers.add(new Header(name, value));
        shown.add(new Header(name, secret ? Subscription.MASK : value));
    }
}
