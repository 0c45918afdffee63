package dev.switchboard.webhooks.inbound;

import dev.switchboard.api.Action;
import dev.switchboard.api.ActionContext;
import dev.switchboard.api.ActionException;
import dev.switchboard.api.ActionOutput;
import dev.switchboard.api.ActionParam;
import dev.switchboard.api.ParamType;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.pf4j.Extension;

/**
 * {@code set_timezone {value}}: sets the run's time zone (an IANA id such as {@code America/New_York}) in
 * {@code _timezone}; an unknown zone fails the action and changes nothing.
 */
@Extension
public final class SetTimezoneAction implements Action {
    @Override
    public String id() {
        return "set_timezone";
    }

    @Override
    public String label() {
        return "Set time zone";
    }

    @Override
    public List<ActionParam> params() {
        return List.of(ActionParam.template("value", true, "IANA time zone, e.g. America/New_York"));
    }

    @Override
    public Set<String> events() {
        return Set.of(WebhookReceivedEvent.ID);
    }

    /** Only writes the dictionary. */
    @Override
    public boolean runsInline() {
        return true;
    }

    @Override
    public List<ActionOutput> outputs() {
        return List.of(ActionOutput.of(WebhookReply.TIMEZONE, ParamType.TEXT, "the time zone dates are shown in"));
    }

    @Override
    public void execute(ActionContext context, Map<String, Object> params) {
        String value = String.valueOf(params.getOrDefault("value", "")).trim();
        try {
            context.dictionary().put(WebhookReply.TIMEZONE, ZoneId.of(value).getId());
        } catch (DateTimeException e) {
            throw new ActionException("unknown time zone '" + value + "'");
        }
    }
}
