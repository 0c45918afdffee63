package dev.switchboard.host.engine;

import dev.switchboard.api.BehaviorInfo;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A behavior ready to run: its row, its bot, and its parsed tree. Immutable; cached until the behavior or its bot
 * changes.
 *
 * @param behavior  the stored behavior
 * @param bot       its bot
 * @param tree      the parsed root nodes
 */
public record CompiledBehavior(Behavior behavior, Bot bot, List<Node> tree) {

    /** The behavior as plugins see it. */
    public BehaviorInfo info() {
        return new BehaviorInfo(behavior.id(), behavior.uid(), behavior.title(), behavior.eventId(), bot.id(),
                bot.name(), behavior.disabled() || bot.disabled(), behavior.priority());
    }

    /** A root-level subroutine by title (case-insensitive, as Cerb's editor treats titles). */
    public Optional<Node> subroutine(String title) {
        String t = title == null ? "" : title.trim().toLowerCase(Locale.ROOT);
        return tree.stream().filter(n -> n.type() == Node.Type.SUBROUTINE)
                .filter(n -> n.title().trim().toLowerCase(Locale.ROOT).equals(t)).findFirst();
    }

    /** The variable definitions ({@code var_x → {key, label, type, is_private, params}}). */
    public Map<String, Object> variables() {
        return behavior.variables();
    }
}
