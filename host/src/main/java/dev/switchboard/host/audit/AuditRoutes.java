package dev.switchboard.host.audit;

import dev.switchboard.api.Field;
import dev.switchboard.host.http.Api;
import dev.switchboard.host.http.ApiRoutes;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code GET /api/audit}: the audit log, newest first, paged with {@code limit} and the {@code before} cursor. */
public final class AuditRoutes implements ApiRoutes {
    private final AuditLog audit;

    public AuditRoutes(AuditLog audit) {
        this.audit = audit;
    }

    @Override
    public void register(Api api) {
        api.get("/api/audit", ctx -> {
            int limit = Api.intParam(ctx, "limit", 50, 1, 500);
            List<AuditLog.Entry> entries = audit.list(limit + 1, Api.intParam(ctx, "before", 0, 0, Integer.MAX_VALUE));
            List<AuditLog.Entry> page = entries.size() > limit ? entries.subList(0, limit) : entries;
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("entries", page.stream().map(AuditRoutes::entry).toList());
            out.put("next", entries.size() > limit ? page.get(page.size() - 1).id() : null);
            api.json(ctx, 200, out);
        }).summary("The audit log, newest first (limit, before)").response(AuditPage.class);
    }

    private static Map<String, Object> entry(AuditLog.Entry e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", e.id());
        m.put("at", Instant.ofEpochMilli(e.at()).toString());
        m.put("actor", e.actor());
        m.put("action", e.action());
        m.put("target", e.target());
        m.put("details", e.details());
        return m;
    }

    /** One page of the audit log, for the API document; {@code next} is null on the last page. */
    record AuditPage(List<Entry> entries, @Field(required = false) Long next) {
        record Entry(long id, String at, String actor, String action, @Field(required = false) String target,
                     @Field(required = false) Map<String, Object> details) {
        }
    }
}
