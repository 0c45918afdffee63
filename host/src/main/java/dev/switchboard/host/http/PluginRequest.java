package dev.switchboard.host.http;

import dev.switchboard.api.FormData;
import dev.switchboard.api.Header;
import dev.switchboard.api.HttpRequest;
import dev.switchboard.api.HttpStatusException;
import io.javalin.http.Context;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
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
    private final BodyBinder binder;
    private byte[] body;
    private List<Header> headers;
    private Map<String, List<String>> query;

    PluginRequest(Context ctx, Map<String, String> pathParams, String principal, TrustedProxies proxies,
                  BodyBinder binder) {
        this.ctx = ctx;
        this.pathParams = pathParams;
        this.principal = principal;
        this.proxies = proxies;
        this.binder = binder;
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
            query = Collections.unmodifiableMap(FormData.urlEncoded(queryString()));
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

    /** Both form encodings are read from the body's bytes by the one parser, {@link FormData}. */
    @Override
    public Map<String, List<String>> formParams(long maxBytes) {
        return FormData.parse(ctx.contentType(), body(maxBytes));
    }

    @Override
    public <T> T bodyAs(Class<T> type, long maxBytes) {
        return binder.bind(body(maxBytes), type);
    }

    @Override
    public long pathLong(String name) {
        String raw = pathParam(name);
        if (raw == null) {
            throw new IllegalArgumentException("the route has no path parameter '" + name + "'");
        }
        try {
            return Long.parseLong(raw);
        } catch (NumberFormatException e) {
            throw new HttpStatusException(404, "no record with " + name + " '" + raw + "'", name);
        }
    }

    @Override
    public long queryLong(String name, long fallback, long min, long max) {
        List<String> values = queryParams().get(name);
        if (values == null || values.isEmpty() || values.get(0).isBlank()) {
            return fallback;
        }
        try {
            long v = Long.parseLong(values.get(0).trim());
            if (v >= min && v <= max) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below, as for a number out of range
        }
        String range = min == Long.MIN_VALUE && max == Long.MAX_VALUE ? ""
                : max == Long.MAX_VALUE ? " of at least " + min : " from " + min + " to " + max;
        throw new HttpStatusException(400, "query parameter '" + name + "' must be a whole number" + range, name);
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
}
