package dev.switchboard.host.http;

import dev.switchboard.api.Header;
import dev.switchboard.api.HttpEndpoint.Access;
import dev.switchboard.api.HttpResponse;
import dev.switchboard.api.HttpStatusException;
import dev.switchboard.api.VetoException;
import dev.switchboard.host.storage.StorageUnavailableException;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers what the host's own routes did not: matches the request against every current route (host and started
 * plugins), answers 404 for an unknown path, 405 with {@code Allow} for a known path asked with another method, and
 * otherwise runs the plugin's handler and writes its answer (sandboxed, see {@link #write}).
 */
final class RouteDispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(RouteDispatcher.class);

    private final RouteSource routes;
    private final RequestSettings settings;
    private final PublicPort publicPort;
    private final ErrorAnswers errors;

    /**
     * What plugin requests and answers need from the server's settings.
     *
     * @param binder          binds JSON bodies to records for {@code bodyAs}
     * @param pluginAnswerCsp the {@code Content-Security-Policy} of every plugin answer, or {@code off}
     */
    record RequestSettings(TrustedProxies proxies, BodyBinder binder, String pluginAnswerCsp) {
    }

    RouteDispatcher(RouteSource routes, RequestSettings settings, PublicPort publicPort, ErrorAnswers errors) {
        this.routes = routes;
        this.settings = settings;
        this.publicPort = publicPort;
        this.errors = errors;
    }

    private record Candidate(HttpRoute route, Map<String, String> params) {
    }

    void dispatch(Context ctx) throws Exception {
        String path = ctx.path();
        String method = ctx.method().name().toUpperCase(Locale.ROOT);
        List<Candidate> matches = new ArrayList<>();
        String[] parts = RoutePattern.segments(path);
        for (HttpRoute r : routes.routes()) {
            Map<String, String> params = r.pattern().match(parts);
            if (params != null) {
                matches.add(new Candidate(r, params));
            }
        }
        matches.sort(Comparator.comparingInt((Candidate c) -> c.route().pattern().specificity()).reversed());
        Candidate chosen = matches.stream().filter(c -> c.route().takes(method)).findFirst().orElse(null);
        if (chosen == null || chosen.route().handler() == null) {
            if (matches.isEmpty() || chosen != null) {
                throw new HttpStatusException(404, "no route for " + method + " " + path);
            }
            TreeSet<String> allowed = new TreeSet<>();
            matches.forEach(c -> allowed.add(c.route().method()));
            ctx.header("Allow", String.join(", ", allowed));
            errors.write(ctx, 405, "method " + method + " is not allowed for " + path + "; allowed: "
                    + String.join(", ", allowed), null);
            return;
        }
        HttpRoute route = chosen.route();
        String principal = null;
        if (route.access() == Access.ADMIN) {
            principal = Api.principal(ctx); // authenticated by the /api/* filter
        } else if (publicPort.configured() && !publicPort.carries(ctx)) {
            throw new HttpStatusException(404, "this route is served on the public port ("
                    + publicPort.port().orElseThrow() + "), not beside the admin page");
        }
        HttpResponse response;
        try {
            response = route.handler().handle(new PluginRequest(ctx, chosen.params(), principal, settings.proxies(),
                    settings.binder()));
        } catch (HttpStatusException | VetoException | StorageUnavailableException e) {
            throw e;
        } catch (Exception | LinkageError e) {
            LOG.error("plugin {} route {} {} failed on {} {}", route.owner(), route.method(), route.path(), method,
                    path, e);
            errors.write(ctx, 500, "internal error", null);
            return;
        }
        write(ctx, response, principal != null);
    }

    /**
     * Writes a plugin's answer. It must never run script in the admin page's origin (a behavior may echo what a
     * stranger sent): sandboxed, with its type taken as declared. The policy is sent as a header of its own, after
     * the plugin's, so a policy the plugin sets is enforced as well, never instead.
     */
    private void write(Context ctx, HttpResponse response, boolean adminCall) throws java.io.IOException {
        ctx.status(response.status());
        boolean typed = false;
        boolean needsNosniff = true;
        for (Header h : response.headers()) {
            if (h.name().equalsIgnoreCase("Content-Type")) {
                ctx.contentType(h.value());
                typed = true;
            } else {
                needsNosniff &= !h.name().equalsIgnoreCase("X-Content-Type-Options");
                ctx.res().addHeader(h.name(), h.value());
            }
        }
        if (!settings.pluginAnswerCsp().equals("off")) {
            ctx.res().addHeader("Content-Security-Policy", settings.pluginAnswerCsp());
        }
        if (needsNosniff) {
            ctx.res().addHeader("X-Content-Type-Options", "nosniff");
        }
        if (!typed) {
            ctx.res().setContentType(null);
        }
        // Written straight to Jetty: a known length, no copy through Javalin's result stream.
        byte[] body = response.body();
        if (adminCall) {
            ctx.attribute(Api.RESPONSE_BODY, body);
        }
        ctx.res().setContentLength(body.length);
        if (body.length > 0) {
            ctx.res().getOutputStream().write(body);
        }
    }
}
