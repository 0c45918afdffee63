package dev.switchboard.host.http;

import dev.switchboard.api.Header;
import dev.switchboard.api.HttpRequest;
import dev.switchboard.api.HttpStatusException;
import io.javalin.http.Context;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@link HttpRequest} over a Javalin context. The body is read on demand with the caller's limit: a declared
 * Content-Length over the limit is refused before reading, and a chunked body is counted while streaming, so
 * memory stays bounded by the limit (Javalin's accessor has one global limit; listeners have their own).
 */
final class PluginRequest implements HttpRequest {
    private final Context ctx;
    private final Map<String, String> pathParams;
    private final String principal;
    private final TrustedProxies proxies;
    private byte[] body;
    private List<Header> headers;
    private Map<String, List<String>> query;

    PluginRequest(Context ctx, Map<String, String> pathParams, String principal, TrustedProxies proxies) {
        this.ctx = ctx;
        this.pathParams = pathParams;
        this.principal = principal;
        this.proxies = proxies;
    }

    @Override
    public String method() {
        return ctx.req().getMethod().toUpperCase(Locale.ROOT);
    }

    @Override
    public String path() {
        return ctx.path();
    }

    @Override
    public String pathParam(String name) {
        String v = pathParams.get(name);
        return v == null ? null : URLDecoder.decode(v.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    @Override
    public List<Header> headers() {
        if (headers == null) {
            List<Header> out = new ArrayList<>();
            Enumeration<String> names = ctx.req().getHeaderNames();
            while (names.hasMoreElements()) {
                String name = names.nextElement();
                Enumeration<String> values = ctx.req().getHeaders(name);
                while (values.hasMoreElements()) {
                    out.add(new Header(name, values.nextElement()));
                }
            }
            headers = Collections.unmodifiableList(out);
        }
        return headers;
    }

    @Override
    public String header(String name) {
        return ctx.req().getHeader(name);
    }

    @Override
    public Map<String, List<String>> queryParams() {
        if (query == null) {
            query = Collections.unmodifiableMap(parseUrlEncoded(queryString()));
        }
        return query;
    }

    @Override
    public String queryString() {
        String q = ctx.req().getQueryString();
        return q == null ? "" : q;
    }

    @Override
    public byte[] body(long maxBytes) {
        if (body != null) {
            if (body.length > maxBytes) {
                throw tooLarge(maxBytes);
            }
            return body;
        }
        body = BoundedBody.read(ctx, maxBytes);
        ctx.attribute(Api.BODY, body);
        return body;
    }

    @Override
    public Map<String, List<String>> formParams(long maxBytes) {
        String type = ctx.contentType() == null ? "" : ctx.contentType().toLowerCase(Locale.ROOT);
        if (type.startsWith("application/x-www-form-urlencoded")) {
            return parseUrlEncoded(new String(body(maxBytes), StandardCharsets.UTF_8));
        }
        if (type.startsWith("multipart/form-data")) {
            long declared = ctx.req().getContentLengthLong();
            if (declared > maxBytes || declared < 0) {
                throw declared < 0 ? new HttpStatusException(411, "multipart bodies need a Content-Length")
                        : tooLarge(maxBytes);
            }
            Map<String, List<String>> out = new LinkedHashMap<>();
            ctx.formParamMap().forEach((k, v) -> out.put(k, List.copyOf(v)));
            return out;
        }
        return Map.of();
    }

    @Override
    public String remoteAddress() {
        return ctx.req().getRemoteAddr();
    }

    @Override
    public String clientIp() {
        return proxies.clientIp(remoteAddress(), header("X-Forwarded-For"));
    }

    @Override
    public String principal() {
        return principal;
    }

    private static HttpStatusException tooLarge(long max) {
        return BoundedBody.tooLarge(max);
    }

    /** Parses {@code a=1&b=2&a=3} into ordered lists; '+' is a space; malformed escapes are kept literally. */
    static Map<String, List<String>> parseUrlEncoded(String text) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (text == null || text.isEmpty()) {
            return out;
        }
        for (String pair : text.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String k = decode(eq < 0 ? pair : pair.substring(0, eq));
            String v = eq < 0 ? "" : decode(pair.substring(eq + 1));
            out.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
        }
        return out;
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }
}
