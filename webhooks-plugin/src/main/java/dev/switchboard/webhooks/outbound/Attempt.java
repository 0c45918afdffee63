package dev.switchboard.webhooks.outbound;

import dev.switchboard.api.Header;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One delivery attempt as the attempt log shows it: request headers with credentials redacted, the response as
 * captured (capped by the host's client), or the error when no answer came.
 *
 * @param status          response status, or 0 when no answer came
 * @param responseBody    the captured body (at most the host's cap)
 * @param error           why the attempt failed without an answer (or null)
 */
public record Attempt(long startedAt, long durationMillis, String method, String url, List<Header> requestHeaders,
                      int status, List<Header> responseHeaders, byte[] responseBody, boolean truncated,
                      String error) {
    /** True for a 2xx answer. */
    public boolean succeeded() {
        return status / 100 == 2;
    }

    /** The API form. */
    public Map<String, Object> toJson() {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("method", method);
        request.put("url", url);
        request.put("headers", headers(requestHeaders));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("started_at", startedAt);
        out.put("duration_ms", durationMillis);
        out.put("succeeded", succeeded());
        out.put("request", request);
        if (status == 0) {
            out.put("response", null);
        } else {
            Map<String, Object> response = new LinkedHashMap<>();
            response.put("status", status);
            response.put("headers", headers(responseHeaders));
            response.put("body", new String(responseBody, StandardCharsets.UTF_8));
            response.put("truncated", truncated);
            out.put("response", response);
        }
        out.put("error", error);
        return out;
    }

    private static List<Map<String, String>> headers(List<Header> headers) {
        return headers.stream().map(h -> {
            Map<String, String> out = new LinkedHashMap<>();
            out.put("name", h.name());
            out.put("value", h.value());
            return out;
        }).toList();
    }
}
