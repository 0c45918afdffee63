package dev.switchboard.host.http;

import dev.switchboard.api.EventIds;
import dev.switchboard.api.HostEvent;
import dev.switchboard.api.Secrets;
import dev.switchboard.host.events.EventBus;
import dev.switchboard.host.json.HostJson;
import dev.switchboard.host.secrets.Redaction;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * APIO's route-call events: after every admin API call the host publishes {@value #EVENT} with the request
 * ({@code method}, {@code url} = path and query, {@code body}) and the response ({@code status}, {@code body}), the
 * caller as the actor (calls that were not authenticated raise nothing). Outbound subscriptions pick calls by method and a regular expression on the URL. The call has
 * been answered by then, so the event is not part of its transaction and cannot veto it.
 *
 * <p>Bodies are cut at 64 KiB, and in JSON bodies every value under a key that names a credential (by the one
 * {@link Redaction} policy: {@code secret}, {@code password}, {@code token}, {@code authorization}, {@code credential},
 * ...; and a custom header's {@code value}) is replaced by {@code ********}, and secret query parameters of the URL
 * too, so a subscription never carries the secrets the API was given or answered.
 */
public final class RouteCallEvents implements ApiRoutes {
    /** The event's id. */
    public static final String EVENT = EventIds.API_ROUTE_CALLED;
    /** Set by routes that write their response body themselves, so the event can carry it. */
    static final String RESPONSE_BODY = "switchboard.response.body";
    private static final int BODY_CAP = 64 * 1024;
    private static final String MASK = Secrets.MASK;

    private final EventBus events;
    private final HostJson json;
    private final Clock clock;

    public RouteCallEvents(EventBus events, HostJson json, Clock clock) {
        this.events = events;
        this.json = json;
        this.clock = clock;
    }

    @Override
    public void register(Api api) {
        api.afterEachApiCall(this::publish);
    }

    private void publish(Context ctx) {
        if (ctx.attribute(Api.PRINCIPAL) == null) {
            return; // not signed in: a stranger's calls raise nothing
        }
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("method", ctx.method().name());
        String query = ctx.queryString();
        request.put("url", query == null || query.isEmpty() ? ctx.path() : ctx.path() + "?" + Redaction.maskQuery(query));
        request.put("body", redacted(ctx.attribute(Api.BODY)));
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("status", ctx.statusCode());
        byte[] written = ctx.attribute(RESPONSE_BODY);
        String result = written == null ? ctx.result() : null;
        response.put("body", redacted(written != null ? written
                : result == null ? null : result.getBytes(StandardCharsets.UTF_8)));
        events.dispatchAfterCommit(new HostEvent(EVENT, clock.instant(), Api.principal(ctx),
                Map.of("request", request, "response", response)));
    }

    private String redacted(byte[] body) {
        if (body == null || body.length == 0) {
            return "";
        }
        String text = new String(body, 0, Math.min(body.length, BODY_CAP), StandardCharsets.UTF_8);
        if (body.length > BODY_CAP) {
            return text;
        }
        Object tree;
        try {
            tree = json.parse(text);
        } catch (IllegalArgumentException notJson) {
            return text;
        }
        return json.write(mask(tree, false));
    }

    private static Object mask(Object value, boolean headerValue) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> {
                String key = String.valueOf(k);
                boolean secret = (headerValue && key.equals("value")) || Redaction.isSecretName(key);
                out.put(key, secret && v != null ? MASK : mask(v, key.equals("custom_header")));
            });
            return out;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(v -> mask(v, false)).toList();
        }
        return value;
    }
}
