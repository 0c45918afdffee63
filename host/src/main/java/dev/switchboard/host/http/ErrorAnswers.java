package dev.switchboard.host.http;

import dev.switchboard.host.json.HostJson;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes error answers the one way: JSON {@code {"error": {"status", "message", "path"?}}} under {@code /api},
 * {@code /admin/} and {@code /health}, a short text elsewhere (a machine caller reads plain text).
 */
final class ErrorAnswers {
    private final HostJson json;

    ErrorAnswers(HostJson json) {
        this.json = json;
    }

    void write(Context ctx, int status, String message, String path) {
        ctx.status(status);
        if (ctx.path().startsWith("/api") || ctx.path().startsWith("/admin/") || ctx.path().equals("/health")) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("status", status);
            body.put("message", message);
            if (path != null) {
                body.put("path", path);
            }
            ctx.contentType("application/json").result(json.writeBytes(Map.of("error", body)));
        } else {
            ctx.contentType("text/plain; charset=utf-8").result(message);
        }
    }
}
