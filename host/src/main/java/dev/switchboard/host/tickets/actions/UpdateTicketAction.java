package dev.switchboard.host.tickets.actions;

import dev.switchboard.api.Action;
import dev.switchboard.api.ActionContext;
import dev.switchboard.api.ActionException;
import dev.switchboard.api.ActionOutput;
import dev.switchboard.api.ActionParam;
import dev.switchboard.host.tickets.Ticket;
import dev.switchboard.host.tickets.Tickets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code update_ticket {id, subject?, requester?, body?, status?, priority?, object_placeholder?}}: given fields only. */
final class UpdateTicketAction implements Action {
    private final Tickets tickets;

    UpdateTicketAction(Tickets tickets) {
        this.tickets = tickets;
    }

    @Override
    public String id() {
        return "update_ticket";
    }

    @Override
    public String label() {
        return "Update a ticket";
    }

    @Override
    public List<ActionParam> params() {
        List<ActionParam> out = new ArrayList<>();
        out.add(ActionParam.template("id", true, "ticket id or mask"));
        out.addAll(TicketActions.fieldParams(false));
        out.add(TicketActions.placeholderParam(false));
        return out;
    }

    @Override
    public boolean sideEffects() {
        return true;
    }

    @Override
    public List<ActionOutput> outputs() {
        return List.of(TicketActions.placeholderOutput("the updated ticket"));
    }

    @Override
    public void execute(ActionContext context, Map<String, Object> params) {
        Map<String, Object> fields = TicketActions.fields(params, false);
        Ticket target = TicketActions.ticket(tickets, params);
        Ticket t = tickets.update(TicketActions.actor(context), target.id(), fields)
                .orElseThrow(() -> new ActionException("ticket " + target.id() + " was deleted"));
        TicketActions.store(context, params, t.toMap());
        context.note("updated ticket " + t.id() + ": " + String.join(", ", fields.keySet()));
    }
}
