package dev.switchboard.webhooks.outbound;

import dev.switchboard.api.HttpStatusException;
import dev.switchboard.api.TemplateException;
import dev.switchboard.api.Templates;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Reads and validates a subscription body (create, or full replace on update). Every problem is a 422 naming the
 * field. On update, secrets that are omitted (or sent back masked) are kept, except on a new URL (SECURITY.md 20):
 * credentials (auth, custom header) not sent again are cleared, and the signing secret not sent again is replaced by
 * a new one, so that signing never switches off as a side effect of a URL edit.
 */
final class SubscriptionInput {
    private static final Set<String> FIELDS = Set.of("name", "description", "enabled", "url", "events",
            "filter", "payload_format", "payload_template", "post_mode", "auth", "custom_header", "secret",
            "github_signature", "secret_in_payload", "rate_limit");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,100}");
    private static final Pattern EVENT = Pattern.compile("[a-z][a-z0-9_]*(\\.[a-z0-9_]+)+");
    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]{1,100}");
    private static final Set<String> RESERVED_HEADERS = Set.of("host", "content-length", "transfer-encoding",
            "content-type", "connection", "webhook-id", "webhook-timestamp", "webhook-signature",
            "x-hub-signature-256", "authorization");

    private final Map<?, ?> body;
    private final Templates templates;

    SubscriptionInput(Map<?, ?> body, Templates templates) {
        this.body = body;
        this.templates = templates;
    }

    /**
     * The subscription this body describes.
     *
     * @param old the stored subscription when updating, or null when creating
     * @param now epoch millis
     */
    Subscription read(Subscription old, long now) {
        for (Object key : body.keySet()) {
            if (!FIELDS.contains(key)) {
                throw invalid(String.valueOf(key), "unknown field '" + key + "'");
            }
        }
        String name = required("name");
        if (!NAME.matcher(name).matches()) {
            throw invalid("name", "name must be 1-100 letters, digits, '.', '_' or '-' (no spaces)");
        }
        String url = url(required("url"));
        List<String> events = events();
        if (events.isEmpty()) {
            throw invalid("events", "events must name at least one event type");
        }
        boolean keepSecrets = old != null && old.url().equals(url);
        String secret = secret(old, keepSecrets);
        boolean secretChanged = old == null || !Objects.equals(old.secret(), secret);
        return new Subscription(old == null ? 0 : old.id(), name, optional("description", ""),
                bool("enabled", true), url, events, template("filter"),
                oneOf("payload_format", "json", Set.of("json", "xml")), template("payload_template"),
                oneOf("post_mode", "async", Set.of("async", "sync", "sync_critical")),
                auth(keepSecrets ? old.auth() : null), customHeader(keepSecrets ? old.customHeader() : null),
                secret, secretChanged ? null : old.previousSecret(),
                secretChanged ? null : old.previousSecretUntil(), bool("github_signature", false),
                bool("secret_in_payload", false), rateLimit(), old == null ? null : old.disabledReason(),
                old == null ? now : old.createdAt(), now);
    }

    /**
     * Explicit null removes signing; absent (or masked) keeps the old secret, or, when the URL changed, makes a new
     * one (the old receiver's secret is not reused for another, and signing stays on).
     */
    private String secret(Subscription old, boolean keep) {
        Object value = body.get("secret");
        boolean masked = (WebhookSigner.PREFIX + Subscription.MASK).equals(value);
        if (value != null && !masked) {
            if (!(value instanceof String s) || !WebhookSigner.isValidSecret(s)) {
                throw invalid("secret", "secret must be 'whsec_' followed by base64 of at least 24 bytes");
            }
            return s;
        }
        boolean removed = value == null && body.containsKey("secret");
        if (old == null) {
            return removed ? null : WebhookSigner.newSecret();
        }
        if (removed || old.secret() == null) {
            return null;
        }
        return keep ? old.secret() : WebhookSigner.newSecret();
    }

    private static String url(String text) {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw invalid("url", "url is not a valid URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw invalid("url", "url must be http or https");
        }
        if (uri.getHost() == null || uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
            throw invalid("url", "url needs a host and no user info or fragment (use auth for credentials)");
        }
        if (text.length() > 2000) {
            throw invalid("url", "url is longer than 2000 characters");
        }
        return text;
    }

    private List<String> events() {
        List<String> events = new ArrayList<>();
        for (Object e : list("events")) {
            if (!(e instanceof String s)) {
                throw invalid("events", "each event must be text, got " + e);
            }
            if (RouteMatch.isRoute(s)) {
                try {
                    RouteMatch.parse(s);
                } catch (IllegalArgumentException bad) {
                    throw invalid("events", bad.getMessage());
                }
            } else if (!EVENT.matcher(s).matches()) {
                throw invalid("events", "each event must be an event type like 'ticket.created' or a route call "
                        + "like 'route:POST ^/api/tickets$', got " + s);
            }
            if (!events.contains(s)) {
                events.add(s);
            }
        }
        return List.copyOf(events);
    }

    private Subscription.Auth auth(Subscription.Auth old) {
        Object value = body.get("auth");
        if (value == null) {
            return Subscription.Auth.NONE;
        }
        if (!(value instanceof Map<?, ?> auth)) {
            throw invalid("auth", "auth must be an object {type, ...}");
        }
        Object type = auth.get("type");
        if ("none".equals(type)) {
            return Subscription.Auth.NONE;
        }
        if ("basic".equals(type)) {
            String username = field(auth, "auth.username", "username");
            if (username.contains(":")) {
                throw invalid("auth.username", "auth.username must not contain ':'");
            }
            String keep = old != null && old.type().equals("basic") ? old.credential() : null;
            return new Subscription.Auth("basic", username, credential(auth, "password", keep));
        }
        if ("bearer".equals(type)) {
            String keep = old != null && old.type().equals("bearer") ? old.credential() : null;
            return new Subscription.Auth("bearer", null, credential(auth, "token", keep));
        }
        throw invalid("auth.type", "auth.type must be none, basic or bearer");
    }

    private static String credential(Map<?, ?> auth, String key, String keep) {
        Object value = auth.get(key);
        if ((value == null || Subscription.MASK.equals(value)) && keep != null) {
            return keep;
        }
        return field(auth, "auth." + key, key);
    }

    private Subscription.CustomHeader customHeader(Subscription.CustomHeader old) {
        Object value = body.get("custom_header");
        if (value == null) {
            return null;
        }
        if (!(value instanceof Map<?, ?> header)) {
            throw invalid("custom_header", "custom_header must be an object {name, value}");
        }
        String name = field(header, "custom_header.name", "name");
        if (!TOKEN.matcher(name).matches()) {
            throw invalid("custom_header.name", "custom_header.name is not a valid header name");
        }
        if (RESERVED_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
            throw invalid("custom_header.name", "custom_header.name may not override " + name);
        }
        Object v = header.get("value");
        if ((v == null || Subscription.MASK.equals(v)) && old != null && old.name().equalsIgnoreCase(name)) {
            return new Subscription.CustomHeader(name, old.value());
        }
        return new Subscription.CustomHeader(name, field(header, "custom_header.value", "value"));
    }

    private static String field(Map<?, ?> map, String path, String key) {
        Object value = map.get(key);
        if (!(value instanceof String s) || s.isEmpty()) {
            throw invalid(path, path + " is required and must be text");
        }
        if (s.chars().anyMatch(c -> c == '\r' || c == '\n' || c == 0)) {
            throw invalid(path, path + " must not contain CR, LF or NUL");
        }
        if (s.length() > 4000) {
            throw invalid(path, path + " is longer than 4000 characters");
        }
        return s;
    }

    private String template(String key) {
        String text = optional(key, null);
        if (text != null) {
            try {
                templates.check(text);
            } catch (TemplateException e) {
                throw invalid(key, key + " does not parse: " + e.getMessage());
            }
        }
        return text;
    }

    private String required(String key) {
        String value = optional(key, null);
        if (value == null || value.isBlank()) {
            throw invalid(key, key + " is required");
        }
        return value;
    }

    private String optional(String key, String fallback) {
        Object value = body.get(key);
        if (value == null) {
            return fallback;
        }
        if (!(value instanceof String s)) {
            throw invalid(key, key + " must be text");
        }
        return s;
    }

    private String oneOf(String key, String fallback, Set<String> allowed) {
        String value = optional(key, fallback);
        if (!allowed.contains(value)) {
            throw invalid(key, key + " must be one of " + new TreeSet<>(allowed));
        }
        return value;
    }

    /** Deliveries a minute (1 to 1,000,000), or null (absent or null) for no limit. */
    private Integer rateLimit() {
        Object value = body.get("rate_limit");
        if (value == null) {
            return null;
        }
        if (!(value instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue()) || n.longValue() < 1
                || n.longValue() > 1_000_000) {
            throw invalid("rate_limit", "rate_limit must be a whole number of deliveries a minute, 1 to 1000000");
        }
        return n.intValue();
    }

    private boolean bool(String key, boolean fallback) {
        Object value = body.get(key);
        if (value == null) {
            return fallback;
        }
        if (!(value instanceof Boolean b)) {
            throw invalid(key, key + " must be true or false");
        }
        return b;
    }

    private List<?> list(String key) {
        Object value = body.get(key);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> l)) {
            throw invalid(key, key + " must be a list");
        }
        return l;
    }

    static HttpStatusException invalid(String path, String message) {
        return new HttpStatusException(422, message, path);
    }
}
