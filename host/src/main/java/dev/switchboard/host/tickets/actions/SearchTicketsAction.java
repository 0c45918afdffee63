package dev.switchboard.host.tickets.actions;

import dev.switchboard.api.Action;
import dev.switchboard.api.ActionContext;
import dev.switchboard.api.ActionException;
import dev.switchboard.api.ActionOutput;
import dev.switchboard.api.ActionParam;
import dev.switchboard.api.ParamType;
import dev.switchboard.host.tickets.Ticket;
import dev.switchboard.host.tickets.TicketFields;
import dev.switchboard.host.tickets.Tickets;
import java.util.List;
import java.util.Map;

/**
 * {@code search_tickets {status?, requester?, subject?, limit?, object_placeholder}}: the newest matching tickets
 * (at most {@code limit}, default 10, up to 100) as a list of ticket maps. Empty filters match everything.
 */
final class SearchTicketsAction implements Action {
    static final int MAX = 100;
    private final Tickets tickets;

    SearchTicketsAction(Tickets tickets) {
        this.tickets = tickets;
    }

    @Override
    public String id() {
        return "search_tickets";
    }

    @Override
    public String label() {
        return "Search tickets";
    }

    @Override
    public List<ActionParam> params() {
        return List.of(
                ActionParam.template("status", false, "open, waiting or closed"),
                ActionParam.template("requester", false, "requester email (exact, case-insensitive)"),
                ActionParam.template("subject", false, "text the subject contains"),
                ActionParam.of("limit", ParamType.NUMBER, false, "at most this many (1 to " + MAX + ", default 10)"),
                TicketActions.placeholderParam(true));
    }

    @Override
    public List<ActionOutput> outputs() {
        return List.of(ActionOutput.of("{object_placeholder}", ParamType.JSON, "the tickets found, a list of maps"));
    }

    @Override
    public void execute(ActionContext context, Map<String, Object> params) {
        String status = text(params, "status");
        if (status != null && !TicketFields.STATUSES.contains(status.toLowerCase(java.util.Locale.ROOT))) {
            throw new ActionException("'status' must be one of " + String.join(", ", TicketFields.STATUSES));
        }
        long limit = params.get("limit") instanceof Number n ? n.longValue() : 10;
        if (limit < 1 || limit > MAX) {
            throw new ActionException("'limit' must be between 1 and " + MAX);
        }
        List<Map<String, Object>> found = tickets.search(new Tickets.Query(
                        status == null ? null : status.toLowerCase(java.util.Locale.ROOT), text(params, "requester"),
                        text(params, "subject"), (int) limit, 0))
                .tickets().stream().map(Ticket::toMap).toList();
        TicketActions.store(context, params, found);
        context.note(found.size() + " ticket(s) found");
    }

    private static String text(Map<String, Object> params, String name) {
        Object v = params.get(name);
        return v == null || v.toString().isBlank() ? null : v.toString().strip();
    }
}
