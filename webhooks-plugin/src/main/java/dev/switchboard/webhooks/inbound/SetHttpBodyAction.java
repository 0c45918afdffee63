package dev.switchboard.webhooks.inbound;

import dev.switchboard.api.Action;
import dev.switchboard.api.ActionContext;
import dev.switchboard.api.ActionOutput;
import dev.switchboard.api.ActionParam;
import dev.switchboard.api.ParamType;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.pf4j.Extension;

/** {@code set_http_body {value}}: replaces the response body; the last write wins. */
@Extension
public final class SetHttpBodyAction implements Action {
    @Override
    public String id() {
        return "set_http_body";
    }

    @Override
    public String label() {
        return "Set HTTP response body";
    }

    @Override
    public List<ActionParam> params() {
        return List.of(ActionParam.template("value", false, "Response body"));
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
        return List.of(ActionOutput.of(WebhookReply.BODY, ParamType.TEXT, "the response body"));
    }

    @Override
    public void execute(ActionContext context, Map<String, Object> params) {
        context.dictionary().put(WebhookReply.BODY, String.valueOf(params.getOrDefault("value", "")));
    }
}
