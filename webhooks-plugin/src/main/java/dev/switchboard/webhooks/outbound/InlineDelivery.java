package dev.switchboard.webhooks.outbound;

import dev.switchboard.api.Sql;
import dev.switchboard.api.VetoException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code sync} and {@code sync_critical} deliveries: sent inside the transaction of the change, with a short
 * timeout ({@code webhooks.outbound.inline_timeout_seconds}, default 5). The attempt is kept in the history.
 * {@code sync_critical}: any failure (non-2xx, timeout, SSRF refusal, unrenderable payload) vetoes the change;
 * the caller gets 403 when the receiver answered 403, else 502, with the receiver's {@code text/plain} body as the
 * message. {@code sync}: a failure keeps the change and leaves the delivery queued for the normal retries.
 */
final class InlineDelivery {
    private final Outbound outbound;
    private final RetryPolicy retries;
    private final Duration timeout;

    InlineDelivery(Outbound outbound, RetryPolicy retries, Duration timeout) {
        this.outbound = outbound;
        this.retries = retries;
        this.timeout = timeout;
    }

    /** Sends now; @throws VetoException for a failed {@code sync_critical} delivery */
    void deliver(Sql sql, Subscription s, String eventType, String webhookId, Map<String, Object> envelope,
                 long now) {
        boolean critical = s.postMode().equals("sync_critical");
        String stored = outbound.host().json().write(envelope);
        long id = outbound.outbox().enqueue(sql, s.id(), eventType, webhookId, stored, now);
        Payload payload;
        try {
            payload = Payload.render(s, stored, outbound.host().templates(), outbound.host().json());
        } catch (Payload.PayloadException e) {
            if (critical) {
                throw new VetoException(502, "webhook " + s.name() + ": " + e.getMessage());
            }
            outbound.outbox().record(sql, id, new Attempt(now, 0, "POST", s.url(), List.of(), 0,
                    List.of(), new byte[0], false, e.getMessage()), "dead", now, now);
            return;
        }
        Attempt a = outbound.sender().send(s, webhookId, payload.body(), payload.contentType(), timeout);
        if (a.succeeded()) {
            outbound.outbox().record(sql, id, a, "succeeded", now, now);
        } else if (critical) {
            throw new VetoException(a.status() == 403 ? 403 : 502, message(s, a));
        } else {
            Duration delay = retries.next(1, null, Instant.ofEpochMilli(now));
            outbound.outbox().record(sql, id, a, delay == null ? "dead" : "pending",
                    delay == null ? now : now + delay.toMillis(), now);
            sql.afterCommit(outbound.worker()::wake);
        }
    }

    /** The receiver's text/plain body when it sent one, else what happened. */
    private static String message(Subscription s, Attempt a) {
        if (a.status() != 0) {
            String type = a.responseHeaders().stream().filter(h -> h.name().equalsIgnoreCase("Content-Type"))
                    .map(h -> h.value().toLowerCase(Locale.ROOT)).findFirst().orElse("");
            String body = new String(a.responseBody(), StandardCharsets.UTF_8).trim();
            if (type.startsWith("text/plain") && !body.isEmpty()) {
                return body.length() > 500 ? body.substring(0, 500) : body;
            }
            return "webhook " + s.name() + ": the receiver answered " + a.status();
        }
        return "webhook " + s.name() + ": " + a.error();
    }
}
