package dev.switchboard.webhooks.inbound;

import dev.switchboard.api.Field;
import dev.switchboard.api.HttpEndpoint.Access;
import dev.switchboard.api.HttpRoutes;
import dev.switchboard.api.PluginHost;
import dev.switchboard.api.Routes;
import dev.switchboard.webhooks.WebhooksPlugin;
import java.util.List;
import java.util.Map;
import org.pf4j.Extension;

/**
 * The inbound side's routes: the listener URLs ({@code /webhooks/{guid}/...}, any method) and the admin API of
 * listeners and their request log. Inputs follow docs/api.md's rule for plugin routes: malformed JSON 400, a body
 * that does not bind 422 naming the field, a bad query parameter 400, an unknown id 404; the host answers 405.
 */
@Extension
public final class InboundRoutes implements HttpRoutes {
    private static final String LISTENER = "/api/webhooks/listeners/{id}";

    private final WebhooksPlugin plugin;
    private final ListenerApi listeners;
    private final RequestLogApi log;
    private final RequestSimulation simulation;

    public InboundRoutes(PluginHost host, WebhooksPlugin plugin) {
        this.plugin = plugin;
        this.listeners = new ListenerApi(host, plugin);
        this.log = new RequestLogApi(host, plugin);
        this.simulation = new RequestSimulation(host, plugin);
    }

    @Override
    public void routes(Routes r) {
        WebhookEndpoint webhook = new WebhookEndpoint(plugin);
        r.any("/webhooks/{guid}/{path...}", Access.PUBLIC, webhook::handle)
                .summary("Runs the listener's behavior on a call and answers with what it set");
        r.get("/api/webhooks/listeners", Access.ADMIN, req -> listeners.list())
                .summary("Lists the webhook listeners").status(200, "{\"listeners\": [listener...]}")
                .response(ListenerList.class);
        r.post("/api/webhooks/listeners", Access.ADMIN, listeners::create)
                .summary("Creates a listener for a behavior on event.webhook.received")
                .body(ListenerApi.Fields.class).status(201, "the new listener with its URL")
                .response(ListenerAnswer.class);
        r.get(LISTENER, Access.ADMIN, req -> listeners.get(req.pathLong("id")))
                .summary("One listener").status(200, "the listener").response(ListenerAnswer.class);
        r.patch(LISTENER, Access.ADMIN, req -> listeners.update(req, req.pathLong("id")))
                .summary("Changes the given fields of a listener").status(200, "the listener as stored")
                .body(ListenerApi.Fields.class).response(ListenerAnswer.class);
        r.delete(LISTENER, Access.ADMIN, req -> listeners.delete(req, req.pathLong("id")))
                .summary("Deletes a listener and its request log").status(204, "nothing");
        r.post(LISTENER + "/regenerate", Access.ADMIN, req -> listeners.regenerate(req, req.pathLong("id")))
                .summary("Gives a listener a new URL; the old one stops answering").status(200, "the listener")
                .response(ListenerAnswer.class);
        r.get(LISTENER + "/requests", Access.ADMIN, req -> log.list(req, req.pathLong("id")))
                .summary("A listener's logged calls, newest first (limit, before)")
                .status(200, "{\"requests\": [summary...], \"next\": id-or-null}").response(RequestPage.class);
        r.get(LISTENER + "/requests/{rid}", Access.ADMIN, req -> log.get(req.pathLong("id"), req.pathLong("rid")))
                .summary("One logged call: request, response, trace").status(200, "the logged call")
                .response(LoggedCall.class);
        r.post(LISTENER + "/requests/simulate", Access.ADMIN, req -> simulation.simulate(req, req.pathLong("id")))
                .summary("What the behavior's draft would answer to captured calls, next to what was answered")
                .status(200, "{\"listener_id\", \"behavior_id\", \"behavior_draft\", \"results\", \"changed\"}")
                .response(Simulated.class);
        r.post(LISTENER + "/requests/{rid}/replay", Access.ADMIN,
                        req -> log.replay(req, req.pathLong("id"), req.pathLong("rid")))
                .summary("Re-runs the behavior on a logged call (a simulation unless live=true)")
                .status(200, "the replay's own log entry").response(LoggedCall.class);
    }

    /** A listener as the API answers it, for the API document. */
    record ListenerAnswer(long id, String name, String guid, String url, long behaviorId, String extensionId,
                          Map<String, Object> extensionParams, @Field(required = false) Long bodyLimit,
                          @Field(required = false) Long rateLimit, @Field(required = false) Long maxConcurrent,
                          String logMode, @Field(required = false) Long runTimeoutMs, long updatedAt) {
    }

    /** The listeners. */
    record ListenerList(List<ListenerAnswer> listeners) {
    }

    /** One page of a listener's logged calls; {@code next} is null on the last page. */
    record RequestPage(List<Map<String, Object>> requests, @Field(required = false) Long next) {
    }

    /** One logged call. */
    record LoggedCall(long id, long listenerId, long receivedAt, @Field(required = false) Long durationMicros,
                      @Field(required = false) Long replayOf, @Field(required = false) Boolean simulated,
                      Map<String, Object> request, Map<String, Object> response) {
    }

    /** A draft (or the live tree) run on captured calls. */
    record Simulated(long listenerId, long behaviorId, boolean behaviorDraft, List<Map<String, Object>> results,
                     long changed) {
    }
}
