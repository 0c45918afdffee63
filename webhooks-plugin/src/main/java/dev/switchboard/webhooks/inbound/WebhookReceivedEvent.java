package dev.switchboard.webhooks.inbound;

import dev.switchboard.api.EventCondition;
import dev.switchboard.api.EventIds;
import dev.switchboard.api.EventType;
import dev.switchboard.api.Placeholder;
import java.util.List;
import org.pf4j.Extension;

/** {@code event.webhook.received}: a request arrived at a listener URL. Placeholders as in Cerb 8. */
@Extension
public final class WebhookReceivedEvent implements EventType {
    public static final String ID = EventIds.WEBHOOK_RECEIVED;

    private static final List<Placeholder> PLACEHOLDERS = List.of(
            new Placeholder("http_verb", "text", "Request method, upper case"),
            new Placeholder("http_path", "text", "Path after /webhooks/{guid}/, '' when none"),
            new Placeholder("http_body", "text", "Raw request body (use json_decode(http_body))"),
            new Placeholder("http_headers", "map",
                    "Request headers; names lower-cased with '-' as '_', repeats joined with ', ';"
                            + " no content_type or content_length (as under PHP-FPM)"),
            new Placeholder("http_params", "map",
                    "Query parameters, then form fields (form wins); names as PHP and Cerb make them ('a.b' is a_b)"),
            new Placeholder("http_client_ip", "text", "Client address"));

    private static final List<EventCondition> CONDITIONS = List.of(
            new NamedValueCondition("http_header", "HTTP request header", "http_headers", HttpNames::header),
            new NamedValueCondition("http_param", "HTTP request parameter", "http_params", HttpNames::param));

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String label() {
        return "Webhook received";
    }

    @Override
    public List<Placeholder> placeholders() {
        return PLACEHOLDERS;
    }

    @Override
    public List<EventCondition> conditions() {
        return CONDITIONS;
    }
}
