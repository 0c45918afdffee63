package dev.switchboard.host.tickets.actions;

import dev.switchboard.api.Action;
import dev.switchboard.api.ActionContext;
import dev.switchboard.api.ActionOutput;
import dev.switchboard.api.ActionParam;
import dev.switchboard.host.tickets.Ticket;
import dev.switchboard.host.tickets.Tickets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code create_ticket {subject, requester, body?, status?, priority?, object_placeholder?}}. */
final class CreateTicketAction implements Action {
    private final Tickets tickets;

    CreateTicketAction(Tickets tickets) {
        this.tickets = tickets;
    }

    @Override
    public String id() {
        return "create_ticket";
    }

    @Override
    public String label() {
        return "Create a ticket";
    }

    @Override
    public List<ActionParam> params() {
        List<ActionParam> out = new ArrayList<>(TicketActions.fieldParams(true));
        out.add(TicketActions.placeholderParam(false));
        return out;
    }

    @Override
    public boolean sideEffects() {
        return true;
    }

    @Override
    public List<ActionOutput> outputs() {
        return List.of(TicketActions.placeholderOutput("the created ticket"));
    }

    @Override
    public void execute(ActionContext context, Map<String, Object> params) {
        Ticket t = tickets.create(TicketActions.actor(context), TicketActions.fields(params, true));
        TicketActions.store(context, params, t.toMap());
        context.note("created ticket " + t.id() + " (" + t.mask() + ")");
    }
}
