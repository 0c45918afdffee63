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
 */
public interface EventType extends ExtensionPoint {
    /** Stable id referenced by behaviors ({@code event.key} in packages). */
    String id();

    /** A short label for people. */
    String label();

    /** The placeholders this event puts in the dictionary. */
    List<Placeholder> placeholders();

    /** Conditions specific to this event (e.g. {@code http_header}); none by default. */
    default List<EventCondition> conditions() {
        return List.of();
    }
}
