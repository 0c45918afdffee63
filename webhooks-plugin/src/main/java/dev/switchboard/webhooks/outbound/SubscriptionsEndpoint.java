package dev.switchboard.webhooks.outbound;

import dev.switchboard.api.HttpEndpoint;
import dev.switchboard.api.HttpRequest;
import dev.switchboard.api.HttpResponse;
import dev.switchboard.api.HttpStatusException;
import dev.switchboard.api.PluginHost;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import dev.switchboard.webhooks.WebhooksPlugin;
import org.pf4j.Extension;

/**
 * Admin API for outbound subscriptions: {@code /api/webhooks/subscriptions} list/create,
 * {@code /{id}} read/replace/delete, {@code /{id}/rotate-secret}, {@code /{id}/test},
 * {@code /{id}/replay?since=&until=&status=} (dead or succeeded deliveries created in that range, epoch millis),
 * {@code GET /{id}/stats?hours=} (hourly delivery counts). Secrets are returned in clear only when created or rotated,
 * masked everywhere else, and never audited.
 */
@Extension
public final class SubscriptionsEndpoint implements HttpEndpoint {
    private static final long BODY_LIMIT = 256 * 1024;
    private static final Duration DEFAULT_GRACE = Duration.ofHours(24);
    private static final Duration MAX_GRACE = Duration.ofDays(7);
    private static final Set<String> REPLAYABLE = Set.of("dead", "succeeded");
    private static final int MAX_STATS_HOURS = 168;

    private final Outbound outbound;
    private final PluginHost host;
    private final SubscriptionStore store;

    public SubscriptionsEndpoint(WebhooksPlugin plugin) {
        this.outbound = plugin.outbound();
        this.host = outbound.host();
        this.store = outbound.subscriptions();
    }

    @Override
    public String path() {
        return "/api/webhooks/subscriptions/{rest...}";
    }

    @Override
    public Access access() {
        return Access.ADMIN;
    }

    @Override
    public HttpResponse handle(HttpRequest request) {
        String[] parts = request.pathParam("rest").split("/", -1);
        String method = request.method();
        if (parts.length == 1 && parts[0].isEmpty()) {
            return switch (method) {
                case "GET" -> ok(200, Map.of("subscriptions", host.database().read(store::list).stream()
                        .map(Subscription::toJson).toList()));
                case "POST" -> create(request);
                default -> throw notAllowed();
            };
        }
        long id = id(parts[0]);
        if (parts.length == 1) {
            return switch (method) {
                case "GET" -> ok(200, find(id).toJson());
                case "PUT" -> replace(request, id);
                case "DELETE" -> delete(request, id);
                default -> throw notAllowed();
            };
        }
        if (parts.length == 2 && parts[1].equals("stats")) {
            if (!method.equals("GET")) {
                throw notAllowed();
            }
            return stats(request, id);
        }
        if (parts.length == 2 && method.equals("POST")) {
            return switch (parts[1]) {
                case "rotate-secret" -> rotate(request, id);
                case "test" -> test(id);
                case "replay" -> replay(request, id);
                default -> throw notFound(request);
            };
        }
        throw parts.length == 2 && Set.of("test", "rotate-secret", "replay").contains(parts[1])
                ? notAllowed() : notFound(request);
    }

    private HttpResponse create(HttpRequest request) {
        Map<?, ?> body = body(request);
        Subscription parsed = new SubscriptionInput(body, host.templates()).read(null, host.clock().millis());
        Subscription created = host.database().write(sql -> {
            long id = store.insert(sql, parsed);
            return store.find(sql, id).orElseThrow();
        });
        audit(request, "webhook_subscription.create", created);
        Map<String, Object> out = created.toJson();
        out.put("secret", created.secret());
        return ok(201, out);
    }

    private HttpResponse replace(HttpRequest request, long id) {
        Map<?, ?> body = body(request);
        Subscription[] before = new Subscription[1];
        Subscription updated = host.database().write(sql -> {
            before[0] = store.find(sql, id).orElseThrow(() -> missing(id));
            store.update(sql, new SubscriptionInput(body, host.templates()).read(before[0], host.clock().millis()));
            return store.find(sql, id).orElseThrow();
        });
        audit(request, "webhook_subscription.update", updated);
        Map<String, Object> out = updated.toJson();
        if (updated.secret() != null && !updated.secret().equals(before[0].secret())) {
            out.put("secret", updated.secret()); // a new secret (a URL change made one): shown this once
        }
        return ok(200, out);
    }

    private HttpResponse delete(HttpRequest request, long id) {
        Subscription gone = host.database().write(sql -> {
            Subscription old = store.find(sql, id).orElseThrow(() -> missing(id));
            store.delete(sql, id);
            return old;
        });
        audit(request, "webhook_subscription.delete", gone);
        return HttpResponse.empty(204);
    }

    /** A new secret; the old one keeps signing alongside it for {@code grace_seconds} (default 24 h, max 7 days). */
    private HttpResponse rotate(HttpRequest request, long id) {
        Map<?, ?> body = request.body(BODY_LIMIT).length == 0 ? Map.of() : body(request);
        long graceSeconds = graceSeconds(body.get("grace_seconds"));
        long now = host.clock().millis();
        Subscription rotated = host.database().write(sql -> {
            Subscription old = store.find(sql, id).orElseThrow(() -> missing(id));
            Subscription next = new Subscription(old.id(), old.name(), old.description(), old.enabled(), old.url(),
                    old.events(), old.filter(), old.payloadFormat(), old.payloadTemplate(),
                    old.postMode(), old.auth(), old.customHeader(), WebhookSigner.newSecret(), old.secret(),
                    old.secret() == null || graceSeconds == 0 ? null : now + graceSeconds * 1000,
                    old.githubSignature(), old.secretInPayload(), old.rateLimit(), old.disabledReason(), old.createdAt(), now);
            store.update(sql, next);
            return next;
        });
        audit(request, "webhook_subscription.rotate_secret", rotated);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", rotated.id());
        out.put("secret", rotated.secret());
        out.put("previous_secret_expires_at", rotated.previousSecretUntil());
        return ok(200, out);
    }

    /** Sends a {@code webhook.test} event now, inline, and returns the attempt. */
    private HttpResponse test(long id) {
        Subscription s = find(id);
        String webhookId = Envelope.newId();
        byte[] body = host.json().write(Envelope.of("webhook.test", "Test event", webhookId, host.clock().instant(),
                Map.of("subscription", s.toJson()))).getBytes(StandardCharsets.UTF_8);
        Attempt attempt = outbound.sender().send(s, webhookId, body, "application/json", Duration.ofSeconds(10));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("webhook_id", webhookId);
        out.put("attempt", attempt.toJson());
        return ok(200, out);
    }

    /**
     * Makes the subscription's deliveries with {@code status} ({@code dead}, the default, or {@code succeeded}) created
     * in [since, until) (epoch millis) due again.
     */
    private HttpResponse replay(HttpRequest request, long id) {
        long since = millis(request, "since", null);
        long until = millis(request, "until", host.clock().millis() + 1);
        if (until <= since) {
            throw new HttpStatusException(422, "until must be after since", "until");
        }
        List<String> statuses = request.queryParams().getOrDefault("status", List.of());
        String status = statuses.isEmpty() || statuses.get(0).isEmpty() ? "dead" : statuses.get(0);
        if (!REPLAYABLE.contains(status)) {
            throw new HttpStatusException(422, "status must be dead or succeeded (pending deliveries are already due)",
                    "status");
        }
        find(id);
        long now = host.clock().millis();
        int replayed = host.database().write(sql -> {
            int n = outbound.outbox().replay(sql, id, status, since, until, now);
            sql.afterCommit(outbound.worker()::wake);
            return n;
        });
        host.audit(request.principal(), "webhook_subscription.replay", "webhook_subscription:" + id,
                Map.of("since", since, "until", until, "status", status, "replayed", replayed));
        return ok(202, Map.of("replayed", replayed));
    }

    /** Hourly delivery and failed-attempt counts over the last {@code hours} (default 24, at most a week). */
    private HttpResponse stats(HttpRequest request, long id) {
        long hours = number(request, "hours", 24L, "a whole number of hours");
        if (hours < 1 || hours > MAX_STATS_HOURS) {
            throw new HttpStatusException(422, "hours must be a whole number from 1 to " + MAX_STATS_HOURS, "hours");
        }
        find(id);
        long now = host.clock().millis();
        return ok(200, host.database().read(sql -> DeliveryStats.hourly(sql, id, (int) hours, now)));
    }

    private static long millis(HttpRequest request, String key, Long fallback) {
        return number(request, key, fallback, "epoch milliseconds");
    }

    /** A whole-number query parameter, or {@code fallback} when absent (required when that is null). */
    private static long number(HttpRequest request, String key, Long fallback, String unit) {
        List<String> values = request.queryParams().get(key);
        if (values == null || values.isEmpty() || values.get(0).isEmpty()) {
            if (fallback == null) {
                throw new HttpStatusException(422, key + " is required (" + unit + ")", key);
            }
            return fallback;
        }
        try {
            return Long.parseLong(values.get(0));
        } catch (NumberFormatException e) {
            throw new HttpStatusException(422, key + " must be " + unit, key);
        }
    }

    private static long graceSeconds(Object value) {
        if (value == null) {
            return DEFAULT_GRACE.toSeconds();
        }
        if (!(value instanceof Long n) || n < 0 || n > MAX_GRACE.toSeconds()) {
            throw new HttpStatusException(422, "grace_seconds must be a whole number from 0 to "
                    + MAX_GRACE.toSeconds(), "grace_seconds");
        }
        return n;
    }

    private Subscription find(long id) {
        return host.database().read(sql -> store.find(sql, id)).orElseThrow(() -> missing(id));
    }

    private Map<?, ?> body(HttpRequest request) {
        byte[] bytes = request.body(BODY_LIMIT);
        Object parsed;
        try {
            parsed = host.json().parse(new String(bytes, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw new HttpStatusException(400, "the body is not valid JSON: " + e.getMessage());
        }
        if (!(parsed instanceof Map<?, ?> map)) {
            throw new HttpStatusException(400, "the body must be a JSON object");
        }
        return map;
    }

    private void audit(HttpRequest request, String action, Subscription s) {
        host.audit(request.principal(), action, "webhook_subscription:" + s.id(),
                Map.of("name", s.name(), "url", s.url()));
    }

    private HttpResponse ok(int status, Object value) {
        return HttpResponse.json(status, host.json().write(value));
    }

    private static long id(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new HttpStatusException(404, "no subscription '" + text + "'");
        }
    }

    private static HttpStatusException missing(long id) {
        return new HttpStatusException(404, "no subscription " + id);
    }

    private static HttpStatusException notFound(HttpRequest request) {
        return new HttpStatusException(404, "no such route: " + request.path());
    }

    private static HttpStatusException notAllowed() {
        return new HttpStatusException(405, "method not allowed here");
    }
}
