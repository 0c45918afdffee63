package dev.switchboard.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.host.cli.Cli;
import dev.switchboard.testkit.TestHost;
import java.io.IOException;
import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The Twilio sample (twilio-sms.json) imported with the command line on a host published behind a proxy
 * ({@code base_url} https://helpdesk.example.com), driven as Twilio drives it: an incoming-SMS form signed over the
 * public URL plus the sorted parameters, answered with TwiML, the text becoming a ticket; a forged or tampered
 * request refused with 401 and nothing created.
 */
class TestTwilioSmsSample {
    private static final String AUTH_TOKEN = "12345678901234567890123456789012";
    private static final String PUBLIC = "https://helpdesk.example.com";

    /** Twilio's scheme, written from its docs: base64(HMAC-SHA1(token, url + each sorted key + its value)). */
    private static String twilioSignature(String token, String url, String form) {
        Map<String, String> sorted = new TreeMap<>();
        for (String pair : form.split("&")) {
            int eq = pair.indexOf('=');
            sorted.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        StringBuilder text = new StringBuilder(url);
        sorted.forEach((k, v) -> text.append(k).append(v));
        return Base64.getEncoder().encodeToString(Samples.hmac("HmacSHA1", token, text.toString()));
    }

    private static HttpResponse<String> sms(TestHost host, Map<String, Object> listener, String form, String signature) {
        return Samples.post(host, listener, form,
                "Content-Type", "application/x-www-form-urlencoded; charset=UTF-8",
                "User-Agent", "TwilioProxy/1.1",
                "I-Twilio-Idempotency-Token", "0c1d2e3f-1111-2222-3333-444455556666",
                "X-Twilio-Signature", signature);
    }

    /** Imports the shipped package with {@code switchboard packages import FILE --prompt …}; returns its listener. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> importWithTheCli(TestHost host) throws IOException, InterruptedException {
        Path config = host.cliConfig();
        Files.writeString(config, Files.readString(config) + "base_url=" + PUBLIC + "\n");
        int exit = Cli.commandLine().execute("-c", config.toString(), "packages", "import",
                Samples.PACKAGES.resolve("twilio-sms.json").toString(), "--prompt", "twilio_auth_token=" + AUTH_TOKEN);
        assertThat(exit).isZero();
        List<Map<String, Object>> listeners = (List<Map<String, Object>>) Samples.map(
                host.admin("GET", "/api/webhooks/listeners", null).body()).get("listeners");
        Map<String, Object> listener = listeners.get(0);
        // the server reads listeners the CLI wrote within a second
        await("the server serves the listener the CLI wrote").atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(100)).until(() -> Samples.post(host, listener, "").statusCode() != 404);
        return listener;
    }

    @Test
    void aSignedSmsBecomesATicketAndIsAnsweredWithTwiml() throws Exception {
        try (TestHost host = Samples.host(Map.of("SWITCHBOARD_BASE_URL", PUBLIC))) {
            Map<String, Object> listener = importWithTheCli(host);
            String url = (String) listener.get("url");
            assertThat(url).startsWith(PUBLIC + "/webhooks/").matches(".*/[0-9a-z]{40}");
            String form = Samples.fixture("twilio-sms.txt");

            HttpResponse<String> r = sms(host, listener, form, twilioSignature(AUTH_TOKEN, url, form));
            assertThat(r.statusCode()).as(() -> r.body() + Samples.requestLog(host, listener)).isEqualTo(200);
            assertThat(Samples.mediaType(r)).isEqualTo("text/xml; charset=utf-8");
            Map<String, Object> ticket = Samples.tickets(host).get(0);
            assertThat(r.body()).isEqualTo("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Response><Message>Thanks, we have"
                    + " your message as ticket " + ticket.get("mask") + ". We will reply soon.</Message></Response>");
            assertThat(ticket).containsEntry("subject", "SMS from +14155550123: My order #A-10442 never arrived :( Can you check?")
                    .containsEntry("requester", "14155550123@sms.twilio.invalid").containsEntry("status", "open");
            assertThat((String) ticket.get("body")).startsWith("My order #A-10442 never arrived :( Can you check?\n\n")
                    .contains("From +14155550123 (SAN FRANCISCO, CA, US) to +14155550100")
                    .endsWith("Twilio MessageSid SM1f0e8ae6ade43cb3c0ce4525424e404f");
        }
    }

    @Test
    void aForgedOrTamperedSmsIs401AndCreatesNothing() throws Exception {
        try (TestHost host = Samples.host(Map.of("SWITCHBOARD_BASE_URL", PUBLIC))) {
            Map<String, Object> listener = importWithTheCli(host);
            String url = (String) listener.get("url");
            String form = Samples.fixture("twilio-sms.txt");

            HttpResponse<String> forged = sms(host, listener, form, twilioSignature("another account's token", url, form));
            assertThat(forged.statusCode()).isEqualTo(401);
            assertThat(forged.body()).isEqualTo("X-Twilio-Signature does not match this URL and form");

            String tampered = form.replace("never+arrived", "arrived+twice");
            assertThat(sms(host, listener, tampered, twilioSignature(AUTH_TOKEN, url, form)).statusCode()).isEqualTo(401);
            HttpResponse<String> otherUrl = sms(host, listener, form,
                    twilioSignature(AUTH_TOKEN, "https://attacker.example/webhooks/x", form));
            assertThat(otherUrl.statusCode()).isEqualTo(401);
            assertThat(Samples.tickets(host)).isEmpty();
        }
    }
}
