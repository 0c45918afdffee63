package dev.switchboard.host.admin;

import dev.switchboard.api.HttpStatusException;
import dev.switchboard.host.http.Api;
import io.javalin.http.Context;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * What {@code POST /admin/login} accepts (login CSRF): an {@code Origin}, when the browser sends one, that is this
 * server's own (its {@code base_url}, or the scheme and {@code Host} the request came in on), and a body typed as
 * the page sends it, JSON ({@code {"token": "..."}}) or a form ({@code token=...}). A {@code text/plain} post from
 * another site, which browsers send without asking, is refused with 403 naming the reason.
 */
final class SignInForm {
    private final Supplier<String> baseUrl;

    /** @param baseUrl the host's public base URL */
    SignInForm(Supplier<String> baseUrl) {
        this.baseUrl = baseUrl;
    }

    /**
     * The token the request carries, or null when it has none.
     *
     * @throws HttpStatusException 403 for a foreign origin or a content type the page does not send, 400 for a
     *                             malformed body
     */
    String token(Context ctx, Api api) {
        requireOwnOrigin(ctx);
        String type = mediaType(ctx.contentType());
        if (type.equals("application/json")) {
            return api.bodyMap(ctx).get("token") instanceof String t ? t : null;
        }
        if (type.equals("application/x-www-form-urlencoded")) {
            return formField(new String(api.bodyBytes(ctx), StandardCharsets.UTF_8), "token");
        }
        throw new HttpStatusException(403, "sign-in refused: the body must be application/json or "
                + "application/x-www-form-urlencoded, not " + (type.isEmpty() ? "untyped" : type));
    }

    private void requireOwnOrigin(Context ctx) {
        String origin = ctx.header("Origin");
        if (origin == null) {
            return; // not a browser, or one that sends no Origin on same-origin requests: nothing to compare
        }
        String own = origin(baseUrl.get());
        String hostHeader = ctx.header("Host");
        String asReached = hostHeader == null ? null : origin(ctx.scheme() + "://" + hostHeader);
        String given = origin(origin);
        if (given == null || !(given.equals(own) || given.equals(asReached))) {
            throw new HttpStatusException(403, "sign-in refused: Origin " + origin + " is not this server ("
                    + (own == null ? asReached : own) + ")");
        }
    }

    /** {@code scheme://host:port} in lower case with the default port spelled out, or null when not a URL. */
    static String origin(String url) {
        try {
            URI u = new URI(url.trim());
            if (u.getScheme() == null || u.getHost() == null) {
                return null;
            }
            String scheme = u.getScheme().toLowerCase(Locale.ROOT);
            int port = u.getPort() >= 0 ? u.getPort() : scheme.equals("https") ? 443 : scheme.equals("http") ? 80 : -1;
            return scheme + "://" + u.getHost().toLowerCase(Locale.ROOT) + ":" + port;
        } catch (URISyntaxException e) {
            return null;
        }
    }

    private static String mediaType(String contentType) {
        if (contentType == null) {
            return "";
        }
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
    }

    private static String formField(String body, String name) {
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            if (decode(key).equals(name)) {
                return eq < 0 ? "" : decode(pair.substring(eq + 1));
            }
        }
        return null;
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new HttpStatusException(400, "malformed form body: " + e.getMessage());
        }
    }
}
