package dev.switchboard.host.template;

import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.tree.Node;
import dev.switchboard.host.limits.Deadline;
import java.time.Duration;
import java.util.function.BiConsumer;

/**
 * The wall-clock limit of a render, checked on the clock before every node Jinjava renders (so in every macro call,
 * however deeply nested or fanned out), at every loop item and every 1024 characters a regular expression reads. A
 * render ends at the earlier of its own limit ({@code templates.render_timeout_ms}) and the deadline of the behavior
 * run it is part of. Once the time is up every further node fails at once, so even a call tree of millions of
 * pending macro calls unwinds in a few steps per level.
 */
final class RenderDeadline {
    private final Duration limit;
    private final String description;

    RenderDeadline(Duration limit) {
        this.limit = limit;
        this.description = "the " + limit.toMillis() + " ms limit (templates.render_timeout_ms)";
    }

    /** The deadline of a render starting now, within the caller's (e.g. the behavior run's) deadline. */
    Deadline start(Deadline outer) {
        return Deadline.in(limit, description).earliest(outer);
    }

    /** Jinjava's node pre-processor: fails the node when the render's time is up. */
    static BiConsumer<Node, JinjavaInterpreter> nodeCheck() {
        return (node, interpreter) -> of(interpreter).check();
    }

    /** The deadline of the render this interpreter (or the current one) belongs to. */
    static Deadline of(JinjavaInterpreter interpreter) {
        JinjavaInterpreter i = interpreter != null ? interpreter : JinjavaInterpreter.getCurrent();
        return i instanceof TwigInterpreter twig ? twig.deadline() : Deadline.NONE;
    }

    /** The current render's deadline ({@link Deadline#NONE} outside a render). */
    static Deadline current() {
        return of(null);
    }
}
