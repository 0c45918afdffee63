package dev.switchboard.webhooks.outbound;

import dev.switchboard.api.EventListener;
import dev.switchboard.api.HostEvent;
import dev.switchboard.api.Sql;
import dev.switchboard.api.TemplateException;
import dev.switchboard.api.VetoException;
import dev.switchboard.webhooks.WebhooksPlugin;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pf4j.Extension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Queues a delivery for every enabled subscription an event matches, inside the transaction of the change, so an
 * acknowledged change always has its deliveries (a failure to queue refuses the change instead of losing them).
 * The worker is woken after the commit. {@code sync} and {@code sync_critical} subscriptions are sent inline
 * ({@link InlineDelivery}).
 */
@Extension
public final class OutboxListener implements EventListener {
    private static final Logger LOG = LoggerFactory.getLogger(OutboxListener.class);

    /** The host's event for a change of the outbound allowlist at run time ({@code PUT /api/outbound/allowlist}). */
    static final String ALLOWLIST_CHANGED = "outbound.allowlist.changed";

    private final Outbound outbound;

    public OutboxListener(WebhooksPlugin plugin) {
        this.outbound = plugin.outbound();
    }

    @Override
    public void inTransaction(HostEvent event, Sql sql) {
        if (ALLOWLIST_CHANGED.equals(event.id())) {
            retryBlocked(sql); // and, like any event, delivered to the subscriptions that list it
        }
        try {
            long now = outbound.host().clock().millis();
            boolean queued = false;
            for (Subscription s : outbound.subscriptions().list(sql)) {
                if (!s.enabled() || !s.events().contains(event.id())) {
                    continue;
                }
                String webhookId = Envelope.newId();
                Map<String, Object> envelope = Envelope.of(event.id(), label(event.id()), webhookId, event.at(),
                        event.data());
                if (!passes(s, envelope)) {
                    continue;
                }
                if (s.postMode().equals("async")) {
                    outbound.outbox().enqueue(sql, s.id(), event.id(), webhookId, envelope, now);
                    queued = true;
                } else {
                    outbound.inline().deliver(sql, s, event.id(), webhookId, envelope, now);
                }
            }
            if (queued) {
                sql.afterCommit(outbound.worker()::wake);
            }
        } catch (VetoException e) {
            throw e;
        } catch (RuntimeException e) {
            LOG.error("could not queue webhook deliveries for {}", event.id(), e);
            throw new VetoException(503, "could not queue webhook deliveries: " + e.getMessage());
        }
    }

    /**
     * The allowlist changed: deliveries waiting for a retry because the guard refused their address are due now, not
     * after their backoff (5 minutes after the second refusal); those still refused back off again as before.
     */
    private void retryBlocked(Sql sql) {
        long now = outbound.host().clock().millis();
        int due = outbound.outbox().retryBlocked(sql, now);
        if (due > 0) {
            LOG.info("outbound allowlist changed: {} delivery(ies) refused by it are due now", due);
            sql.afterCommit(outbound.worker()::wake);
        }
    }

    /**
     * An admin API call was answered: queue a delivery for every enabled subscription with a {@code route:} entry
     * that picks it. The call cannot be vetoed any more, so these always go through the outbox, whatever the
     * subscription's post mode. The payload is the envelope plus APIO's {@code request {tag, method, url, body}} and
     * {@code response {status, body}}.
     */
    @Override
    public void afterCommit(HostEvent event) {
        if (!RouteMatch.EVENT.equals(event.id())) {
            return;
        }
        Map<?, ?> request = (Map<?, ?>) event.data().get("request");
        String method = String.valueOf(request.get("method"));
        String url = String.valueOf(request.get("url"));
        try {
            List<Subscription> picked = new ArrayList<>();
            List<String> tags = new ArrayList<>();
            for (Subscription s : outbound.host().database().read(outbound.subscriptions()::list)) {
                String tag = s.enabled() ? routeTag(s, method, url) : null;
                if (tag != null) {
                    picked.add(s);
                    tags.add(tag);
                }
            }
            if (picked.isEmpty()) {
                return;
            }
            long now = outbound.host().clock().millis();
            boolean queued = outbound.host().database().write(sql -> {
                boolean any = false;
                for (int i = 0; i < picked.size(); i++) {
                    String webhookId = Envelope.newId();
                    Map<String, Object> envelope = Envelope.of(event.id(), "API route called", webhookId, event.at(),
                            Map.of("actor", event.actor()));
                    Map<String, Object> call = new LinkedHashMap<>();
                    call.put("tag", tags.get(i));
                    request.forEach((k, v) -> call.put(String.valueOf(k), v));
                    envelope.put("request", call);
                    envelope.put("response", event.data().get("response"));
                    if (passes(picked.get(i), envelope)) {
                        outbound.outbox().enqueue(sql, picked.get(i).id(), event.id(), webhookId, envelope, now);
                        any = true;
                    }
                }
                return any;
            });
            if (queued) {
                outbound.worker().wake();
            }
        } catch (RuntimeException e) {
            LOG.error("could not queue route-call deliveries for {} {}", method, url, e);
        }
    }

    /** The tag of the subscription's first route entry that picks the call, or null. */
    private static String routeTag(Subscription s, String method, String url) {
        for (String entry : s.events()) {
            if (RouteMatch.isRoute(entry)) {
                RouteMatch match = RouteMatch.parse(entry);
                if (match.matches(method, url)) {
                    return match.tag();
                }
            }
        }
        return null;
    }

    /** The subscription's filter renders truthy (anything but empty, 0, false); no filter passes everything. */
    private boolean passes(Subscription s, Map<String, Object> envelope) {
        if (s.filter() == null) {
            return true;
        }
        try {
            String out = outbound.host().templates().render(s.filter(), Payload.variables(envelope)).trim();
            return !(out.isEmpty() || out.equals("0") || out.equalsIgnoreCase("false"));
        } catch (TemplateException e) {
            LOG.warn("subscription {}: filter failed, event {} not delivered: {}", s.name(), envelope.get("id"),
                    e.getMessage());
            return false;
        }
    }

    /** {@code ticket.created} → {@code Ticket created}. */
    static String label(String eventType) {
        String words = eventType.replace('.', ' ').replace('_', ' ');
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }
}
