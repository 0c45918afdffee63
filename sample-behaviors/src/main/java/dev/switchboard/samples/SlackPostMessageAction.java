package dev.switchboard.samples;

import dev.switchboard.api.Action;
import dev.switchboard.api.ActionContext;
import dev.switchboard.api.ActionException;
import dev.switchboard.api.ActionParam;
import dev.switchboard.api.Header;
import dev.switchboard.api.OutboundException;
import dev.switchboard.api.OutboundRequest;
import dev.switchboard.api.OutboundResponse;
import dev.switchboard.api.ParamType;
import dev.switchboard.api.PluginHost;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pf4j.Extension;

/**
 * {@code slack_post_message}: posts a message to a Slack incoming webhook (or any Slack-compatible one: Mattermost,
 * Rocket.Chat, Discord's {@code /slack} endpoint) through the host's guarded HTTP client. A non-2xx answer fails
 * the action with Slack's own words ({@code no_text}, {@code invalid_token} …).
 */
@Extension
public final class SlackPostMessageAction implements Action {
    private final PluginHost host;

    public SlackPostMessageAction(PluginHost host) {
        this.host = host;
    }

    @Override
    public String id() {
        return "slack_post_message";
    }

    @Override
    public String label() {
        return "Post a message to Slack";
    }

    @Override
    public List<ActionParam> params() {
        return List.of(
                ActionParam.template("webhook_url", true, "the incoming webhook URL, e.g. https://hooks.slack.com/services/…"),
                ActionParam.template("text", true, "message text (Slack mrkdwn); also the notification fallback"),
                ActionParam.template("blocks", false, "optional Block Kit JSON array, rendered then checked"),
                ActionParam.template("username", false, "display name override"),
                ActionParam.template("icon_emoji", false, "e.g. :robot_face:"),
                ActionParam.template("channel", false, "channel override, e.g. #support"),
                ActionParam.of("timeout_seconds", ParamType.NUMBER, false, "default 10"),
                ActionParam.of("response_var", ParamType.TEXT, false, "variable receiving {status, body}"));
    }

    @Override
    public boolean sideEffects() {
        return true;
    }

    @Override
    public void execute(ActionContext context, Map<String, Object> params) {
        String url = Params.text(params, "webhook_url").trim();
        if (!url.startsWith("https://") && !url.startsWith("http://")) {
            throw new ActionException("slack_post_message: webhook_url must be an http(s) URL, got '" + url + "'");
        }
        String text = Params.text(params, "text");
        if (text.isBlank()) {
            throw new ActionException("slack_post_message: the message text is empty");
        }
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("text", text);
        for (String optional : List.of("username", "icon_emoji", "channel")) {
            if (!Params.text(params, optional).isBlank()) {
                message.put(optional, Params.text(params, optional).trim());
            }
        }
        if (!Params.text(params, "blocks").isBlank()) {
            message.put("blocks", blocks(Params.text(params, "blocks")));
        }
        long timeout = params.get("timeout_seconds") instanceof Number n ? n.longValue() : 10;
        OutboundResponse response;
        try {
            response = host.http().send(new OutboundRequest("POST", url,
                    List.of(new Header("Content-Type", "application/json; charset=utf-8")),
                    host.json().write(message).getBytes(StandardCharsets.UTF_8),
                    Duration.ofSeconds(Math.max(1, Math.min(timeout, 30)))));
        } catch (OutboundException e) {
            throw new ActionException("slack_post_message: " + e.getMessage());
        }
        String body = new String(response.body(), StandardCharsets.UTF_8);
        String var = Params.text(params, "response_var").trim();
        if (!var.isEmpty()) {
            context.dictionary().put(var, Map.of("status", response.status(), "body", body));
        }
        if (response.status() / 100 != 2) {
            throw new ActionException("slack_post_message: Slack answered " + response.status() + ": "
                    + (body.length() > 200 ? body.substring(0, 200) + "…" : body));
        }
        context.note("posted to Slack (" + response.status() + ")");
    }

    private Object blocks(String json) {
        Object parsed;
        try {
            parsed = host.json().parse(json);
        } catch (IllegalArgumentException e) {
            throw new ActionException("slack_post_message: blocks are not valid JSON: " + e.getMessage());
        }
        if (!(parsed instanceof List<?>)) {
            throw new ActionException("slack_post_message: blocks must be a JSON array");
        }
        return parsed;
    }
}
