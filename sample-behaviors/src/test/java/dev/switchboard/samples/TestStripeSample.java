package dev.switchboard.samples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.testkit.TestHost;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The Stripe sample (stripe-payment-failed.json) as Stripe drives it: {@code invoice.payment_failed} and
 * {@code charge.failed} events signed with {@code Stripe-Signature: t=…,v1=…} over {@code t.body} open one ticket
 * each (a retried event does not open a second), other events are acknowledged, and a forged or replayed event is
 * refused with 401 and records nothing.
 */
class TestStripeSample {
    private static final String SECRET = "whsec_7f3e9c1a2b4d6e8f0a1b2c3d4e5f6a7b8c9d0e1f";

    /** Stripe's header, written from its docs: t=timestamp, v1=hex HMAC-SHA256(secret, "t.body"), and a v0 decoy. */
    private static String stripeSignature(String secret, long t, String body) {
        return "t=" + t + ",v1=" + Samples.hmacSha256Hex(secret, t + "." + body)
                + ",v0=6ffbb59b2300aae63f272406069a9788598b792a944a07aba816edb039989a39";
    }

    private static HttpResponse<String> deliver(TestHost host, Map<String, Object> listener, String body, String signature) {
        return Samples.post(host, listener, body,
                "Content-Type", "application/json; charset=utf-8",
                "User-Agent", "Stripe/1.0 (+https://stripe.com/docs/webhooks)",
                "Stripe-Signature", signature);
    }

    private static long now() {
        return Instant.now().getEpochSecond();
    }

    @Test
    void failedPaymentsOpenOneTicketEachAndOtherEventsAreAcknowledged() {
        try (TestHost host = Samples.host()) {
            Map<String, Object> listener = Samples.importWithListener(host, "stripe-payment-failed.json",
                    Map.of("stripe_signing_secret", SECRET));

            String invoice = Samples.fixture("stripe-invoice-payment-failed.json");
            HttpResponse<String> r = deliver(host, listener, invoice, stripeSignature(SECRET, now(), invoice));
            assertThat(r.statusCode()).as(() -> r.body() + Samples.requestLog(host, listener)).isEqualTo(200);
            assertThat(Samples.mediaType(r)).isEqualTo("application/json; charset=utf-8");
            List<Map<String, Object>> tickets = Samples.tickets(host);
            assertThat(tickets).hasSize(1);
            Map<String, Object> ticket = tickets.get(0);
            assertThat(Samples.map(r.body())).isEqualTo(Map.of("received", true, "ticket", ticket.get("mask")));
            assertThat(ticket)
                    .containsEntry("subject", "Payment failed: 49.00 USD for jenny.rosen@example.com (in_1QpF3xLkdIwHu7ixq0mJ8bRt)")
                    .containsEntry("requester", "jenny.rosen@example.com").containsEntry("priority", 80L);
            assertThat((String) ticket.get("body"))
                    .startsWith("Stripe reported invoice.payment_failed (evt_1QpF4nLkdIwHu7ixWZ3dK9Zc).")
                    .contains("Invoice: A1B2C3D4-0007, attempt 1")
                    .contains("Pay online: https://invoice.stripe.com/i/acct_1Nv0FGQ9RKHgCVdK/")
                    .contains("Stripe retries on 2026-11-26 07:00 UTC");

            HttpResponse<String> retried = deliver(host, listener, invoice, stripeSignature(SECRET, now(), invoice));
            assertThat(retried.statusCode()).isEqualTo(200);
            assertThat(Samples.map(retried.body())).containsEntry("duplicate", true).containsEntry("ticket", ticket.get("mask"));
            assertThat(Samples.tickets(host)).hasSize(1);

            String charge = Samples.fixture("stripe-charge-failed.json");
            HttpResponse<String> declined = deliver(host, listener, charge, stripeSignature(SECRET, now(), charge));
            assertThat(declined.statusCode()).as(declined.body()).isEqualTo(200);
            Map<String, Object> second = Samples.tickets(host).get(0);
            assertThat(second).containsEntry("requester", "luc.moreau@example.fr").containsEntry("subject",
                    "Payment failed: 125.50 EUR for luc.moreau@example.fr (ch_3QpF9aLkdIwHu7ix0tY6aQ2W)");
            assertThat((String) second.get("body")).contains("Reason: Your card was declined. (card_declined)");

            String succeeded = "{\"id\": \"evt_1\", \"object\": \"event\", \"type\": \"invoice.paid\", \"data\": {\"object\": {}}}";
            HttpResponse<String> other = deliver(host, listener, succeeded, stripeSignature(SECRET, now(), succeeded));
            assertThat(other.statusCode()).isEqualTo(200);
            assertThat(Samples.map(other.body())).isEqualTo(Map.of("received", true, "ignored", "invoice.paid"));
            assertThat(Samples.tickets(host)).hasSize(2);
        }
    }

    @Test
    void aForgedOrReplayedEventIs401AndRecordsNothing() {
        try (TestHost host = Samples.host()) {
            Map<String, Object> listener = Samples.importWithListener(host, "stripe-payment-failed.json",
                    Map.of("stripe_signing_secret", SECRET));
            String invoice = Samples.fixture("stripe-invoice-payment-failed.json");

            HttpResponse<String> forged = deliver(host, listener, invoice, stripeSignature("whsec_not_ours", now(), invoice));
            assertThat(forged.statusCode()).isEqualTo(401);
            assertThat(forged.body()).contains("Stripe-Signature does not match");

            long old = now() - 3600;
            assertThat(deliver(host, listener, invoice, stripeSignature(SECRET, old, invoice)).statusCode()).isEqualTo(401);
            String moved = stripeSignature(SECRET, old, invoice).replace("t=" + old, "t=" + now());
            assertThat(deliver(host, listener, invoice, moved).statusCode()).isEqualTo(401);
            assertThat(deliver(host, listener, invoice, "").statusCode()).isEqualTo(401);
            assertThat(Samples.tickets(host)).isEmpty();
        }
    }
}
