package dev.switchboard.host.tickets;

import dev.switchboard.api.Row;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A helpdesk ticket as stored and as shown over the API, to listeners and to behaviors.
 *
 * @param mask      the human reference, e.g. {@code KXQ-48213-502}
 * @param status    {@code open}, {@code waiting} or {@code closed}
 * @param priority  0–100 (Cerb's importance; 50 is normal)
 * @param createdAt epoch milliseconds
 * @param updatedAt epoch milliseconds
 */
public record Ticket(long id, String mask, String subject, String body, String requester, String status,
                     int priority, long createdAt, long updatedAt) {

    static Ticket of(Row r) {
        return new Ticket(r.getLong("id"), r.getString("mask"), r.getString("subject"), r.getString("body"),
                r.getString("requester"), r.getString("status"), r.getInt("priority", TicketFields.DEFAULT_PRIORITY),
                r.getLong("created_at"), r.getLong("updated_at"));
    }

    /** The JSON shape: {@code id, mask, subject, body, requester, status, priority, created_at, updated_at}. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("mask", mask);
        m.put("subject", subject);
        m.put("body", body);
        m.put("requester", requester);
        m.put("status", status);
        m.put("priority", priority);
        m.put("created_at", createdAt);
        m.put("updated_at", updatedAt);
        return m;
    }

    /** The value of a writable field by its JSON name. */
    Object field(String name) {
        return switch (name) {
            case "subject" -> subject;
            case "body" -> body;
            case "requester" -> requester;
            case "status" -> status;
            case "priority" -> priority;
            default -> throw new IllegalArgumentException("not a ticket field: " + name);
        };
    }
}
