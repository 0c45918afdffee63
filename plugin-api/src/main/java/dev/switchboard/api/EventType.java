package dev.switchboard.api;

import java.util.List;
import org.pf4j.ExtensionPoint;

/**
 * An event that behaviors can be bound to, e.g. {@code event.webhook.received}.
 *
 * <pre>{@code
 * @Extension
 * public final class WebhookReceived implements EventType {
 *     public String id() { return "event.webhook.received"; }
 *     public String label() { return "Webhook received"; }
 *     public List<Placeholder> placeholders() {
 *         return List.of(new Placeholder("http_verb", "text", "Request method"));
 *     }
 * }
 * }</pre>
 *
 * @since 1.0.0
 */
public interface EventType extends ExtensionPoint {
    /**
     * Stable id referenced by behaviors ({@code event.key} in packages).
     *
     * @since 1.0.0
     */
    String id();

    /**
     * A short label for people.
     *
     * @since 1.0.0
     */
    String label();

    /**
     * The placeholders this event puts in the dictionary.
     *
     * @since 1.0.0
     */
    List<Placeholder> placeholders();

    /**
     * Conditions specific to this event (e.g. {@code http_header}); none by default.
     *
     * @since 1.0.0
     */
    default List<EventCondition> conditions() {
        return List.of();
    }
}
