package dev.switchboard.webhooks.outbound;

import dev.switchboard.api.Field;
import dev.switchboard.api.HttpEndpoint.Access;
import dev.switchboard.api.HttpRoutes;
import dev.switchboard.api.Routes;
import dev.switchboard.webhooks.WebhooksPlugin;
import java.util.List;
import java.util.Map;
import org.pf4j.Extension;

/**
 * The outbound side's admin API: subscriptions and their deliveries. Inputs follow docs/api.md's rule for plugin
 * routes (malformed JSON 400, a body that does not bind 422 naming the field, a bad query parameter 400, an unknown id
 * 404; the host answers 405 with {@code Allow}).
 */
@Extension
public final class OutboundRoutes implements HttpRoutes {
    private static final String SUBSCRIPTIONS = "/api/webhooks/subscriptions";
    private static final String SUBSCRIPTION = SUBSCRIPTIONS + "/{id}";
    private static final String DELIVERY = "/api/webhooks/deliveries/{id}";

    private final WebhooksPlugin plugin;

    public OutboundRoutes(WebhooksPlugin plugin) {
        this.plugin = plugin;
    }

    @Override
    public void routes(Routes r) {
        SubscriptionsApi subs = new SubscriptionsApi(plugin);
        r.get(SUBSCRIPTIONS, Access.ADMIN, req -> subs.list())
                .summary("Lists the outbound subscriptions (secrets masked)")
                .status(200, "{\"subscriptions\": [subscription...]}").response(SubscriptionList.class);
        r.post(SUBSCRIPTIONS, Access.ADMIN, subs::create).summary("Creates a subscription")
                .body(SubscriptionInput.Body.class).status(201, "the subscription with its secret, shown this once")
                .response(SubscriptionAnswer.class);
        r.get(SUBSCRIPTION, Access.ADMIN, req -> subs.get(req.pathLong("id")))
                .summary("One subscription").status(200, "the subscription").response(SubscriptionAnswer.class);
        r.put(SUBSCRIPTION, Access.ADMIN, req -> subs.replace(req, req.pathLong("id")))
                .summary("Replaces a subscription").body(SubscriptionInput.Body.class)
                .status(200, "the subscription as stored").response(SubscriptionAnswer.class);
        r.delete(SUBSCRIPTION, Access.ADMIN, req -> subs.delete(req, req.pathLong("id")))
                .summary("Deletes a subscription").status(204, "nothing");
        r.post(SUBSCRIPTION + "/rotate-secret", Access.ADMIN, req -> subs.rotate(req, req.pathLong("id")))
                .summary("A new signing secret; the old one signs alongside it for grace_seconds")
                .body(SubscriptionsApi.RotateInput.class)
                .status(200, "{\"id\", \"secret\", \"previous_secret_expires_at\"}").response(Rotated.class);
        r.post(SUBSCRIPTION + "/test", Access.ADMIN, req -> subs.test(req.pathLong("id")))
                .summary("Sends a webhook.test event now").status(200, "{\"webhook_id\", \"attempt\"}")
                .response(Tested.class);
        r.post(SUBSCRIPTION + "/replay", Access.ADMIN, req -> subs.replay(req, req.pathLong("id")))
                .summary("Makes dead (or succeeded) deliveries created in [since, until) due again")
                .status(202, "{\"replayed\": n}").response(Replayed.class);
        r.get(SUBSCRIPTION + "/stats", Access.ADMIN, req -> subs.stats(req, req.pathLong("id")))
                .summary("Hourly delivery counts over the last hours (default 24)").status(200, "the counts")
                .response(Stats.class);
        DeliveriesApi deliveries = new DeliveriesApi(plugin);
        r.get("/api/webhooks/deliveries", Access.ADMIN, deliveries::list)
                .summary("Delivery history, newest first (subscription, status, since, until, limit)")
                .status(200, "{\"deliveries\": [delivery...]}").response(DeliveryList.class);
        r.get(DELIVERY, Access.ADMIN, req -> deliveries.get(req.pathLong("id")))
                .summary("One delivery with its attempts").status(200, "the delivery").response(DeliveryAnswer.class);
        r.post(DELIVERY + "/redeliver", Access.ADMIN, req -> deliveries.redeliver(req, req.pathLong("id")))
                .summary("Sends a delivery again with the same webhook-id").status(202, "the delivery")
                .response(DeliveryAnswer.class);
    }

    /** A subscription as the API answers it (secrets masked), for the API document. */
    record SubscriptionAnswer(long id, String name, @Field(required = false) String description, boolean enabled,
                              @Field(required = false) String disabledReason, String url, List<String> events,
                              @Field(required = false) String filter, String payloadFormat,
                              @Field(required = false) String payloadTemplate, String postMode,
                              Map<String, Object> auth, @Field(required = false) Map<String, Object> customHeader,
                              @Field(required = false) String secret,
                              @Field(required = false) Long previousSecretExpiresAt, boolean githubSignature,
                              boolean secretInPayload, @Field(required = false) Long rateLimit, long createdAt,
                              long updatedAt) {
    }

    /** The subscriptions. */
    record SubscriptionList(List<SubscriptionAnswer> subscriptions) {
    }

    /** A new signing secret, shown this once. */
    record Rotated(long id, String secret, @Field(required = false) Long previousSecretExpiresAt) {
    }

    /** A test event's attempt. */
    record Tested(String webhookId, Map<String, Object> attempt) {
    }

    /** How many deliveries were made due again. */
    record Replayed(long replayed) {
    }

    /** Hourly counts. */
    record Stats(long hours, long bucketMs, long since, long until, long deadLetters) {
    }

    /** A delivery as the API answers it. */
    record DeliveryAnswer(long id, String webhookId, long subscriptionId, String eventType, String status,
                          long attemptCount, @Field(required = false) Long nextAttemptAt,
                          @Field(required = false) Long lastStatus, @Field(required = false) String lastError,
                          long createdAt, long updatedAt) {
    }

    /** Deliveries, newest first. */
    record DeliveryList(List<DeliveryAnswer> deliveries) {
    }
}
