package dev.switchboard.webhooks.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.host.json.HostJson;
import dev.switchboard.testkit.TestHost;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A ticket change queues its deliveries in its own transaction: the outbox row exists once the API answered. */
class TestOutbox {
    private static final HostJson JSON = new HostJson();

    @Test
    void aCreatedTicketHasItsDeliveryQueuedWithTheEnvelopeBeforeTheApiAnswers() {
        try (TestHost host = TestHost.start(Map.of("SWITCHBOARD_WEBHOOKS_OUTBOUND_RETRY_SCHEDULE", "3600"))) {
            host.admin("POST", "/api/webhooks/subscriptions", "{\"name\": \"crm\", \"url\": "
                    + "\"https://crm.example.com/hook\", \"events\": [\"ticket.created\"]}");
            host.admin("POST", "/api/webhooks/subscriptions", "{\"name\": \"other\", \"url\": "
                    + "\"https://crm.example.com/hook\", \"events\": [\"ticket.deleted\"]}");
            assertThat(host.admin("POST", "/api/tickets",
                    "{\"subject\": \"printer on fire\", \"requester\": \"a@example.com\"}").statusCode()).isEqualTo(201);

            List<?> deliveries = (List<?>) ((Map<?, ?>) JSON.parse(
                    host.admin("GET", "/api/webhooks/deliveries", null).body())).get("deliveries");
            assertThat(deliveries).hasSize(1);
            Map<?, ?> d = (Map<?, ?>) deliveries.get(0);
            assertThat(d.get("event_type")).isEqualTo("ticket.created");
            assertThat((String) d.get("webhook_id")).startsWith("msg_");
            Map<?, ?> full = (Map<?, ?>) JSON.parse(host.admin("GET", "/api/webhooks/deliveries/" + d.get("id"), null)
                    .body());
            Map<?, ?> payload = (Map<?, ?>) full.get("payload");
            assertThat(payload.get("id")).isEqualTo(d.get("webhook_id"));
            assertThat(payload.get("event")).isEqualTo(Map.of("id", "ticket.created", "label", "Ticket created"));
            assertThat(((Map<?, ?>) ((Map<?, ?>) payload.get("data")).get("ticket")).get("subject"))
                    .isEqualTo("printer on fire");
            assertThat(host.admin("GET", "/api/webhooks/deliveries?status=later", null).statusCode()).isEqualTo(400);
            assertThat(host.admin("GET", "/api/webhooks/deliveries/999", null).statusCode()).isEqualTo(404);
        }
    }
}
