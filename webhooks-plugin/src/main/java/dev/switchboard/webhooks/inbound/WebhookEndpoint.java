package dev.switchboard.webhooks.inbound;

import dev.switchboard.api.Header;
import dev.switchboard.api.HttpEndpoint;
import dev.switchboard.api.HttpRequest;
import dev.switchboard.api.HttpResponse;
import dev.switchboard.api.HttpStatusException;
import dev.switchboard.api.Metrics;
import dev.switchboard.webhooks.WebhooksPlugin;
import java.util.List;
import java.util.Map;
import org.pf4j.Extension;

/**
 * {@code /webhooks/{guid}[/{path...}]}, any method: runs the listener's behavior and answers with what it set.
 * Reads no database: listeners and behaviors come from caches, and the call is logged by a background writer.
 */
@Extension
public final class WebhookEndpoint implements HttpEndpoint {
    static final String TOO_LARGE = "<h1>413: Payload too large</h1>";
    static final String TOO_MANY = "<h1>429: Too many requests</h1>";

    private final WebhooksPlugin plugin;

    public WebhookEndpoint(WebhooksPlugin plugin) {
        this.plugin = plugin;
    }

    @Override
    public String path() {
        return "/webhooks/{guid}/{path...}";
    }

    @Override
    public HttpResponse handle(HttpRequest request) {
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
            record(inbound, listener, request, body, receivedAt, System.nanoTime() - started, outcome);
            return outcome.response();
        }
        long wait = inbound.limits().acquire(listener);
        if (wait > 0) {
            outcome = new WebhookRunner.Outcome(WebhookReply.page(429, TOO_MANY,
                    List.of(new Header("Retry-After", Long.toString(wait)))), List.of(), "rate or concurrency limit");
        } else {
            try {
                outcome = run(inbound, listener, request, body, limit);
            } finally {
                inbound.limits().release(listener);
            }
        }
        long nanos = System.nanoTime() - started;
        HttpResponse response = outcome.response();
        record(inbound, listener, request, body, receivedAt, nanos, outcome);
        return response;
    }

    private static WebhookRunner.Outcome run(Inbound inbound, Listener listener, HttpRequest request, byte[] body,
                                             long limit) {
        Map<String, List<String>> form = request.formParams(limit);
        WebhookCall call = new WebhookCall(request.method(), request.pathParam("path"), request.queryString(),
                request.queryParams(), form, request.headers(), body, request.clientIp());
        return inbound.runner().run(listener, call, false);
    }

    private static void record(Inbound inbound, Listener listener, HttpRequest request, byte[] body, long receivedAt,
                               long nanos, WebhookRunner.Outcome outcome) {
        HttpResponse response = outcome.response();
        String id = Long.toString(listener.id());
        Metrics metrics = inbound.host().metrics();
        metrics.increment("webhooks.requests", "listener", id, "status", Integer.toString(response.status()));
        metrics.recordNanos("webhooks.request.duration", nanos, "listener", id);
        inbound.log().record(new LoggedRequest(listener.id(), receivedAt, request.method(),
                request.pathParam("path"), request.queryString(), request.clientIp(), request.headers(), body,
                response.headers(), response.status(), response.body(), nanos / 1000, outcome.trace(),
                outcome.error(), null));
    }
}
