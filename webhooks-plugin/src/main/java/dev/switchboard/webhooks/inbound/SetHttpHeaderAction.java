package dev.switchboard.webhooks.inbound;

import dev.switchboard.api.Action;
import dev.switchboard.api.ActionContext;
import dev.switchboard.api.ActionException;
import dev.switchboard.api.ActionParam;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.pf4j.Extension;

/**
 * {@code set_http_header {name, value}}: sets a response header; names are case-insensitive and the last write
 * wins. CR or LF anywhere, or ':' or a blank in the name, fails the action and sets nothing.
 */
@Extension
public final class SetHttpHeaderAction implements Action {
    @Override
    public String id() {
        return "set_http_header";
    }

    @Override
    public String label() {
        return "Set HTTP response header";
    }

    @Override
    public List<ActionParam> params() {
        return List.of(ActionParam.template("name", true, "Header name"),
                ActionParam.template("value", false, "Header value"));
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
    public void execute(ActionContext context, Map<String, Object> params) {
        String name = String.valueOf(params.getOrDefault("name", "")).trim();
        String value = String.valueOf(params.getOrDefault("value", ""));
        if (name.isEmpty() || !name.chars().allMatch(c -> c > 32 && c < 127 && c != ':')) {
            throw new ActionException("header name '" + name + "' is not a valid HTTP header name");
        }
        if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
            throw new ActionException("the value of header '" + name + "' contains CR or LF");
        }
        WebhookReply.setHeader(context.dictionary(), name, value);
    }
}
