package dev.switchboard.webhooks.inbound;

import dev.switchboard.api.Action;
import dev.switchboard.api.ActionContext;
import dev.switchboard.api.ActionException;
import dev.switchboard.api.ActionOutput;
import dev.switchboard.api.ActionParam;
import dev.switchboard.api.ParamType;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.pf4j.Extension;

/** {@code set_http_status {value}}: the leading integer of the rendered value, 100–599; otherwise unchanged. */
@Extension
public final class SetHttpStatusAction implements Action {
    private static final Pattern LEADING_INT = Pattern.compile("^\\s*(\\d{1,9})");

    @Override
    public String id() {
        return "set_http_status";
    }

    @Override
    public String label() {
        return "Set HTTP response status";
    }

    @Override
    public List<ActionParam> params() {
        return List.of(ActionParam.template("value", true, "Status code, e.g. 201"));
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
        return List.of(ActionOutput.of(WebhookReply.STATUS, ParamType.NUMBER, "the response status"));
    }

    @Override
    public void execute(ActionContext context, Map<String, Object> params) {
        String value = String.valueOf(params.getOrDefault("value", ""));
        Matcher m = LEADING_INT.matcher(value);
        int status = m.find() ? Integer.parseInt(m.group(1)) : -1;
        if (status < 100 || status > 599) {
            throw new ActionException("'" + value + "' is not an HTTP status (100-599); status unchanged");
        }
        context.dictionary().put(WebhookReply.STATUS, status);
        context.note("status " + status);
    }
}
