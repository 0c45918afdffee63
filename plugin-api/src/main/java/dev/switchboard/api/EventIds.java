package dev.switchboard.api;

/**
 * The ids of the events the host and its bundled plugins raise, for {@link EventListener}s, {@link Action#events()},
 * {@link BehaviorInfo#eventId()} checks and {@link Events#publish}, instead of typing the strings. Packages name the
 * same ids in {@code event.key} (behaviors) and a subscription's {@code events}.
 *
 * <pre>{@code
 * @Extension
 * public final class AuditTickets implements EventListener {
 *     public void afterCommit(HostEvent event) {
 *         if (event.id().equals(EventIds.TICKET_CREATED)) { ... }
 *     }
 * }
 * }</pre>
 *
 * @since 1.4.0
 */
public final class EventIds {
    /**
     * A ticket was created; data {@code ticket}. Raised inside the writing transaction (listeners may veto), and a
     * broadcast event behaviors bind to.
     *
     * @since 1.4.0
     */
    public static final String TICKET_CREATED = "ticket.created";

    /**
     * A ticket changed; data {@code ticket} and {@code changes: {field: {old, new}}}. As {@link #TICKET_CREATED}.
     *
     * @since 1.4.0
     */
    public static final String TICKET_UPDATED = "ticket.updated";

    /**
     * A ticket was deleted; data {@code ticket} as it was. As {@link #TICKET_CREATED}.
     *
     * @since 1.4.0
     */
    public static final String TICKET_DELETED = "ticket.deleted";

    /**
     * A signed-in caller's admin API call was answered; data {@code request} ({@code method}, {@code url},
     * {@code body}) and {@code response} ({@code status}, {@code body}), credentials masked. Raised after the call,
     * outside any transaction.
     *
     * @since 1.4.0
     */
    public static final String API_ROUTE_CALLED = "api.route_called";

    /**
     * A request arrived at a webhook listener's URL: the event of listener behaviors (Cerb's
     * {@code event.webhook.received}), raised by the webhooks plugin.
     *
     * @since 1.4.0
     */
    public static final String WEBHOOK_RECEIVED = "event.webhook.received";

    /**
     * The webhooks plugin disabled an outbound subscription (its receiver answered 410 or kept failing); data
     * {@code subscription}.
     *
     * @since 1.4.0
     */
    public static final String WEBHOOK_SUBSCRIPTION_DISABLED = "webhook.subscription.disabled";

    private EventIds() {
    }
}
