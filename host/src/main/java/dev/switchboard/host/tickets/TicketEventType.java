package dev.switchboard.host.tickets;

import dev.switchboard.api.EventType;
import dev.switchboard.api.Placeholder;
import java.util.ArrayList;
import java.util.List;

/**
 * The broadcast events behaviors bind to for ticket changes: {@code ticket.created}, {@code ticket.updated},
 * {@code ticket.deleted}. The ticket arrives as {@code ticket} (a map) and flattened ({@code ticket_status} …).
 */
public final class TicketEventType implements EventType {
    private final String id;
    private final String label;

    private TicketEventType(String id, String label) {
        this.id = id;
        this.label = label;
    }

    /** The three ticket events. */
    public static List<EventType> all() {
        return List.of(new TicketEventType(Tickets.CREATED, "Ticket created"),
                new TicketEventType(Tickets.UPDATED, "Ticket updated"),
                new TicketEventType(Tickets.DELETED, "Ticket deleted"));
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String label() {
        return label;
    }

    @Override
    public List<Placeholder> placeholders() {
        List<Placeholder> out = new ArrayList<>(List.of(
                new Placeholder("ticket", "map", "the ticket: id, mask, subject, body, requester, status, priority,"
                        + " created_at, updated_at"),
                new Placeholder("ticket_id", "number", "ticket id"),
                new Placeholder("ticket_mask", "text", "ticket reference, e.g. KXQ-48213-502"),
                new Placeholder("ticket_subject", "text", "subject"),
                new Placeholder("ticket_body", "text", "first message"),
                new Placeholder("ticket_requester", "text", "requester email"),
                new Placeholder("ticket_status", "text", "open, waiting or closed"),
                new Placeholder("ticket_priority", "number", "0 to 100"),
                new Placeholder("ticket_created_at", "number", "epoch milliseconds"),
                new Placeholder("ticket_updated_at", "number", "epoch milliseconds"),
                new Placeholder("event_actor", "text", "who made the change")));
        if (id.equals(Tickets.UPDATED)) {
            out.add(new Placeholder("changes", "map", "changed fields: {field: {old, new}}"));
        }
        return out;
    }
}
