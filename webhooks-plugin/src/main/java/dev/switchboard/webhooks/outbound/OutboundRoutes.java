package dev.switchboard.webhooks.outbound;

import dev.switchboard.api.HttpEndpoint.Access;
import dev.switchboard.api.HttpRoutes;
import dev.switchboard.api.Routes;
import dev.switchboard.webhooks.WebhooksPlugin;
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
                .status(200, "{\"subscriptions\": [subscription...]}");
        r.post(SUBSCRIPTIONS, Access.ADMIN, subs::create)
                .summary("Creates a subscription").status(201, "the subscription with its secret, shown this once");
        r.get(SUBSCRIPTION, Access.ADMIN, req -> subs.get(req.pathLong("id")))
                .summary("One subscription").status(200, "the subscription");
        r.put(SUBSCRIPTION, Access.ADMIN, req -> subs.replace(req, req.pathLong("id")))
                .summary("Replaces a subscription").status(200, "the subscription as stored");
        r.delete(SUBSCRIPTION, Access.ADMIN, req -> subs.delete(req, req.pathLong("id")))
                .summary("Deletes a subscription").status(204, "nothing");
        r.post(SUBSCRIPTION + "/rotate-secret", Access.ADMIN, req -> subs.rotate(req, req.pathLong("id")))
                .summary("A new signing secret; the old one signs alongside it for grace_seconds")
                .body(SubscriptionsApi.RotateInput.class)
                .status(200, "{\"id\", \"secret\", \"previous_secret_expires_at\"}");
        r.post(SUBSCRIPTION + "/test", Access.ADMIN, req -> subs.test(req.pathLong("id")))
                .summary("Sends a webhook.test event now").status(200, "{\"webhook_id\", \"attempt\"}");
        r.post(SUBSCRIPTION + "/replay", Access.ADMIN, req -> subs.replay(req, req.pathLong("id")))
                .summary("Makes dead (or succeeded) deliveries created in [since, until) due again")
                .status(202, "{\"replayed\": n}");
        r.get(SUBSCRIPTION + "/stats", Access.ADMIN, req -> subs.stats(req, req.pathLong("id")))
                .summary("Hourly delivery counts over the last hours (default 24)").status(200, "the counts");
        DeliveriesApi deliveries = new DeliveriesApi(plugin);
        r.get("/api/webhooks/deliveries", Access.ADMIN, deliveries::list)
                .summary("Delivery history, newest first (subscription, status, since, until, limit)")
                .status(200, "{\"deliveries\": [delivery...]}");
        r.get(DELIVERY, Access.ADMIN, req -> deliveries.get(req.pathLong("id")))
                .summary("One delivery with its attempts").status(200, "the delivery");
        r.post(DELIVERY + "/redeliver", Access.ADMIN, req -> deliveries.redeliver(req, req.pathLong("id")))
                .summary("Sends a delivery again with the same webhook-id").status(202, "the delivery");
    }
}
