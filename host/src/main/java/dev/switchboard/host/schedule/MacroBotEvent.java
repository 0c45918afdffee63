package dev.switchboard.host.schedule;

import dev.switchboard.api.EventType;
import dev.switchboard.api.Placeholder;
import java.util.List;

/**
 * {@code event.macro.bot}, Cerb's "Custom behavior on bot": a behavior nothing broadcasts to, run only when another
 * behavior calls it ({@code _run_behavior}) or schedules it ({@code _schedule_behavior}). Its inputs are its
 * {@code var_*} variables; what it leaves in its dictionary is what the caller gets back.
 */
public final class MacroBotEvent implements EventType {
    public static final String ID = "event.macro.bot";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String label() {
        return "Custom behavior on bot";
    }

    @Override
    public List<Placeholder> placeholders() {
        return List.of(new Placeholder("_trigger_va_id", "number", "the bot the behavior was run on"));
    }
}
