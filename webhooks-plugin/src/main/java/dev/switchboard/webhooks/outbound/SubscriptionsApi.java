package dev.switchboard.webhooks.outbound;

import dev.switchboard.api.Field;
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

/**
 * Admin API for outbound subscriptions (declared by {@link OutboundRoutes}): {@code /api/webhooks/subscriptions} list/create,
 * {@code /{id}} read/replace/delete, {@code /{id}/rotate-secret}, {@code /{id}/test},
 * {@code /{id}/replay?since=&until=&status=} (dead or succeeded deliveries created in that range, epoch millis),
 * {@code GET /{id}/stats?hours=} (hourly delivery counts). Secrets are returned in clear only when created or rotated,
 * masked everywhere else, and never audited.
 */
final class SubscriptionsApi {
    private static final long BODY_LIMIT = 256 * 1024;
    private static final Duration DEFAULT_GRACE = Duration.ofHours(24);
    private static final Duration MAX_GRACE = Duration.ofDays(7);
    private static final Set<String> REPLAYABLE = Set.of("dead", "succeeded");
    private static final int MAX_STATS_HOURS = 168;
    private static final String TEST_EVENT = "webhook.test";

    private final Outbound outbound;
    private final PluginHost host;
    private final SubscriptionStore store;

    SubscriptionsApi(WebhooksPlugin plugin) {
        this.outbound = plugin.outbound();
        this.host = outbound.host();
        this.store = outbound.subscriptions();
    }

    HttpResponse list() {
        return ok(200, Map.of("subscriptions", host.database().read(store::list).stream()
                .map(Subscription::toJson).toList()));
    }

    HttpResponse get(long id) {
        return ok(200, find(id).toJson());
    }

    HttpResponse create(HttpRequest request) {
        SubscriptionInput input = input(request);
        Subscription parsed = input.read(null, host.clock().millis());
        Subscription created = host.database().write(sql -> {
            long id = store.insert(sql, parsed);
            return store.find(sql, id).orElseThrow();
        });
        audit(request, "webhook_subscription.create", created);
        Map<String, Object> out = created.toJson();
        out.put("secret", created.secret());
        return ok(201, out);
    }

    HttpResponse replace(HttpRequest request, long id) {
        SubscriptionInput input = input(request);
        Subscription[] before = new Subscription[1];
        Subscription updated = host.database().write(sql -> {
            before[0] = store.find(sql, id).orElseThrow(() -> missing(id));
            store.update(sql, input.read(before[0], host.clock().millis()));
            return store.find(sql, id).orElseThrow();
        });
        audit(request, "webhook_subscription.update", updated);
        Map<String, Object> out = updated.toJson();
        if (updated.secret() != null && !updated.secret().equals(before[0].secret())) {
            out.put("secret", updated.secret()); // a new secret (a URL change made one): shown this once
        }
        return ok(200, out);
    }

    HttpResponse delete(HttpRequest request, long id) {
        Subscription gone = host.database().write(sql -> {
            Subscription old = store.find(sql, id).orElseThrow(() -> missing(id));
            store.delete(sql, id);
            return old;
        });
        audit(request, "webhook_subscription.delete", gone);
        return HttpResponse.empty(204);
    }

    /** {@code POST .../rotate-secret}'s optional body. */
    record RotateInput(@Field(required = false, min = 0, max = 7 * 24 * 3600) Long graceSeconds) {
    }

    /** A new secret; the old one keeps signing alongside it for {@code grace_seconds} (default 24 h, max 7 days). */
    HttpResponse rotate(HttpRequest request, long id) {
        RotateInput in = request.body(BODY_LIMIT).length == 0 ? new RotateInput(null)
                : request.bodyAs(RotateInput.class, BODY_LIMIT);
        long graceSeconds = in.graceSeconds() == null ? DEFAULT_GRACE.toSeconds() : in.graceSeconds();
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

    /**
     * Sends a {@code webhook.test} event now, inline, and returns the attempt; the test is kept in the delivery
     * history as a finished delivery marked {@code test} ({@code delivery_id}), with the receiver's answer.
     */
    HttpResponse test(long id) {
        Subscription s = find(id);
        String webhookId = Envelope.newId();
        Map<String, Object> envelope = Envelope.of(TEST_EVENT, "Test event", webhookId, host.clock().instant(),
                Map.of("subscription", s.toJson()));
        byte[] body = host.json().write(envelope).getBytes(StandardCharsets.UTF_8);
        Attempt attempt = outbound.sender().send(s, webhookId, body, "application/json", Duration.ofSeconds(10));
        long deliveryId = host.database().write(sql -> outbound.outbox().recordTest(sql, s.id(), TEST_EVENT, webhookId,
                envelope, attempt, host.clock().millis()));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("webhook_id", webhookId);
        out.put("delivery_id", deliveryId);
        out.put("attempt", attempt.toJson());
        return ok(200, out);
    }

    /**
     * Makes the subscription's deliveries with {@code status} ({@code dead}, the default, or {@code succeeded}) created
     * in [since, until) (epoch millis) due again.
     */
    HttpResponse replay(HttpRequest request, long id) {
        if (request.queryParams().getOrDefault("since", List.of("")).get(0).isBlank()) {
            throw new HttpStatusException(400, "query parameter 'since' is required (epoch milliseconds)", "since");
        }
        long since = request.queryLong("since", 0, 0, Long.MAX_VALUE);
        long until = request.queryLong("until", host.clock().millis() + 1, 0, Long.MAX_VALUE);
        if (until <= since) {
            throw new HttpStatusException(400, "query parameter 'until' must be after 'since'", "until");
        }
        List<String> statuses = request.queryParams().getOrDefault("status", List.of());
        String status = statuses.isEmpty() || statuses.get(0).isEmpty() ? "dead" : statuses.get(0);
        if (!REPLAYABLE.contains(status)) {
            throw new HttpStatusException(400, "query parameter 'status' must be dead or succeeded (pending deliveries "
                    + "are already due)", "status");
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
    HttpResponse stats(HttpRequest request, long id) {
        long hours = request.queryLong("hours", 24, 1, MAX_STATS_HOURS);
        find(id);
        long now = host.clock().millis();
        return ok(200, host.database().read(sql -> DeliveryStats.hourly(sql, id, (int) hours, now)));
    }

    private Subscription find(long id) {
        return host.database().read(sql -> store.find(sql, id)).orElseThrow(() -> missing(id));
    }

    /** The body bound strictly, and whether it named {@code secret} (null turns signing off, absent keeps it). */
    private SubscriptionInput input(HttpRequest request) {
        SubscriptionInput.Body body = request.bodyAs(SubscriptionInput.Body.class, BODY_LIMIT);
        boolean secretSent = request.bodyAs(Map.class, BODY_LIMIT).containsKey("secret");
        return new SubscriptionInput(body, secretSent, host.templates());
    }

    private void audit(HttpRequest request, String action, Subscription s) {
        host.audit(request.principal(), action, "webhook_subscription:" + s.id(),
                Map.of("name", s.name(), "url", s.url()));
    }

    private HttpResponse ok(int status, Object value) {
        return HttpResponse.json(status, host.json().write(value));
    }

    private static HttpStatusException missing(long id) {
        return new HttpStatusException(404, "no subscription " + id);
    }
}
