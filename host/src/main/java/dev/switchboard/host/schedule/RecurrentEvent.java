package dev.switchboard.host.schedule;

import dev.switchboard.api.EventType;
import dev.switchboard.api.Placeholder;
import dev.switchboard.host.cron.Recurrence;
import java.util.List;

/**
 * {@code event.behavior.recurrent}, Cerb's "Recurrent behavior": a behavior the scheduler runs at the times its
 * event params name ({@code repeat_patterns}, {@code timezone}; see {@link Recurrence}), once per due time across a
 * cluster.
 */
public final class RecurrentEvent implements EventType {
    public static final String ID = Recurrence.EVENT;
    /** The {@code scheduled_behavior.context} of a recurrent behavior's next run. */
    public static final String CONTEXT = "behavior.recurrent";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String label() {
        return "Recurrent behavior";
    }

    @Override
    public List<Placeholder> placeholders() {
        return List.of(new Placeholder("_trigger_va_id", "number", "the bot the behavior runs on"));
    }
}
