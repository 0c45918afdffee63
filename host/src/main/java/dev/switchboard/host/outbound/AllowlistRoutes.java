package dev.switchboard.host.outbound;

import dev.switchboard.api.Database;
import dev.switchboard.api.HttpStatusException;
import dev.switchboard.host.audit.AuditLog;
import dev.switchboard.host.events.EventBus;
import dev.switchboard.host.http.Api;
import dev.switchboard.host.http.ApiRoutes;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/outbound/allowlist} and {@code PUT /api/outbound/allowlist} ({@code {"entries": ["127.0.0.1:9000",
 * "10.0.0.0/8"]}}): the private addresses the outbound client may reach, besides the configured
 * {@code outbound.allowlist}, changed without a restart. A change is audited and announced to plugins as
 * {@value #CHANGED} inside its transaction, so work the old list refused (a plugin's queued sends) can be
 * made due at once.
 */
public final class AllowlistRoutes implements ApiRoutes {
    /** The host event a change of the stored allowlist raises; data {@code entries} and {@code configured}. */
    public static final String CHANGED = "outbound.allowlist.changed";

    private final GuardedHttpClient client;
    private final Database db;
    private final EventBus events;
    private final AuditLog audit;
    private final Clock clock;

    public AllowlistRoutes(GuardedHttpClient client, Database db, EventBus events, AuditLog audit, Clock clock) {
        this.client = client;
        this.db = db;
        this.events = events;
        this.audit = audit;
        this.clock = clock;
    }

    /** What both routes answer (documented in the OpenAPI document). */
    record AllowlistAnswer(List<String> entries, List<String> configured, boolean allow_private) {
    }

    /** {@code PUT}'s body: every stored entry, replacing the ones before. */
    record Input(List<String> entries) {
    }

    @Override
    public void register(Api api) {
        api.get("/api/outbound/allowlist", ctx -> {
            client.allowlist().sync();
            api.json(ctx, 200, view(client.allowlist().stored()));
        }).summary("The outbound allowlist: stored entries, configured ones, whether private addresses are allowed")
                .response(AllowlistAnswer.class);
        api.put("/api/outbound/allowlist", ctx -> {
            Input in = api.body(ctx, Input.class);
            if (in.entries() == null) {
                throw new HttpStatusException(422, "entries is required: the list of IPs or CIDRs, each optionally "
                        + "with :port (an empty list removes every stored entry)", "entries");
            }
            String actor = Api.principal(ctx);
            List<String> saved = db.write(sql -> {
                List<String> entries;
                try {
                    entries = client.allowlist().replace(sql, in.entries(), actor, clock.millis());
                } catch (IllegalArgumentException e) {
                    String path = e.getMessage().substring(0, e.getMessage().indexOf(':'));
                    throw new HttpStatusException(422, e.getMessage(), path);
                }
                audit.record(sql, actor, "outbound.allowlist.update", "outbound_allowlist", Map.of("entries", entries));
                Map<String, Object> data = new LinkedHashMap<>();
                data.put("entries", entries);
                data.put("configured", client.allowlist().configured());
                events.publish(sql, CHANGED, data);
                return entries;
            });
            client.allowlist().sync();
            api.json(ctx, 200, view(saved));
        }).summary("Replaces the stored allowlist entries; deliveries refused by the policy are retried at once")
                .response(AllowlistAnswer.class);
    }

    private AllowlistAnswer view(List<String> stored) {
        return new AllowlistAnswer(stored, client.allowlist().configured(), client.allowsPrivate());
    }
}
