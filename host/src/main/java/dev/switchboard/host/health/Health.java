package dev.switchboard.host.health;

import dev.switchboard.api.HealthCheck;
import dev.switchboard.host.http.Api;
import dev.switchboard.host.http.ApiRoutes;
import dev.switchboard.host.plugins.Registered;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /health}: the host's and the started plugins' {@link HealthCheck}s, each called in its own try/catch so
 * one broken check cannot hide the others. 200 {@code {"status": "ok", "checks": {...}}} when all pass, else 503
 * {@code {"status": "degraded", ...}} with each failing check's message.
 */
public final class Health implements ApiRoutes {
    private static final Logger LOG = LoggerFactory.getLogger(Health.class);

    private final Supplier<List<Registered<HealthCheck>>> checks;

    /** @param checks the checks in effect now (they change as plugins start and stop) */
    public Health(Supplier<List<Registered<HealthCheck>>> checks) {
        this.checks = checks;
    }

    @Override
    public void register(Api api) {
        api.open("/health", "Liveness and the checks of the host and plugins", ctx -> {
            Report report = report();
            ctx.status(report.status()).json(report.body());
        });
    }

    /** The answer: whether every check passed, and the body. */
    public record Report(boolean ok, Map<String, Object> body) {
        /** 200 or 503. */
        public int status() {
            return ok ? 200 : 503;
        }
    }

    /** Runs every check now. */
    public Report report() {
        Map<String, Object> results = new LinkedHashMap<>();
        boolean ok = true;
        for (Registered<HealthCheck> r : checks.get()) {
            String id;
            Optional<String> problem;
            try {
                id = r.extension().id();
                problem = r.extension().problem();
            } catch (RuntimeException | LinkageError e) {
                LOG.warn("health check {} of {} failed", r.extension().getClass().getName(), r.pluginId(), e);
                id = r.pluginId() + ":" + r.extension().getClass().getSimpleName();
                problem = Optional.of("the check itself failed: " + e);
            }
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("status", problem.isPresent() ? "degraded" : "ok");
            problem.ifPresent(m -> result.put("message", m));
            results.put(id, result);
            ok &= problem.isEmpty();
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", ok ? "ok" : "degraded");
        body.put("checks", results);
        return new Report(ok, body);
    }
}
