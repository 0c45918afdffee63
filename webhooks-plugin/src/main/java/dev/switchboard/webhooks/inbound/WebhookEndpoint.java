package dev.switchboard.webhooks.inbound;

import dev.switchboard.api.FormData;
import dev.switchboard.api.Header;
import dev.switchboard.api.HttpRequest;
import dev.switchboard.api.HttpResponse;
import dev.switchboard.api.HttpStatusException;
import dev.switchboard.api.Metrics;
import dev.switchboard.webhooks.WebhooksPlugin;
import java.util.List;
import java.util.Map;

/**
 * {@code /webhooks/{guid}[/{path...}]}, any method (declared by {@link InboundRoutes}): runs the listener's behavior
 * and answers with what it set.
 * Reads no database: listeners and behaviors come from caches, and the call is logged by a background writer (a
 * durable listener's answer waits for its row's batch to commit: a call answered 2xx is in the log).
 */
final class WebhookEndpoint {
    static final String TOO_LARGE = "<h1>413: Payload too large</h1>";
    static final String TOO_MANY = "<h1>429: Too many requests</h1>";
    static final String LOG_UNAVAILABLE = "<h1>503: Temporarily unavailable</h1>";
    /** Seconds a sender is asked to wait when the request log cannot take its call (as for a full database). */
    static final int LOG_RETRY_AFTER_SECONDS = 5;

    private final WebhooksPlugin plugin;

    WebhookEndpoint(WebhooksPlugin plugin) {
        this.plugin = plugin;
    }

    HttpResponse handle(HttpRequest request) {
        Inbound inbound = plugin.inbound();
        Listener listener = inbound.listeners().byGuid(request.pathParam("guid"))
                .orElseThrow(() -> new HttpStatusException(404, "no webhook listener at this URL"));
        long started = System.nanoTime();
        long receivedAt = inbound.host().clock().millis();
        byte[] body = new byte[0];
        WebhookRunner.Outcome outcome;
        long limit = listener.bodyLimit() == null ? inbound.settings().bodyLimit() : listener.bodyLimit();
        try {
            // The body first: the host has read it already, so a caller that never sends one holds no slot.
            body = request.body(limit);
        } catch (HttpStatusException e) {
            if (e.status() != 413) {
                throw e;
            }
            outcome = new WebhookRunner.Outcome(WebhookReply.page(413, TOO_LARGE, List.of()), List.of(),
                    e.getMessage());
            return record(inbound, listener, request, body, receivedAt, System.nanoTime() - started, outcome);
        }
        long wait = inbound.limits().acquire(listener);
        if (wait > 0) {
            outcome = new WebhookRunner.Outcome(WebhookReply.page(429, TOO_MANY,
                    List.of(new Header("Retry-After", Long.toString(wait)))), List.of(), "rate or concurrency limit");
        } else {
            try {
                outcome = run(inbound, listener, request, body);
            } finally {
                inbound.limits().release(listener);
            }
        }
        long nanos = System.nanoTime() - started;
        return record(inbound, listener, request, body, receivedAt, nanos, outcome);
    }

    private static WebhookRunner.Outcome run(Inbound inbound, Listener listener, HttpRequest request, byte[] body) {
        // Parsed from the bytes already read, by the parser replay uses on the logged body.
        Map<String, List<String>> form = FormData.parse(request.header("Content-Type"), body);
        WebhookCall call = new WebhookCall(request.method(), request.pathParam("path"), request.queryString(),
                request.queryParams(), form, request.headers(), body, request.clientIp());
        return inbound.runner().run(listener, call, false);
    }

    /**
     * Logs the call and returns the answer to send. A durable listener's answer below 400 (what the behavior chose)
     * waits for its row to be committed, or becomes 503 + Retry-After when it cannot be; error answers (limits, 413,
     * failed runs) are logged without waiting, so a flood of refusals does not queue on the log.
     */
    private static HttpResponse record(Inbound inbound, Listener listener, HttpRequest request, byte[] body,
                                       long receivedAt, long nanos, WebhookRunner.Outcome outcome) {
        HttpResponse response = outcome.response();
        LoggedRequest entry = new LoggedRequest(listener.id(), receivedAt, request.method(),
                request.pathParam("path"), request.queryString(), request.clientIp(), request.headers(), body,
                response.headers(), response.status(), response.body(), nanos / 1000, outcome.trace(),
                outcome.error(), null, null);
        if (listener.logMode() == LogMode.DURABLE && response.status() < 400) {
            try {
                inbound.log().commit(entry);
            } catch (LogUnavailableException e) {
                response = WebhookReply.page(503, LOG_UNAVAILABLE,
                        List.of(new Header("Retry-After", Integer.toString(LOG_RETRY_AFTER_SECONDS))));
            }
        } else {
            inbound.log().record(entry);
        }
        String id = Long.toString(listener.id());
        Metrics metrics = inbound.host().metrics();
        metrics.increment("webhooks.requests", "listener", id, "status", Integer.toString(response.status()));
        metrics.recordNanos("webhooks.request.duration", nanos, "listener", id);
        return response;
    }
}
