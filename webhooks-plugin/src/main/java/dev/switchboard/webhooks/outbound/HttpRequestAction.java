package dev.switchboard.webhooks.outbound;

import dev.switchboard.api.Action;
import dev.switchboard.api.ActionContext;
import dev.switchboard.api.ActionException;
import dev.switchboard.api.ActionOutput;
import dev.switchboard.api.ActionParam;
import dev.switchboard.api.Header;
import dev.switchboard.api.OutboundException;
import dev.switchboard.api.OutboundRequest;
import dev.switchboard.api.OutboundResponse;
import dev.switchboard.api.ParamType;
import dev.switchboard.api.PluginHost;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.pf4j.Extension;

/**
 * {@code http_request} (Cerb's {@code core.va.action.http_request}): sends a templated request through the host's
 * guarded client and puts {@code {content_type, headers, body, info: {url, http_code, truncated}, error}} in the
 * {@code response_placeholder} variable; then evaluates {@code response_mappers} ({@code {variable: template}})
 * against it. A failed request (SSRF refusal, DNS, timeout …) sets {@code error} and the behavior goes on, so it
 * can branch on it. In the simulator nothing is sent unless {@code run_in_simulator} is 1.
 */
@Extension
public final class HttpRequestAction implements Action {
    private static final List<String> VERBS = List.of("get", "post", "put", "patch", "delete");
    private static final Set<String> FORBIDDEN_HEADERS = Set.of("host", "content-length", "transfer-encoding",
            "connection");
    private static final long MAX_TIMEOUT_SECONDS = 120;

    private final PluginHost host;

    public HttpRequestAction(PluginHost host) {
        this.host = host;
    }

    @Override
    public String id() {
        return "http_request";
    }

    @Override
    public List<String> aliases() {
        return List.of("core.va.action.http_request");
    }

    @Override
    public String label() {
        return "Execute HTTP request";
    }

    @Override
    public List<ActionParam> params() {
        return List.of(
                ActionParam.of("http_verb", ParamType.TEXT, true, "get, post, put, patch or delete")
                        .withChoices(VERBS),
                ActionParam.template("http_url", true, "absolute http(s) URL"),
                ActionParam.template("http_headers", false, "one 'Name: value' per line"),
                ActionParam.template("http_body", false, "request body"),
                ActionParam.of("timeout", ParamType.NUMBER, false, "seconds, default 30, at most 120 (and the "
                        + "host's outbound.max_timeout_ms)"),
                ActionParam.of("options", ParamType.JSON, false, "{\"raw_response_body\": 1} keeps a JSON body as text"),
                ActionParam.of("run_in_simulator", ParamType.BOOLEAN, false, "1 sends the request when simulating"),
                ActionParam.of("response_placeholder", ParamType.TEXT, true, "variable receiving the response, "
                        + "e.g. _http_response"),
                ActionParam.of("response_mappers", ParamType.JSON, false,
                        "{\"variable\": \"template\"} evaluated after the call, e.g. "
                                + "{\"status\": \"{{_http_response.body.ticket.status}}\"}"),
                ActionParam.of("auth", ParamType.JSON, false, "not supported: send credentials in http_headers"));
    }

    @Override
    public List<ActionOutput> outputs() {
        return List.of(ActionOutput.of("{response_placeholder}", ParamType.JSON,
                "the response: content_type, headers, body, info {url, http_code, truncated}, error"));
    }

    @Override
    public void execute(ActionContext context, Map<String, Object> params) {
        String placeholder = text(params, "response_placeholder").trim();
        if (!placeholder.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new ActionException("http_request: response_placeholder must be a variable name, not '"
                    + placeholder + "'");
        }
        if (params.get("auth") != null && !text(params, "auth").isBlank()) {
            throw new ActionException("http_request: auth (Cerb connected accounts) is not supported; send the "
                    + "credentials as a header in http_headers");
        }
        Map<?, ?> mappers = objectParam(params, "response_mappers");
        Map<?, ?> options = objectParam(params, "options");
        String verb = text(params, "http_verb").toUpperCase(Locale.ROOT);
        String url = text(params, "http_url").trim();
        List<Header> headers = headers(text(params, "http_headers"));
        byte[] body = text(params, "http_body").getBytes(StandardCharsets.UTF_8);
        if (Set.of("POST", "PUT", "PATCH").contains(verb)
                && headers.stream().noneMatch(h -> h.name().equalsIgnoreCase("Content-Type"))) {
            headers.add(new Header("Content-Type", "application/x-www-form-urlencoded"));
        }
        if (truthy(options.get("ignore_ssl_validation"))) {
            context.note("options.ignore_ssl_validation is not honoured: certificates are always checked");
        }
        if (context.simulating() && !Boolean.TRUE.equals(params.get("run_in_simulator"))) {
            context.note("not sent in the simulator (run_in_simulator: 1 sends it): " + verb + " " + url);
            return;
        }
        long timeout = params.get("timeout") instanceof Number n ? n.longValue() : 30;
        if (timeout < 1 || timeout > MAX_TIMEOUT_SECONDS) {
            throw new ActionException("http_request: timeout must be between 1 and " + MAX_TIMEOUT_SECONDS
                    + " seconds, not " + timeout);
        }
        Map<String, Object> result = new LinkedHashMap<>();
        try {
            OutboundResponse r = host.http().send(new OutboundRequest(verb, url, headers, body,
                    Duration.ofSeconds(timeout)));
            String contentType = contentType(r.header("Content-Type"));
            result.put("content_type", contentType);
            result.put("headers", responseHeaders(r.headers()));
            result.put("body", responseBody(contentType, r.body(), truthy(options.get("raw_response_body"))));
            Map<String, Object> info = new LinkedHashMap<>();
            info.put("url", url);
            info.put("http_code", r.status());
            info.put("truncated", r.truncated());
            result.put("info", info);
            result.put("error", null);
            context.note(verb + " " + url + " answered " + r.status());
        } catch (OutboundException e) {
            result.put("content_type", "");
            result.put("headers", Map.of());
            result.put("body", "");
            result.put("info", Map.of());
            result.put("error", e.getMessage());
            context.note(verb + " " + url + " failed: " + e.getMessage());
        }
        context.dictionary().put(placeholder, result);
        if (result.get("error") == null) {
            mappers.forEach((variable, template) -> context.dictionary().put(String.valueOf(variable),
                    context.render(String.valueOf(template))));
        }
    }

    private static List<Header> headers(String block) {
        List<Header> headers = new ArrayList<>();
        for (String line : block.split("\r?\n")) {
            if (line.isBlank()) {
                continue;
            }
            int colon = line.indexOf(':');
            String name = colon < 0 ? "" : line.substring(0, colon).trim();
            if (!name.matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+") || line.indexOf('\r') >= 0) {
                throw new ActionException("http_request: http_headers line '" + line + "' is not 'Name: value'");
            }
            if (FORBIDDEN_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                throw new ActionException("http_request: the " + name + " header is set by the client");
            }
            headers.add(new Header(name, line.substring(colon + 1).trim()));
        }
        return headers;
    }

    private static String contentType(String header) {
        if (header == null) {
            return "";
        }
        int semicolon = header.indexOf(';');
        return (semicolon < 0 ? header : header.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
    }

    private static Map<String, Object> responseHeaders(List<Header> headers) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Header h : headers) {
            out.merge(h.name().toLowerCase(Locale.ROOT), h.value(), (a, b) -> a + ", " + b);
        }
        return out;
    }

    private Object responseBody(String contentType, byte[] body, boolean raw) {
        if (!raw && (contentType.equals("application/json") || contentType.equals("text/javascript"))) {
            try {
                return host.json().parse(new String(body, StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                return new String(body, StandardCharsets.UTF_8);
            }
        }
        if (contentType.equals("application/octet-stream") || contentType.equals("application/pdf")
                || contentType.equals("application/zip") || contentType.startsWith("audio/")
                || contentType.startsWith("image/")) {
            return Base64.getEncoder().encodeToString(body);
        }
        return new String(body, StandardCharsets.UTF_8);
    }

    private static Map<?, ?> objectParam(Map<String, Object> params, String name) {
        Object v = params.get(name);
        if (v == null || v instanceof String s && s.isBlank()) {
            return Map.of();
        }
        if (!(v instanceof Map<?, ?> m)) {
            throw new ActionException("http_request: " + name + " must be a JSON object");
        }
        return m;
    }

    private static boolean truthy(Object v) {
        return v instanceof Boolean b ? b : v != null && Set.of("1", "true", "yes", "on")
                .contains(String.valueOf(v).trim().toLowerCase(Locale.ROOT));
    }

    private static String text(Map<String, Object> params, String name) {
        Object v = params.get(name);
        return v == null ? "" : String.valueOf(v);
    }
}
