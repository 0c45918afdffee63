package dev.switchboard.webhooks.inbound;

import dev.switchboard.api.Header;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The placeholders of {@code event.webhook.received} built from one request: verb, path, raw body, header and
 * param maps normalised as Cerb does, client address.
 */
final class RequestDictionary {
    private RequestDictionary() {
    }

    /**
     * Builds the placeholders.
     *
     * @param query query params in order
     * @param form  form fields of a urlencoded/multipart body in order (win over query params)
     */
    static Map<String, Object> placeholders(String verb, String path, byte[] body, List<Header> headers,
                                            Map<String, List<String>> query, Map<String, List<String>> form,
                                            String clientIp) {
        Map<String, Object> dict = new HashMap<>(8);
        dict.put("http_verb", verb);
        dict.put("http_path", path);
        dict.put("http_body", new String(body, StandardCharsets.UTF_8));
        dict.put("http_headers", headers(headers));
        Map<String, Object> params = new LinkedHashMap<>();
        addParams(params, query);
        addParams(params, form);
        dict.put("http_params", params);
        dict.put("http_client_ip", clientIp);
        return dict;
    }

    /** Header map: normalised names, repeats joined with ", ". */
    static Map<String, Object> headers(List<Header> headers) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Header h : headers) {
            out.merge(HttpNames.header(h.name()), h.value(), (a, b) -> a + ", " + b);
        }
        return out;
    }

    /** Adds params PHP-style: {@code a[]} appends to a list, {@code a[b]} sets a map key, a repeat wins. */
    @SuppressWarnings("unchecked")
    private static void addParams(Map<String, Object> out, Map<String, List<String>> params) {
        for (Map.Entry<String, List<String>> e : params.entrySet()) {
            String raw = e.getKey();
            int bracket = raw.indexOf('[');
            boolean nested = bracket > 0 && raw.endsWith("]");
            String name = HttpNames.param(nested ? raw.substring(0, bracket) : raw);
            if (name.isEmpty()) {
                continue;
            }
            for (String value : e.getValue()) {
                if (!nested) {
                    out.put(name, value);
                    continue;
                }
                String inner = raw.substring(bracket + 1, raw.length() - 1);
                if (inner.isEmpty()) {
                    Object existing = out.get(name);
                    List<Object> list = existing instanceof List<?> l ? (List<Object>) l : new ArrayList<>();
                    list.add(value);
                    out.put(name, list);
                } else {
                    Object existing = out.get(name);
                    Map<String, Object> map = existing instanceof Map<?, ?> m ? (Map<String, Object>) m
                            : new LinkedHashMap<>();
                    map.put(inner, value);
                    out.put(name, map);
                }
            }
        }
    }
}
