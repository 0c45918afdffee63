package dev.switchboard.webhooks.inbound;

import dev.switchboard.api.Header;
import dev.switchboard.api.HttpRequest;
import dev.switchboard.api.HttpResponse;
import dev.switchboard.api.HttpStatusException;
import dev.switchboard.api.PluginHost;
import dev.switchboard.api.Row;
import dev.switchboard.webhooks.WebhooksPlugin;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Runs a listener's behavior, as its draft ({@code behavior_draft: true}, the default) or its live tree, on calls
 * from the listener's request log, as a dry run (simulator nodes run, side-effect actions are described, nothing is
 * logged or changed), and sets what it would answer next to what was really answered: status, headers and body,
 * the differences, and the trace of the branch taken.
 */
final class RequestSimulation {
    /** At most this many calls per simulation. */
    static final int MAX_REQUESTS = 100;
    private static final int DEFAULT_LAST = 20;

    private final PluginHost host;
    private final WebhooksPlugin plugin;
    private final RequestLogApi log;

    RequestSimulation(PluginHost host, WebhooksPlugin plugin) {
        this.host = host;
        this.plugin = plugin;
        this.log = new RequestLogApi(host, plugin);
    }

    /** Body {@code {behavior_draft, request_ids | last}}; answers {@code {listener_id, behavior_id, draft, results}}. */
    HttpResponse simulate(HttpRequest request, long listenerId) {
        Map<String, Object> body = ApiInput.object(request, Set.of("behavior_draft", "request_ids",
                "last"));
        Object draftFlag = body.getOrDefault("behavior_draft", Boolean.TRUE);
        if (!(draftFlag instanceof Boolean draft)) {
            throw new HttpStatusException(400, "'behavior_draft' must be true or false", "behavior_draft");
        }
        Listener listener = host.database().read(sql -> Listener.of(ListenerStore.requireRow(sql, listenerId)));
        List<Row> rows = rows(listenerId, body);
        List<Object> results = new ArrayList<>();
        for (Row recorded : rows) {
            results.add(result(listener, recorded, draft));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("listener_id", listenerId);
        out.put("behavior_id", listener.behaviorId());
        out.put("behavior_draft", draft);
        out.put("results", results);
        out.put("changed", results.stream().filter(r -> !((Map<?, ?>) r).get("differences").equals(List.of()))
                .count());
        return HttpResponse.json(200, host.json().write(out));
    }

    /** The chosen calls in the given order, or the last N real calls (not replays) newest first. */
    private List<Row> rows(long listenerId, Map<String, Object> body) {
        if (body.containsKey("request_ids") && body.containsKey("last")) {
            throw new HttpStatusException(400, "send 'request_ids' or 'last', not both", "request_ids");
        }
        if (body.get("request_ids") != null) {
            if (!(body.get("request_ids") instanceof List<?> ids) || ids.isEmpty() || ids.size() > MAX_REQUESTS) {
                throw new HttpStatusException(400, "'request_ids' must be an array of 1 to " + MAX_REQUESTS
                        + " request ids", "request_ids");
            }
            List<Row> out = new ArrayList<>();
            for (int i = 0; i < ids.size(); i++) {
                if (!(ids.get(i) instanceof Number n) || n.longValue() != n.doubleValue()) {
                    throw new HttpStatusException(400, "'request_ids' must hold whole numbers",
                            "request_ids[" + i + "]");
                }
                out.add(log.row(listenerId, n.longValue()));
            }
            return out;
        }
        Object last = body.getOrDefault("last", DEFAULT_LAST);
        if (!(last instanceof Number n) || n.longValue() != n.doubleValue() || n.longValue() < 1
                || n.longValue() > MAX_REQUESTS) {
            throw new HttpStatusException(400, "'last' must be a whole number from 1 to " + MAX_REQUESTS, "last");
        }
        return host.database().read(sql -> sql.query("SELECT * FROM webhook_request WHERE listener_id = ?"
                + " AND replay_of IS NULL ORDER BY id DESC LIMIT ?", listenerId, n.intValue()));
    }

    private Map<String, Object> result(Listener listener, Row recorded, boolean draft) {
        WebhookCall call = log.call(recorded);
        Inbound inbound = plugin.inbound();
        WebhookRunner.Outcome outcome = draft ? inbound.runner().simulateDraft(listener, call)
                : inbound.runner().run(listener, call, true);
        HttpResponse simulated = outcome.response();
        byte[] recordedBody = RequestLogApi.bytes(recorded.getBytes("response_body"));
        long recordedSize = recorded.getLong("response_size") == null ? recordedBody.length
                : recorded.getLong("response_size");
        boolean truncated = recordedSize > RequestLog.BODY_CAP;
        List<Header> recordedHeaders = log.headers(recorded.getString("response_headers"));
        int recordedStatus = recorded.getInt("status", 0);

        List<Map<String, Object>> differences = new ArrayList<>();
        if (recordedStatus != simulated.status()) {
            differences.add(difference("status", null, recordedStatus, simulated.status()));
        }
        Map<String, String> was = headerMap(recordedHeaders);
        Map<String, String> would = headerMap(simulated.headers());
        Set<String> names = new LinkedHashSet<>(was.keySet());
        names.addAll(would.keySet());
        for (String name : names) {
            if (!java.util.Objects.equals(was.get(name), would.get(name))) {
                differences.add(difference("header", name, was.get(name), would.get(name)));
            }
        }
        byte[] compared = truncated && simulated.body().length > recordedBody.length
                ? Arrays.copyOf(simulated.body(), recordedBody.length) : simulated.body();
        if (!Arrays.equals(recordedBody, compared)) {
            differences.add(difference("body", null, text(recordedBody), text(simulated.body())));
        }

        Map<String, Object> out = new LinkedHashMap<>();
        out.put("request_id", recorded.getLong("id"));
        out.put("received_at", recorded.getLong("received_at"));
        out.put("method", call.method());
        out.put("path", call.path());
        Map<String, Object> answered = new LinkedHashMap<>();
        answered.put("status", recordedStatus);
        answered.put("headers", pairs(recordedHeaders));
        answered.put("body", text(recordedBody));
        answered.put("body_truncated", truncated);
        out.put("recorded", answered);
        Map<String, Object> wouldAnswer = new LinkedHashMap<>();
        wouldAnswer.put("status", simulated.status());
        wouldAnswer.put("headers", pairs(simulated.headers()));
        wouldAnswer.put("body", text(simulated.body()));
        out.put("simulated", wouldAnswer);
        out.put("differences", differences);
        out.put("trace", outcome.trace());
        out.put("trace_text", String.join("\n", host.behaviors().traceText(outcome.trace())));
        out.put("error", outcome.error());
        return out;
    }

    /** Headers by lower-case name, repeated ones joined with ", " (how HTTP folds them). */
    private static Map<String, String> headerMap(List<Header> headers) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Header h : headers) {
            out.merge(h.name().toLowerCase(Locale.ROOT), h.value(), (a, b) -> a + ", " + b);
        }
        return out;
    }

    private static List<List<String>> pairs(List<Header> headers) {
        return headers.stream().map(h -> List.of(h.name(), h.value())).toList();
    }

    private static Map<String, Object> difference(String field, String name, Object recorded, Object simulated) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("field", field);
        if (name != null) {
            m.put("name", name);
        }
        m.put("recorded", recorded);
        m.put("simulated", simulated);
        return m;
    }

    private static String text(byte[] body) {
        return new String(body, StandardCharsets.UTF_8);
    }
}
