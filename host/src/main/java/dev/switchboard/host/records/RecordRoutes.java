package dev.switchboard.host.records;

import dev.switchboard.api.HttpStatusException;
import dev.switchboard.host.audit.AuditLog;
import dev.switchboard.host.http.Api;
import dev.switchboard.host.http.ApiRoutes;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /api/records/{type}} for the record types the record actions use ({@code task}, {@code worker},
 * {@code ticket}, by any of their Cerb names): search with {@code ?q=} (Cerb's query language, see
 * {@link RecordQuery}), get, create (201), patch and delete, records shown as the actions' dictionaries. A bad
 * changeset or query is a 422 naming the field or term; changes are audited.
 */
public final class RecordRoutes implements ApiRoutes {
    private final BotRecords records;
    private final AuditLog audit;

    public RecordRoutes(BotRecords records, AuditLog audit) {
        this.records = records;
        this.audit = audit;
    }

    @Override
    public void register(Api api) {
        api.exception(BadRecordException.class, e -> 422);
        api.get("/api/records/{type}", ctx -> {
            RecordKind.Page page = kind(ctx).search(ctx.queryParam("q"));
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("records", page.records());
            out.put("total", page.total());
            out.put("page", page.page());
            out.put("limit", page.limit());
            api.json(ctx, 200, out);
        }).summary("Searches records of a type with Cerb's search query (q)").response(RecordPage.class);
        api.get("/api/records/{type}/{id}", ctx -> {
            RecordKind kind = kind(ctx);
            long id = Api.idParam(ctx, "id");
            api.json(ctx, 200, kind.get(id).orElseThrow(() -> notFound(kind, id)));
        }).summary("One record, as a behavior's dictionary sees it").response(RecordAnswer.class);
        api.post("/api/records/{type}", ctx -> {
            RecordKind kind = kind(ctx);
            Map<String, Object> made = kind.create(Api.principal(ctx), api.bodyMap(ctx));
            audit.record(Api.principal(ctx), kind.name() + ".create", kind.name() + ":" + made.get("id"),
                    Map.of());
            api.json(ctx, 201, made);
        }).summary("Creates a record from a changeset of its fields").status(201).response(RecordAnswer.class);
        api.patch("/api/records/{type}/{id}", ctx -> {
            RecordKind kind = kind(ctx);
            long id = Api.idParam(ctx, "id");
            Map<String, Object> changeset = api.bodyMap(ctx);
            Map<String, Object> after = kind.update(Api.principal(ctx), id, changeset)
                    .orElseThrow(() -> notFound(kind, id));
            audit.record(Api.principal(ctx), kind.name() + ".update", kind.name() + ":" + id,
                    Map.of("fields", List.copyOf(changeset.keySet())));
            api.json(ctx, 200, after);
        }).summary("Changes the given fields of a record").response(RecordAnswer.class);
        api.delete("/api/records/{type}/{id}", ctx -> {
            RecordKind kind = kind(ctx);
            long id = Api.idParam(ctx, "id");
            if (!kind.delete(Api.principal(ctx), id)) {
                throw notFound(kind, id);
            }
            audit.record(Api.principal(ctx), kind.name() + ".delete", kind.name() + ":" + id, Map.of());
            ctx.status(204);
        }).summary("Deletes a record").status(204);
    }

    private RecordKind kind(Context ctx) {
        String type = ctx.pathParam("type");
        return records.find(type).orElseThrow(() -> new HttpStatusException(404, "no record type '" + type
                + "'; the types are " + String.join(", ", BotRecords.NAMES)));
    }

    private static HttpStatusException notFound(RecordKind kind, long id) {
        return new HttpStatusException(404, "no " + kind.name() + " with id " + id);
    }

    /** A record in Cerb's dictionary shape; its other fields depend on the type (docs/records.md). */
    record RecordAnswer(long id, String _context, String _label) {
    }

    /** A page of search results. */
    record RecordPage(List<RecordAnswer> records, long total, int page, int limit) {
    }
}
