package dev.switchboard.host.tickets;

import dev.switchboard.api.Field;
import dev.switchboard.api.HttpStatusException;
import dev.switchboard.host.audit.AuditLog;
import dev.switchboard.host.http.Api;
import dev.switchboard.host.http.ApiRoutes;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code /api/tickets}: create (201), get, patch, delete, and a paged, filtered list. Changes are audited. */
public final class TicketRoutes implements ApiRoutes {
    private final Tickets tickets;
    private final AuditLog audit;

    public TicketRoutes(Tickets tickets, AuditLog audit) {
        this.tickets = tickets;
        this.audit = audit;
    }

    @Override
    public void register(Api api) {
        api.post("/api/tickets", ctx -> {
            Map<String, Object> fields = TicketFields.validate(api.bodyMap(ctx), true, false, List.of());
            String actor = Api.principal(ctx);
            Ticket t = tickets.database().write(sql -> {
                Ticket created = tickets.create(sql, actor, fields);
                audit.record(sql, actor, "ticket.create", "ticket:" + created.id(), Map.of("mask", created.mask()));
                return created;
            });
            api.json(ctx, 201, t.toMap());
        }).summary("Creates a ticket").status(201).response(TicketAnswer.class);
        api.get("/api/tickets", ctx -> {
            String status = ctx.queryParam("status");
            if (status != null && !TicketFields.STATUSES.contains(status)) {
                throw new HttpStatusException(400, "query parameter 'status' must be one of "
                        + String.join(", ", TicketFields.STATUSES), "status");
            }
            long before = Api.intParam(ctx, "before", 0, 0, Integer.MAX_VALUE);
            Tickets.Page page = tickets.search(new Tickets.Query(status, blankToNull(ctx.queryParam("requester")),
                    blankToNull(ctx.queryParam("subject")), Api.intParam(ctx, "limit", 50, 1, 500), before));
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("tickets", page.tickets().stream().map(Ticket::toMap).toList());
            out.put("next", page.next());
            api.json(ctx, 200, out);
        }).summary("Lists tickets, newest first (status, requester, subject, limit, before)")
                .response(TicketPage.class);
        api.get("/api/tickets/{id}", ctx -> api.json(ctx, 200,
                tickets.get(Api.idParam(ctx, "id")).orElseThrow(() -> notFound(ctx)).toMap())).summary("One ticket")
                        .response(TicketAnswer.class);
        api.patch("/api/tickets/{id}", ctx -> {
            long id = Api.idParam(ctx, "id");
            Map<String, Object> fields = TicketFields.validate(api.bodyMap(ctx), false, false, List.of());
            String actor = Api.principal(ctx);
            Ticket t = tickets.database().write(sql -> {
                Ticket before = tickets.get(id).orElseThrow(() -> notFound(ctx));
                Ticket after = tickets.update(actor, id, fields).orElseThrow(() -> notFound(ctx));
                List<String> changed = fields.keySet().stream()
                        .filter(f -> !before.field(f).equals(after.field(f))).toList();
                if (!changed.isEmpty()) {
                    audit.record(sql, actor, "ticket.update", "ticket:" + id, Map.of("fields", changed));
                }
                return after;
            });
            api.json(ctx, 200, t.toMap());
        }).summary("Changes the given fields of a ticket").response(TicketAnswer.class);
        api.delete("/api/tickets/{id}", ctx -> {
            long id = Api.idParam(ctx, "id");
            String actor = Api.principal(ctx);
            tickets.database().write(sql -> {
                Ticket gone = tickets.delete(actor, id).orElseThrow(() -> notFound(ctx));
                audit.record(sql, actor, "ticket.delete", "ticket:" + id, Map.of("mask", gone.mask()));
                return gone;
            });
            ctx.status(204);
        }).summary("Deletes a ticket").status(204);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static HttpStatusException notFound(Context ctx) {
        return new HttpStatusException(404, "no ticket with id " + ctx.pathParam("id"));
    }

    /** A ticket as the API answers it, for the API document. */
    record TicketAnswer(long id, String mask, String subject, @Field(required = false) String body,
                        @Field(required = false) String requester, String status, int priority, long createdAt,
                        long updatedAt) {
    }

    /** One page of tickets; {@code next} is null on the last page. */
    record TicketPage(List<TicketAnswer> tickets, @Field(required = false) Long next) {
    }
}
