package dev.switchboard.host.tickets.actions;

import dev.switchboard.api.Action;
import dev.switchboard.api.ActionContext;
import dev.switchboard.api.ActionParam;
import dev.switchboard.host.tickets.Ticket;
import dev.switchboard.host.tickets.Tickets;
import java.util.List;
import java.util.Map;

/** {@code delete_ticket {id}}: deletes a ticket by id or mask. */
final class DeleteTicketAction implements Action {
    private final Tickets tickets;

    DeleteTicketAction(Tickets tickets) {
        this.tickets = tickets;
    }

    @Override
    public String id() {
        return "delete_ticket";
    }

    @Override
    public String label() {
        return "Delete a ticket";
    }

    @Override
    public List<ActionParam> params() {
        return List.of(ActionParam.template("id", true, "ticket id or mask"));
    }

    @Override
    public boolean sideEffects() {
        return true;
    }

    @Override
    public void execute(ActionContext context, Map<String, Object> params) {
        Ticket t = TicketActions.ticket(tickets, params);
        tickets.delete(TicketActions.actor(context), t.id());
        context.note("deleted ticket " + t.id() + " (" + t.mask() + ")");
    }
}
