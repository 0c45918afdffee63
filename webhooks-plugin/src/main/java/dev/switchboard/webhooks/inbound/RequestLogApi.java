package dev.switchboard.webhooks.inbound;

import dev.switchboard.api.FormData;
import dev.switchboard.api.Header;
import dev.switchboard.api.HttpRequest;
import dev.switchboard.api.HttpResponse;
import dev.switchboard.api.HttpStatusException;
import dev.switchboard.api.PluginHost;
import dev.switchboard.api.Row;
import dev.switchboard.webhooks.WebhooksPlugin;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The request log's admin API: a listener's calls newest first, one call in full, and replay. */
final class RequestLogApi {
    private static final String SUMMARY = "id, listener_id, received_at, method, path, query, client_ip, status, "
            + "duration_micros, error, replay_of";

    private final PluginHost host;
    private final WebhooksPlugin plugin;

    RequestLogApi(PluginHost host, WebhooksPlugin plugin) {
        this.host = host;
        this.plugin = plugin;
    }

    /** {@code {"requests": [summary...], "next": id-or-null}}, paged with {@code limit} and {@code before}. */
    HttpResponse list(HttpRequest request, long listenerId) {
        int limit = (int) request.queryLong("limit", 50, 1, 500);
        long before = request.queryLong("before", Long.MAX_VALUE, 1, Long.MAX_VALUE);
        List<Row> rows = host.database().read(sql -> {
            ListenerStore.requireRow(sql, listenerId);
            return sql.query("SELECT " + SUMMARY + ", replay_simulated FROM webhook_request WHERE listener_id = ? AND id < ? "
                    + "ORDER BY id DESC LIMIT ?", listenerId, before, limit + 1);
        });
        List<Object> page = new ArrayList<>();
        for (Row r : rows.subList(0, Math.min(limit, rows.size()))) {
            page.add(summary(r));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("requests", page);
        out.put("next", rows.size() > limit ? rows.get(limit - 1).getLong("id") : null);
        return json(200, out);
    }

    /** One call: request and response side by side, the trace and the error. */
    HttpResponse get(long listenerId, long requestId) {
        return json(200, detail(row(listenerId, requestId)));
    }

    /**
     * Runs the listener's current behavior on the recorded request (a simulation unless {@code live=true}),
     * records the result as a new row with {@code replay_of}, and answers with that row.
     */
    HttpResponse replay(HttpRequest request, long listenerId, long requestId) {
        boolean live = request.queryParams().getOrDefault("live", List.of("false")).get(0).equalsIgnoreCase("true");
        Row recorded = row(listenerId, requestId);
        Listener listener = host.database().read(sql -> Listener.of(ListenerStore.requireRow(sql, listenerId)));
        WebhookCall call = call(recorded);
        List<Header> headers = call.headers();
        byte[] body = call.body();
        String query = call.query();
        Inbound inbound = plugin.inbound();
        long started = System.nanoTime();
        WebhookRunner.Outcome outcome = inbound.runner().run(listener, call, !live);
        long micros = (System.nanoTime() - started) / 1000;
        HttpResponse response = outcome.response();
        long id = inbound.log().writeNow(new LoggedRequest(listenerId, host.clock().millis(), call.method(),
                call.path(), query, call.clientIp(), headers, body, response.headers(), response.status(),
                response.body(), micros, outcome.trace(), outcome.error(), requestId, !live));
        host.audit(request.principal(), "webhook_request.replay", "webhook_listener:" + listenerId,
                Map.of("request_id", requestId, "live", live));
        Map<String, Object> out = detail(row(listenerId, id));
        return json(200, out);
    }

    /** The call a logged request recorded, as the listener received it (up to what the log kept of its body). */
    WebhookCall call(Row recorded) {
        List<Header> headers = headers(recorded.getString("request_headers"));
        byte[] body = bytes(recorded.getBytes("request_body"));
        String contentType = headers.stream().filter(h -> h.name().equalsIgnoreCase("Content-Type"))
                .map(Header::value).findFirst().orElse("");
        Map<String, List<String>> form = FormData.parse(contentType, body);
        String query = recorded.getString("query");
        return new WebhookCall(recorded.getString("method"), recorded.getString("path"), query,
                FormData.urlEncoded(query), form, headers, body, recorded.getString("client_ip"));
    }

    Row row(long listenerId, long requestId) {
        return host.database().read(sql -> sql.first("SELECT * FROM webhook_request WHERE id = ? AND listener_id = ?",
                requestId, listenerId)).orElseThrow(() -> new HttpStatusException(404,
                "no request " + requestId + " in the log of webhook listener " + listenerId));
    }

    private static Map<String, Object> summary(Row r) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String column : SUMMARY.split(", ")) {
            out.put(column, r.get(column));
        }
        out.put("simulated", simulated(r));
        return out;
    }

    /** For a replay, whether it ran as a simulation; null for a real call (and for replays logged before V11). */
    private static Boolean simulated(Row r) {
        return r.get("replay_simulated") == null ? null : r.getBoolean("replay_simulated");
    }

    private Map<String, Object> detail(Row r) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", r.getLong("id"));
        out.put("listener_id", r.getLong("listener_id"));
        out.put("received_at", r.getLong("received_at"));
        out.put("duration_micros", r.getLong("duration_micros"));
        out.put("replay_of", r.getLong("replay_of"));
        out.put("simulated", simulated(r));
        Map<String, Object> req = new LinkedHashMap<>();
        req.put("method", r.getString("method"));
        req.put("path", r.getString("path"));
        req.put("query", r.getString("query"));
        req.put("client_ip", r.getString("client_ip"));
        req.put("headers", host.json().parse(r.getString("request_headers")));
        putBody(req, r.getBytes("request_body"), r.getLong("request_size"));
        out.put("request", req);
        Map<String, Object> res = new LinkedHashMap<>();
        res.put("status", r.getLong("status"));
        res.put("headers", host.json().parse(r.getString("response_headers")));
        putBody(res, r.getBytes("response_body"), r.getLong("response_size"));
        out.put("response", res);
        String stored = r.getString("trace");
        List<Map<String, Object>> trace = stored == null ? List.of() : traceEntries(stored);
        out.put("trace", trace);
        out.put("trace_text", String.join("\n", host.behaviors().traceText(trace)));
        out.put("error", r.getString("error"));
        return out;
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> traceEntries(String stored) {
        return host.json().parse(stored) instanceof List<?> list ? (List<Map<String, Object>>) list : List.of();
    }

    private static void putBody(Map<String, Object> out, byte[] stored, long size) {
        byte[] body = bytes(stored);
        out.put("body", new String(body, StandardCharsets.UTF_8));
        out.put("body_size", size);
        out.put("body_truncated", size > RequestLog.BODY_CAP);
    }

    List<Header> headers(String json) {
        List<Header> out = new ArrayList<>();
        if (host.json().parse(json) instanceof List<?> pairs) {
            for (Object p : pairs) {
                if (p instanceof List<?> pair && pair.size() == 2) {
                    out.add(new Header(String.valueOf(pair.get(0)), String.valueOf(pair.get(1))));
                }
            }
        }
        return out;
    }

    static byte[] bytes(byte[] stored) {
        return stored == null ? new byte[0] : stored;
    }

    private HttpResponse json(int status, Object body) {
        return HttpResponse.json(status, host.json().write(body));
    }
}
