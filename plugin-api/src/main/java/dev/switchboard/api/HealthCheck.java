package dev.switchboard.api;

import java.util.Optional;
import org.pf4j.ExtensionPoint;

/**
 * Tells the host's {@code GET /health} whether a plugin can do its work right now. While any check reports a
 * problem, {@code /health} answers 503 {@code {"status": "degraded", "checks": {id: {"status", "message"}}}}, so a
 * load balancer or monitor sees what a caller would get. The host calls every check on each {@code /health}
 * request, inside its own try/catch (a check that throws counts as degraded): keep it to reading a field.
 *
 * <pre>{@code
 * @Extension
 * public final class QueueHealth implements HealthCheck {
 *     public String id() { return "myplugin.queue"; }
 *     public Optional<String> problem() {
 *         return queue.failing() ? Optional.of("cannot write the queue: " + queue.lastError()) : Optional.empty();
 *     }
 * }
 * }</pre>
 *
 * @since 1.3.0
 */
public interface HealthCheck extends ExtensionPoint {
    /**
     * A stable id, the key under {@code checks} in {@code /health} (e.g. {@code webhooks.request_log}).
     *
     * @since 1.3.0
     */
    String id();

    /**
     * Empty when healthy; otherwise why not, in a sentence for an operator (no secrets).
     *
     * @since 1.3.0
     */
    Optional<String> problem();
}
