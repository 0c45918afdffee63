package dev.switchboard.webhooks.inbound;

import dev.switchboard.api.Header;
import dev.switchboard.api.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The response a webhook behavior builds in its dictionary ({@code _http_status}, {@code _http_headers},
 * {@code _http_body}) and how it becomes an HTTP answer: defaults 200, empty body,
 * {@code text/html; charset=UTF-8}, plus Cerb's frame headers and {@code nosniff}.
 */
final class WebhookReply {
    static final String STATUS = "_http_status";
    static final String HEADERS = "_http_headers";
    static final String BODY = "_http_body";
    static final String TIMEZONE = "_timezone";

    private static final List<Header> FIXED = List.of(
            new Header("Content-Security-Policy", "frame-ancestors 'self'"),
            new Header("X-Frame-Options", "SAMEORIGIN"),
            new Header("X-Content-Type-Options", "nosniff"));
    private static final Header DEFAULT_TYPE = new Header("Content-Type", "text/html; charset=UTF-8");

    private WebhookReply() {
    }

    /** Sets a header: case-insensitive name, the last write wins and keeps the first write's position. */
    @SuppressWarnings("unchecked")
    static void setHeader(Map<String, Object> dictionary, String name, String value) {
        Map<String, String> headers = dictionary.get(HEADERS) instanceof Map<?, ?> m
                ? (Map<String, String>) m : new LinkedHashMap<>();
        Map<String, String> next = new LinkedHashMap<>();
        boolean replaced = false;
        for (Map.Entry<String, String> e : headers.entrySet()) {
            if (e.getKey().equalsIgnoreCase(name)) {
                next.put(name, value);
                replaced = true;
            } else {
                next.put(e.getKey(), e.getValue());
            }
        }
        if (!replaced) {
            next.put(name, value);
        }
        dictionary.put(HEADERS, next);
    }

    /** The answer for a finished run's dictionary. */
    static HttpResponse from(Map<String, Object> dictionary) {
        int status = dictionary.get(STATUS) instanceof Number n ? n.intValue() : 200;
        List<Header> headers = new ArrayList<>();
        boolean typed = false;
        if (dictionary.get(HEADERS) instanceof Map<?, ?> set) {
            for (Map.Entry<?, ?> e : set.entrySet()) {
                String name = String.valueOf(e.getKey());
                typed |= name.equalsIgnoreCase("Content-Type");
                headers.add(new Header(name, String.valueOf(e.getValue())));
            }
        }
        if (!typed) {
            headers.add(DEFAULT_TYPE);
        }
        headers.addAll(FIXED);
        Object body = dictionary.get(BODY);
        return new HttpResponse(status, headers,
                body == null ? new byte[0] : body.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** A status answer with a fixed HTML body and the fixed headers (503, 429, 500). */
    static HttpResponse page(int status, String html, List<Header> extra) {
        List<Header> headers = new ArrayList<>(extra);
        headers.add(DEFAULT_TYPE);
        headers.addAll(FIXED);
        return new HttpResponse(status, headers, html.getBytes(StandardCharsets.UTF_8));
    }
}
