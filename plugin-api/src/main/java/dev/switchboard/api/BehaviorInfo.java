package dev.switchboard.api;

/**
 * A behavior as plugins see it.
 *
 * <pre>{@code
 * BehaviorInfo b = host.behaviors().find(id).orElseThrow();
 * if (!b.eventId().equals(EventIds.WEBHOOK_RECEIVED)) throw new HttpStatusException(422, "wrong event");
 * }</pre>
 *
 * @param id       database id
 * @param uid      package uid, or null
 * @param title    title
 * @param eventId  the event it is bound to
 * @param botId    owning bot
 * @param botName  owning bot's name
 * @param disabled true when the behavior or its bot is disabled
 * @param priority 1–99, lower runs first
 * @since 1.0.0
 */
public record BehaviorInfo(long id, String uid, String title, String eventId, long botId, String botName,
                           boolean disabled, int priority) {
}
