package dev.switchboard.webhooks.outbound;

import dev.switchboard.api.HttpEndpoint;
import dev.switchboard.api.HttpRequest;
import dev.switchboard.api.HttpResponse;
import dev.switchboard.api.HttpStatusException;
import dev.switchboard.webhooks.WebhooksPlugin;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.pf4j.Extension;

/**
 * Delivery history: {@code GET /api/webhooks/deliveries?subscription=&status=&since=&until=&limit=} (newest
 * first, created in [since, until); {@code status=dead} is the dead-letter view),
 * {@code GET /api/webhooks/deliveries/{id}} with its attempts, and {@code POST /api/webhooks/deliveries/{id}/redeliver}
 * (same {@code webhook-id}).
 */
@Extension
public final class DeliveriesEndpoint implements HttpEndpoint {
    private static final Set<String> STATUSES = Set.of("pending", "succeeded", "dead");

    private final Outbound outbound;

    public DeliveriesEndpoint(WebhooksPlugin plugin) {
        this.outbound = plugin.outbound();
    }

    @Override
    public String path() {
        return "/api/webhooks/deliveries/{rest...}";
    }

    @Override
    public Access access() {
        return Access.ADMIN;
    }

    @Override
    public HttpResponse handle(HttpRequest request) {
        String[] parts = request.pathParam("rest").split("/", -1);
        if (parts.length == 1 && parts[0].isEmpty() && request.method().equals("GET")) {
            Map<String, List<String>> q = request.queryParams();
            Long subscription = number(q, "subscription");
            String status = text(q, "status");
            if (status != null && !STATUSES.contains(status)) {
                throw new HttpStatusException(422, "status must be one of " + STATUSES, "status");
            }
            Long since = number(q, "since");
            Long until = number(q, "until");
            Long limit = number(q, "limit");
            int max = limit == null ? 100 : (int) Math.max(1, Math.min(limit, 1000));
            return json(200, Map.of("deliveries", outbound.host().database()
                    .read(sql -> outbound.outbox().list(sql, subscription, status, since, until, max))));
        }
        long id = id(parts[0]);
        if (parts.length == 1 && request.method().equals("GET")) {
            Map<String, Object> delivery = outbound.host().database().read(sql -> outbound.outbox().find(sql, id));
            if (delivery == null) {
                throw missing(id);
            }
            return json(200, delivery);
        }
        if (parts.length == 2 && parts[1].equals("redeliver") && request.method().equals("POST")) {
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
        throw new HttpStatusException(404, "no such route: " + request.method() + " " + request.path());
    }

    private HttpResponse json(int status, Object value) {
        return HttpResponse.json(status, outbound.host().json().write(value));
    }

    private static String text(Map<String, List<String>> q, String key) {
        List<String> values = q.get(key);
        return values == null || values.isEmpty() || values.get(0).isEmpty() ? null : values.get(0);
    }

    private static Long number(Map<String, List<String>> q, String key) {
        String text = text(q, key);
        if (text == null) {
            return null;
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new HttpStatusException(422, key + " must be a whole number" + (key.equals("since") || key.equals("until")
                    ? " (epoch milliseconds)" : ""), key);
        }
    }

    private static long id(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new HttpStatusException(404, "no delivery '" + text + "'");
        }
    }

    private static HttpStatusException missing(long id) {
        return new HttpStatusException(404, "no delivery " + id);
    }
}
