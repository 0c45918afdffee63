package dev.switchboard.host.tickets.actions;

import dev.switchboard.api.Action;
import dev.switchboard.api.ActionContext;
import dev.switchboard.api.ActionOutput;
import dev.switchboard.api.ActionParam;
import dev.switchboard.host.tickets.Ticket;
import dev.switchboard.host.tickets.Tickets;
import java.util.List;
import java.util.Map;

/** {@code retrieve_ticket {id, object_placeholder}}: loads one ticket (by id or mask) into a placeholder. */
final class RetrieveTicketAction implements Action {
    private final Tickets tickets;

    RetrieveTicketAction(Tickets tickets) {
        this.tickets = tickets;
    }

    @Override
    public String id() {
        return "retrieve_ticket";
    }

    @Override
    public String label() {
        return "Retrieve a ticket";
    }

    @Override
    public List<ActionParam> params() {
        return List.of(ActionParam.template("id", true, "ticket id or mask"), TicketActions.placeholderParam(true));
    }

    @Override
    public List<ActionOutput> outputs() {
        return List.of(TicketActions.placeholderOutput("the ticket"));
    }

    @Override
    public void execute(ActionContext context, Map<String, Object> params) {
        Ticket t = TicketActions.ticket(tickets, params);
        TicketActions.store(context, params, t.toMap());
    }
}
