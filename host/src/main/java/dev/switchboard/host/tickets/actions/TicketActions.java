package dev.switchboard.host.tickets.actions;

import dev.switchboard.api.ActionContext;
import dev.switchboard.api.ActionException;
import dev.switchboard.api.ActionOutput;
import dev.switchboard.api.ActionParam;
import dev.switchboard.api.HttpStatusException;
import dev.switchboard.api.ParamType;
import dev.switchboard.host.tickets.Comments;
import dev.switchboard.host.tickets.Ticket;
import dev.switchboard.host.tickets.TicketFields;
import dev.switchboard.host.tickets.Tickets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The record actions behaviors use on tickets, registered as host built-ins in every event: {@code create_ticket},
 * {@code update_ticket}, {@code retrieve_ticket}, {@code search_tickets}, {@code delete_ticket}, and Cerb's
 * {@code create_comment}. Their changes raise
 * the same record events (and vetoes) as the API, with the behavior as the actor.
 */
public final class TicketActions {
    private TicketActions() {
    }

    /** Every ticket action, and {@code create_comment}, over one ticket service and its comments. */
    public static List<Object> all(Tickets tickets, Comments comments) {
        return List.of(new CreateTicketAction(tickets), new UpdateTicketAction(tickets),
                new RetrieveTicketAction(tickets), new SearchTicketsAction(tickets), new DeleteTicketAction(tickets),
                new CreateCommentAction(tickets, comments));
    }

    static ActionParam placeholderParam(boolean required) {
        return ActionParam.of("object_placeholder", ParamType.TEXT, required,
                "placeholder that receives the result, e.g. new_ticket");
    }

    /** The variable {@link #store} sets: the ticket (or, for a search, the list of tickets) as a map. */
    static ActionOutput placeholderOutput(String what) {
        return ActionOutput.of("{object_placeholder}", ParamType.JSON, what + " (id, mask, subject, status …)");
    }

    static List<ActionParam> fieldParams(boolean creating) {
        return List.of(
                ActionParam.template("subject", creating, "subject"),
                ActionParam.template("requester", creating, "requester email"),
                ActionParam.template("body", false, "first message"),
                ActionParam.template("status", false, "open, waiting or closed"),
                ActionParam.template("priority", false, "0 to 100"));
    }

    /** The ticket fields among the rendered params, validated ({@link ActionException} naming the field). */
    static Map<String, Object> fields(Map<String, Object> params, boolean creating) {
        Map<String, Object> input = new LinkedHashMap<>();
        for (String f : TicketFields.WRITABLE) {
            if (params.get(f) != null) {
                input.put(f, params.get(f));
            }
        }
        try {
            return TicketFields.validate(input, creating, true, List.of());
        } catch (HttpStatusException e) {
            throw new ActionException(e.getMessage());
        }
    }

    /** The ticket named by the {@code id} param (an id or a mask). */
    static Ticket ticket(Tickets tickets, Map<String, Object> params) {
        String ref = String.valueOf(params.getOrDefault("id", "")).strip();
        return tickets.find(ref).orElseThrow(() -> new ActionException("no ticket '" + ref + "'"));
    }

    /** Puts a result into the placeholder named by {@code object_placeholder}, when one is given. */
    static void store(ActionContext ctx, Map<String, Object> params, Object value) {
        Object name = params.get("object_placeholder");
        if (name == null || name.toString().isBlank()) {
            return;
        }
        String var = name.toString().strip();
        if (!var.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new ActionException("object_placeholder '" + var + "' is not a placeholder name");
        }
        ctx.dictionary().put(var, value);
    }

    static String actor(ActionContext ctx) {
        return "behavior:" + ctx.behavior().id();
    }
}
