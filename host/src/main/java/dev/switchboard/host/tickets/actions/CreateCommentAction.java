package dev.switchboard.host.tickets.actions;

import dev.switchboard.api.Action;
import dev.switchboard.api.ActionContext;
import dev.switchboard.api.ActionException;
import dev.switchboard.api.ActionParam;
import dev.switchboard.api.ParamType;
import dev.switchboard.host.tickets.Comments;
import dev.switchboard.host.tickets.Ticket;
import dev.switchboard.host.tickets.Tickets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Cerb's {@code create_comment {on?, content, notify_worker_ids?}}: a comment on the record that the placeholder
 * {@code on} holds. {@code _trigger_va_id} (and any {@code *va_id}) is a bot; any other placeholder holds a ticket
 * (its id, its mask, or a ticket object such as {@code create_ticket}'s {@code object_placeholder}). Without
 * {@code on}: the event's ticket ({@code ticket_id}) when there is one, else the behavior's bot
 * ({@code _trigger_va_id}, the running behavior's bot in every event).
 */
final class CreateCommentAction implements Action {
    private static final int MAX_CONTENT = 65_536;

    private final Tickets tickets;
    private final Comments comments;

    CreateCommentAction(Tickets tickets, Comments comments) {
        this.tickets = tickets;
        this.comments = comments;
    }

    @Override
    public String id() {
        return "create_comment";
    }

    @Override
    public String label() {
        return "Create a comment";
    }

    @Override
    public List<ActionParam> params() {
        return List.of(
                ActionParam.of("on", ParamType.TEXT, false,
                        "placeholder holding the ticket or bot to comment on, e.g. ticket_id or _trigger_va_id"),
                ActionParam.template("content", true, "the comment"),
                ActionParam.of("notify_worker_ids", ParamType.JSON, false,
                        "worker ids to notify (kept with the comment; this host has no workers to notify)"));
    }

    @Override
    public boolean sideEffects() {
        return true;
    }

    @Override
    public void execute(ActionContext context, Map<String, Object> params) {
        String content = params.get("content") == null ? "" : String.valueOf(params.get("content"));
        if (content.isBlank()) {
            throw new ActionException("create_comment: content is empty");
        }
        if (content.length() > MAX_CONTENT) {
            throw new ActionException("create_comment: content is longer than " + MAX_CONTENT + " characters");
        }
        List<Object> notify = notifyIds(params.get("notify_worker_ids"));
        String on = params.get("on") == null ? "" : String.valueOf(params.get("on")).strip();
        Map<String, Object> dict = context.dictionary();
        if (on.isEmpty()) {
            on = dict.get("ticket_id") != null ? "ticket_id" : "_trigger_va_id";
        }
        Object value = dict.get(on);
        if (value == null && on.equals("_trigger_va_id")) {
            value = context.behavior().botId(); // every behavior's own bot, even where the event sets no such key
        }
        if (value == null) {
            throw new ActionException("create_comment: placeholder '" + on + "' (on) is not set");
        }
        Comments.Comment c;
        if (on.endsWith("va_id")) {
            long bot = number(on, value);
            c = comments.add(Comments.On.BOT, bot, TicketActions.actor(context), content, notify);
        } else {
            Object ref = value instanceof Map<?, ?> m ? m.get("id") : value;
            String placeholder = on;
            Ticket t = tickets.find(String.valueOf(ref).strip()).orElseThrow(() -> new ActionException(
                    "create_comment: no ticket '" + ref + "' (from placeholder '" + placeholder + "')"));
            c = comments.add(Comments.On.TICKET, t.id(), TicketActions.actor(context), content, notify);
        }
        context.note("commented on " + c.on().context() + " " + c.targetId() + " (comment " + c.id() + ")");
    }

    private static long number(String on, Object value) {
        try {
            return Long.parseLong(String.valueOf(value).strip());
        } catch (NumberFormatException e) {
            throw new ActionException("create_comment: placeholder '" + on + "' holds '" + value
                    + "', not a bot id");
        }
    }

    private static List<Object> notifyIds(Object raw) {
        List<Object> out = new ArrayList<>();
        List<?> items = raw instanceof List<?> l ? l : raw == null || String.valueOf(raw).isBlank() ? List.of()
                : List.of(String.valueOf(raw).split(","));
        for (Object item : items) {
            String s = String.valueOf(item).strip();
            if (s.isEmpty()) {
                continue;
            }
            try {
                out.add(Long.parseLong(s));
            } catch (NumberFormatException e) {
                throw new ActionException("create_comment: notify_worker_ids must be worker ids, not '" + s + "'");
            }
        }
        return out;
    }
}
