package dev.switchboard.host.schedule;

import dev.switchboard.api.Field;
import dev.switchboard.api.HttpStatusException;
import dev.switchboard.host.audit.AuditLog;
import dev.switchboard.host.http.Api;
import dev.switchboard.host.http.ApiRoutes;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/scheduled-behaviors} (soonest first; {@code behavior_id} and {@code limit} narrow it) and
 * {@code DELETE /api/scheduled-behaviors/{id}} to cancel one run before it happens (audited).
 */
public final class ScheduleRoutes implements ApiRoutes {
    private final ScheduledBehaviors store;
    private final AuditLog audit;

    public ScheduleRoutes(ScheduledBehaviors store, AuditLog audit) {
        this.store = store;
        this.audit = audit;
    }

    @Override
    public void register(Api api) {
        api.get("/api/scheduled-behaviors", ctx -> {
            String behavior = ctx.queryParam("behavior_id");
            Long behaviorId = null;
            if (behavior != null && !behavior.isBlank()) {
                try {
                    behaviorId = Long.parseLong(behavior.trim());
                } catch (NumberFormatException e) {
                    throw new HttpStatusException(400, "behavior_id must be a number, not '" + behavior + "'");
                }
            }
            int limit = Api.intParam(ctx, "limit", 100, 1, 1000);
            api.json(ctx, 200, Map.of("scheduled_behaviors", store.list(behaviorId, limit).stream()
                    .map(ScheduledBehaviors.Scheduled::toJson).toList()));
        }).summary("Behavior runs scheduled for later, soonest first (behavior_id, limit)")
                .response(ScheduledList.class);
        api.delete("/api/scheduled-behaviors/{id}", ctx -> {
            long id = Api.idParam(ctx, "id");
            if (!store.cancel(id)) {
                throw new HttpStatusException(404, "no scheduled behavior with id " + id
                        + " (it may have run already)");
            }
            audit.record(Api.principal(ctx), "scheduled_behavior.cancel", "scheduled_behavior:" + id, Map.of());
            ctx.status(204);
        }).summary("Cancels a scheduled behavior run").status(204);
    }

    /** The scheduled runs, for the API document. */
    record ScheduledList(List<Scheduled> scheduledBehaviors) {
        record Scheduled(long id, long behaviorId, @Field(required = false) String context,
                         long contextId, long runAt,
                         @Field(required = false) Map<String, Object> variables, int attempts, long createdAt) {
        }
    }
}
