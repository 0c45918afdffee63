package dev.switchboard.host.auth;

import dev.switchboard.api.Field;
import dev.switchboard.api.HttpStatusException;
import dev.switchboard.host.audit.AuditLog;
import dev.switchboard.host.http.Api;
import dev.switchboard.host.http.ApiRoutes;
import dev.switchboard.host.storage.HostDatabase;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code /api/tokens}: create (the secret is in the 201 response and nowhere else, ever), list without secrets,
 * revoke. Creation and revocation are audited (the name, never the secret).
 */
public final class TokenRoutes implements ApiRoutes {
    private static final Pattern NAME = Pattern.compile("^[A-Za-z0-9 ._-]{1,100}$");
    private final Tokens tokens;
    private final AuditLog audit;
    private final HostDatabase db;

    public TokenRoutes(Tokens tokens, AuditLog audit, HostDatabase db) {
        this.tokens = tokens;
        this.audit = audit;
        this.db = db;
    }

    @Override
    public void register(Api api) {
        api.post("/api/tokens", ctx -> {
            if (Api.fromBrowserSession(ctx)) {
                throw new HttpStatusException(403, "API tokens are created with a bearer token or the CLI"
                        + " (switchboard.jar tokens create NAME), not from a browser session");
            }
            Map<String, Object> body = api.bodyMap(ctx);
            for (String key : body.keySet()) {
                if (!key.equals("name")) {
                    throw new HttpStatusException(400, "unknown field '" + key + "'; send {\"name\": \"...\"}", key);
                }
            }
            if (!(body.get("name") instanceof String name)) {
                throw new HttpStatusException(400, "'name' must be a string", "name");
            }
            if (!NAME.matcher(name).matches()) {
                throw new HttpStatusException(422, "'name' must be 1 to 100 letters, digits, spaces, '.', '_' or '-'",
                        "name");
            }
            String actor = Api.principal(ctx);
            Tokens.Created created = db.write(sql -> {
                Tokens.Created c = tokens.create(name, actor);
                audit.record(sql, actor, "token.create", "api_token:" + c.info().id(), Map.of("name", name));
                return c;
            });
            Map<String, Object> out = info(created.info());
            out.put("token", created.token());
            api.json(ctx, 201, out);
        }).summary("Creates an API token; the token is shown this once").status(201).response(NewToken.class);
        api.get("/api/tokens", ctx -> api.json(ctx, 200, Map.of("tokens",
                tokens.list().stream().map(TokenRoutes::info).toList())))
                        .summary("Lists the API tokens (never the tokens themselves)").response(TokenList.class);
        api.post("/api/tokens/{id}/revoke", ctx -> {
            long id = Api.idParam(ctx, "id");
            String actor = Api.principal(ctx);
            boolean revoked = db.write(sql -> {
                boolean ok = tokens.revoke(id);
                if (ok) {
                    audit.record(sql, actor, "token.revoke", "api_token:" + id, Map.of());
                }
                return ok;
            });
            if (!revoked) {
                throw new HttpStatusException(404, "no active token with id " + id);
            }
            api.json(ctx, 200, tokens.list().stream().filter(t -> t.id() == id).map(TokenRoutes::info).findFirst()
                    .orElseThrow());
        }).summary("Revokes an API token").response(TokenAnswer.class);
    }

    private static Map<String, Object> info(Tokens.TokenInfo t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", t.id());
        m.put("name", t.name());
        m.put("prefix", t.prefix());
        m.put("created_at", t.createdAt());
        m.put("created_by", t.createdBy());
        m.put("last_used_at", t.lastUsedAt());
        m.put("revoked_at", t.revokedAt());
        return m;
    }

    /** An API token as listed, for the API document. */
    record TokenAnswer(long id, String name, String prefix, long createdAt, @Field(required = false) String createdBy,
                       @Field(required = false) Long lastUsedAt, @Field(required = false) Long revokedAt) {
    }

    /** The tokens. */
    record TokenList(List<TokenAnswer> tokens) {
    }

    /** A new token, with the token itself. */
    record NewToken(long id, String name, String prefix, long createdAt, String token) {
    }
}
