package dev.switchboard.webhooks.outbound;

import dev.switchboard.api.Field;
import dev.switchboard.api.HttpStatusException;
import dev.switchboard.api.TemplateException;
import dev.switchboard.api.Templates;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Checks a subscription body (create, or full replace on update), bound strictly to {@link Body}: an unknown field or
 * a wrong type is one 422 naming the field, and every other problem too. On update, secrets that are omitted (or sent
 * back masked) are kept, except on a new URL (SECURITY.md 20): credentials (auth, custom header) not sent again are
 * cleared, and the signing secret not sent again is replaced by a new one, so that signing never switches off as a
 * side effect of a URL edit.
 */
final class SubscriptionInput {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,100}");
    private static final Pattern EVENT = Pattern.compile("[a-z][a-z0-9_]*(\\.[a-z0-9_]+)+");
    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]{1,100}");
    private static final Set<String> RESERVED_HEADERS = Set.of("host", "content-length", "transfer-encoding",
            "content-type", "connection", "webhook-id", "webhook-timestamp", "webhook-signature",
            "x-hub-signature-256", "authorization");

    /**
     * A subscription's body as the API takes it ({@code POST} and {@code PUT /api/webhooks/subscriptions}). Left out
     * or null: no description, enabled, no filter, {@code json}, no template, {@code async}, no auth, no custom
     * header, no rate limit; {@code secret} left out keeps (or on create makes) one, null turns signing off.
     */
    record Body(String name, @Field(required = false) String description, @Field(required = false) Boolean enabled,
                String url, List<String> events, @Field(required = false) String filter,
                @Field(required = false) String payloadFormat, @Field(required = false) String payloadTemplate,
                @Field(required = false) String postMode, @Field(required = false) Auth auth,
                @Field(required = false) CustomHeader customHeader, @Field(required = false) String secret,
                @Field(required = false) Boolean githubSignature, @Field(required = false) Boolean secretInPayload,
                @Field(required = false, min = 1, max = 1_000_000) Integer rateLimit) {
    }

    /** {@code {"type": "none" | "basic" | "bearer", ...}}: basic has username and password, bearer a token. */
    record Auth(String type, @Field(required = false) String username, @Field(required = false) String password,
                @Field(required = false) String token) {
    }

    /** One extra header sent with every delivery; a value left out (or masked) keeps the stored one. */
    record CustomHeader(String name, @Field(required = false) String value) {
    }

    private final Body body;
    private final boolean secretSent;
    private final Templates templates;

    /** @param secretSent whether the body named {@code secret}, null included: absent and null differ */
    SubscriptionInput(Body body, boolean secretSent, Templates templates) {
        this.body = body;
        this.secretSent = secretSent;
        this.templates = templates;
    }

    /**
     * The subscription this body describes.
     *
     * @param old the stored subscription when updating, or null when creating
     * @param now epoch millis
     */
    Subscription read(Subscription old, long now) {
        String name = body.name();
        if (name.isBlank()) {
            throw invalid("name", "name is required");
        }
        if (!NAME.matcher(name).matches()) {
            throw invalid("name", "name must be 1-100 letters, digits, '.', '_' or '-' (no spaces)");
        }
        if (body.url().isBlank()) {
            throw invalid("url", "url is required");
        }
        String url = url(body.url());
        List<String> events = events();
        if (events.isEmpty()) {
            throw invalid("events", "events must name at least one event type");
        }
        boolean keepSecrets = old != null && old.url().equals(url);
        String secret = secret(old, keepSecrets);
        boolean secretChanged = old == null || !Objects.equals(old.secret(), secret);
        return new Subscription(old == null ? 0 : old.id(), name, or(body.description(), ""),
                or(body.enabled(), true), url, events, template("filter", body.filter()),
                oneOf("payload_format", or(body.payloadFormat(), "json"), Set.of("json", "xml")),
                template("payload_template", body.payloadTemplate()),
                oneOf("post_mode", or(body.postMode(), "async"), Set.of("async", "sync", "sync_critical")),
                auth(keepSecrets ? old.auth() : null), customHeader(keepSecrets ? old.customHeader() : null),
                secret, secretChanged ? null : old.previousSecret(),
                secretChanged ? null : old.previousSecretUntil(), or(body.githubSignature(), false),
                or(body.secretInPayload(), false), body.rateLimit(), old == null ? null : old.disabledReason(),
                old == null ? now : old.createdAt(), now);
    }

    /**
     * Explicit null removes signing; absent (or masked) keeps the old secret, or, when the URL changed, makes a new
     * one (the old receiver's secret is not reused for another, and signing stays on).
     */
    private String secret(Subscription old, boolean keep) {
        String value = body.secret();
        boolean masked = (WebhookSigner.PREFIX + Subscription.MASK).equals(value);
        if (value != null && !masked) {
            if (!WebhookSigner.isValidSecret(value)) {
                throw invalid("secret", "secret must be 'whsec_' followed by base64 of at least 24 bytes");
            }
            return value;
        }
        boolean removed = value == null && secretSent;
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
        for (String e : body.events()) {
            if (RouteMatch.isRoute(e)) {
                try {
                    RouteMatch.parse(e);
                } catch (IllegalArgumentException bad) {
                    throw invalid("events", bad.getMessage());
                }
            } else if (!EVENT.matcher(e).matches()) {
                throw invalid("events", "each event must be an event type like 'ticket.created' or a route call "
                        + "like 'route:POST ^/api/tickets$', got " + e);
            }
            if (!events.contains(e)) {
                events.add(e);
            }
        }
        return List.copyOf(events);
    }

    private Subscription.Auth auth(Subscription.Auth old) {
        Auth auth = body.auth();
        if (auth == null || "none".equals(auth.type())) {
            return Subscription.Auth.NONE;
        }
        if ("basic".equals(auth.type())) {
            String username = field(auth.username(), "auth.username");
            if (username.contains(":")) {
                throw invalid("auth.username", "auth.username must not contain ':'");
            }
            String keep = old != null && old.type().equals("basic") ? old.credential() : null;
            return new Subscription.Auth("basic", username, credential(auth.password(), "auth.password", keep));
        }
        if ("bearer".equals(auth.type())) {
            String keep = old != null && old.type().equals("bearer") ? old.credential() : null;
            return new Subscription.Auth("bearer", null, credential(auth.token(), "auth.token", keep));
        }
        throw invalid("auth.type", "auth.type must be none, basic or bearer");
    }

    private static String credential(String value, String path, String keep) {
        if ((value == null || Subscription.MASK.equals(value)) && keep != null) {
            return keep;
        }
        return field(value, path);
    }

    private Subscription.CustomHeader customHeader(Subscription.CustomHeader old) {
        CustomHeader header = body.customHeader();
        if (header == null) {
            return null;
        }
        String name = field(header.name(), "custom_header.name");
        if (!TOKEN.matcher(name).matches()) {
            throw invalid("custom_header.name", "custom_header.name is not a valid header name");
        }
        if (RESERVED_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
            throw invalid("custom_header.name", "custom_header.name may not override " + name);
        }
        String v = header.value();
        if ((v == null || Subscription.MASK.equals(v)) && old != null && old.name().equalsIgnoreCase(name)) {
            return new Subscription.CustomHeader(name, old.value());
        }
        return new Subscription.CustomHeader(name, field(v, "custom_header.value"));
    }

    private static String field(String value, String path) {
        if (value == null || value.isEmpty()) {
            throw invalid(path, path + " is required and must be text");
        }
        if (value.chars().anyMatch(c -> c == '\r' || c == '\n' || c == 0)) {
            throw invalid(path, path + " must not contain CR, LF or NUL");
        }
        if (value.length() > 4000) {
            throw invalid(path, path + " is longer than 4000 characters");
        }
        return value;
    }

    private String template(String key, String text) {
        if (text != null) {
            try {
                templates.check(text);
            } catch (TemplateException e) {
                throw invalid(key, key + " does not parse: " + e.getMessage());
            }
        }
        return text;
    }

    private static <T> T or(T value, T fallback) {
        return value == null ? fallback : value;
    }

    private static String oneOf(String key, String value, Set<String> allowed) {
        if (!allowed.contains(value)) {
            throw invalid(key, key + " must be one of " + new TreeSet<>(allowed));
        }
        return value;
    }

    static HttpStatusException invalid(String path, String message) {
        return new HttpStatusException(422, message, path);
    }
}
