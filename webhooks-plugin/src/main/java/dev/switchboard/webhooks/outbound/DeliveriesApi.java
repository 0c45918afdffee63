package dev.switchboard.webhooks.outbound;

import dev.switchboard.api.HttpRequest;
import dev.switchboard.api.HttpResponse;
import dev.switchboard.api.HttpStatusException;
import dev.switchboard.webhooks.WebhooksPlugin;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Delivery history (declared by {@link OutboundRoutes}): {@code GET /api/webhooks/deliveries?subscription=&status=&since=&until=&limit=} (newest
 * first, created in [since, until); {@code status=dead} is the dead-letter view),
 * {@code GET /api/webhooks/deliveries/{id}} with its attempts, and {@code POST /api/webhooks/deliveries/{id}/redeliver}
 * (same {@code webhook-id}).
 */
final class DeliveriesApi {
    private static final Set<String> STATUSES = Set.of("pending", "succeeded", "dead");

    private final Outbound outbound;

    DeliveriesApi(WebhooksPlugin plugin) {
        this.outbound = plugin.outbound();
    }

    HttpResponse list(HttpRequest request) {
        Map<String, List<String>> q = request.queryParams();
        Long subscription = number(request, "subscription");
        String status = text(q, "status");
        if (status != null && !STATUSES.contains(status)) {
            throw new HttpStatusException(400, "query parameter 'status' must be one of " + STATUSES, "status");
        }
        Long since = number(request, "since");
        Long until = number(request, "until");
        int max = (int) request.queryLong("limit", 100, 1, 1000);
        return json(200, Map.of("deliveries", outbound.host().database()
                .read(sql -> outbound.outbox().list(sql, subscription, status, since, until, max))));
    }

    HttpResponse get(long id) {
        Map<String, Object> delivery = outbound.host().database().read(sql -> outbound.outbox().find(sql, id));
        if (delivery == null) {
            throw missing(id);
        }
        return json(200, delivery);
    }

    HttpResponse redeliver(HttpRequest request, long id) {
        long now = outbound.host().clock().millis();
        Map<String, Object> delivery = outbound.host().database().write(sql -> {
            if (!outbound.outbox().redeliver(sql, id, now)) {
                throw missing(id);
            }
            sql.afterCommit(outbound.worker()::wake);
            return outbound.outbox().find(sql, id);
        });
        outbound.host().audit(request.principal(), "webhook_delivery.redeliver", "webhook_delivery:" + id,
                Map.of("webhook_id", delivery.get("webhook_id")));
        return json(202, delivery);
    }

    private HttpResponse json(int status, Object value) {
        return HttpResponse.json(status, outbound.host().json().write(value));
    }

    private static String text(Map<String, List<String>> q, String key) {
        List<String> values = q.get(key);
        return values == null || values.isEmpty() || values.get(0).isEmpty() ? null : values.get(0);
    }

    /** An optional whole-number query parameter, null when absent (400 naming it when not a number). */
    private static Long number(HttpRequest request, String key) {
        return text(request.queryParams(), key) == null ? null
                : request.queryLong(key, 0, Long.MIN_VALUE, Long.MAX_VALUE);
    }

    private static HttpStatusException missing(long id) {
        return new HttpStatusException(404, "no delivery " + id);
    }
}
