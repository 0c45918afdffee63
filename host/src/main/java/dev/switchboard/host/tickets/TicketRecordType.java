package dev.switchboard.host.tickets;

import dev.switchboard.api.RecordType;
import dev.switchboard.api.Sql;
import java.util.List;
import java.util.Map;

/**
 * Lets a package create tickets through {@code records[]} with {@code "_context": "ticket"} (or Cerb's
 * {@code cerberusweb.contexts.ticket}); the fields are those of {@code POST /api/tickets}, and the ticket is created
 * in the import's transaction, raising {@code ticket.created}.
 */
public final class TicketRecordType implements RecordType {
    private static final List<String> PACKAGE_KEYS = List.of("uid", "_context");
    private final Tickets tickets;

    public TicketRecordType(Tickets tickets) {
        this.tickets = tickets;
    }

    @Override
    public String context() {
        return "ticket";
    }

    @Override
    public List<String> aliases() {
        return List.of("cerberusweb.contexts.ticket");
    }

    @Override
    public long create(Sql sql, Map<String, Object> fields) {
        Map<String, Object> valid = TicketFields.validate(fields, true, true, PACKAGE_KEYS);
        return tickets.create(sql, "package", valid).id();
    }
}
