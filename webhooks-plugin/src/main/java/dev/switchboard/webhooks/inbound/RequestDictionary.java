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

    /**
     * Header map as Cerb builds it from PHP's {@code HTTP_*} variables: normalised names, repeats joined with
     * ", ", and no {@code content_type} / {@code content_length} (PHP-FPM does not pass them as {@code HTTP_*}).
     */
    static Map<String, Object> headers(List<Header> headers) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Header h : headers) {
            String name = HttpNames.header(h.name());
            if (HttpNames.inHeaderMap(name)) {
                out.merge(name, h.value(), (a, b) -> a + ", " + b);
            }
        }
        return out;
    }

    /**
     * Adds params as PHP registers them and Cerb names them ({@link HttpNames#php}, {@link HttpNames#param}):
     * {@code a[]} appends to a list, {@code a[b]} sets a map key, a repeat wins.
     */
    @SuppressWarnings("unchecked")
    private static void addParams(Map<String, Object> out, Map<String, List<String>> params) {
        for (Map.Entry<String, List<String>> e : params.entrySet()) {
            HttpNames.PhpName php = HttpNames.php(e.getKey());
            String name = HttpNames.cerbParam(php.name());
            if (name.isEmpty()) {
                continue;
            }
            for (String value : e.getValue()) {
                if (php.index() == null) {
                    out.put(name, value);
                    continue;
                }
                String inner = php.index();
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
