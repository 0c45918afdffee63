package dev.switchboard.samples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.host.json.HostJson;
import dev.switchboard.testkit.Browser;
import dev.switchboard.testkit.Receiver;
import dev.switchboard.testkit.TestHost;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.Alert;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * The admin-page traps of issue 18 (items 4, 6, 8, 9, 10) as a new admin meets them, in a real headless Chromium
 * against a real host, with screenshots under target/screenshots/.
 */
class TestAdminTraps {
    /** Deliveries to a receiver on 127.0.0.1, retried after an hour (so a test sees one failure and no retry). */
    private static final Map<String, String> LOCAL_RECEIVER_HOURLY_RETRY = Map.of(
            "SWITCHBOARD_OUTBOUND_ALLOWLIST", "127.0.0.1", "SWITCHBOARD_WEBHOOKS_OUTBOUND_RETRY_SCHEDULE", "3600");

    private static final HostJson JSON = new HostJson();

    @Test
    void aListenerIsRenamedAndReboundItsLogSaysWhatEachReplayWasAndAReplayForRealIsAskedFirst() throws IOException {
        try (TestHost host = TestHost.start(); Browser b = Browser.start()) {
            String seed = Files.readString(Samples.PACKAGES.resolve("webhook-bot.json"));
            long behavior = firstBehavior(host.admin("POST", "/api/packages/import", seed));
            long otherBehavior = firstBehavior(host.admin("POST", "/api/packages/import?on_duplicate=import_again",
                    seed)); // a second copy on purpose, to rebind to
            HttpResponse<String> created = host.admin("POST", "/api/webhooks/listeners",
                    "{\"name\": \"Guide echo\", \"behavior_id\": " + behavior + "}");
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            Map<?, ?> listener = (Map<?, ?>) JSON.parse(created.body());
            long id = ((Number) listener.get("id")).longValue();
            String sent = "{\"a\":1,\"b\":[2]}";
            HttpResponse<String> call = host.send(HttpRequest.newBuilder(URI.create(listener.get("url") + "?x=1"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(sent)));
            assertThat(call.statusCode()).isEqualTo(200);

            b.signIn(host.url(), TestHost.ADMIN_TOKEN);
            b.open(host.url() + "/admin#/webhooks/" + id);
            WebElement name = b.find(By.id("listener-name"));
            name.clear();
            name.sendKeys("Renamed echo");
            new Select(b.find(By.id("listener-behavior"))).selectByValue(Long.toString(otherBehavior));
            b.find(By.id("save-listener")).click();
            b.waitForText("The next request runs the new behavior; the URL stays the same.");
            assertThat(b.find(By.tagName("h2")).getText()).isEqualTo("Renamed echo");
            Map<?, ?> stored = (Map<?, ?>) JSON.parse(host.admin("GET", "/api/webhooks/listeners/" + id, null).body());
            assertThat(stored.get("name")).isEqualTo("Renamed echo");
            assertThat(((Number) stored.get("behavior_id")).longValue()).isEqualTo(otherBehavior);
            assertThat(stored.get("url")).as("rebinding keeps the URL").isEqualTo(listener.get("url"));

            WebElement row = b.find(By.cssSelector("#requests tr[data-request]"));
            assertThat(b.find(By.cssSelector("#requests thead")).getAttribute("textContent")).contains("Client IP");
            assertThat(row.findElement(By.cssSelector("td.client-ip")).getText()).isEqualTo("127.0.0.1");
            assertThat(row.findElement(By.tagName("a")).getText()).as("milliseconds").containsPattern("\\d\\d[.,]\\d{3}");
            b.screenshot("20-listener-renamed-and-rebound");

            row.findElement(By.tagName("a")).click();
            assertThat(b.find(By.cssSelector("section pre.body")).getText()).as("the bytes sent, not re-indented")
                    .isEqualTo(sent);
            b.find(By.id("replay-live")).click();
            Alert ask = b.until(ExpectedConditions.alertIsPresent());
            assertThat(ask.getText()).startsWith("Replay for real?");
            ask.dismiss();
            assertThat(requests(host, id)).as("dismissed: nothing ran").hasSize(1);
            b.find(By.id("replay-live")).click();
            b.until(ExpectedConditions.alertIsPresent()).accept();
            b.waitForText("Replayed with the current behavior: status 200.");
            b.screenshot("21-replayed-for-real-after-asking");
            b.find(By.id("replay-simulate")).click();
            b.waitForText("Simulated with the current behavior: status 200.");
            assertThat(requests(host, id)).hasSize(3);

            b.find(By.linkText("← Request log")).click();
            b.until(d -> d.findElements(By.cssSelector("#requests tr[data-request]")).size() == 3 ? true : null);
            List<String> badges = b.driver().findElements(By.cssSelector("#requests tr[data-request] .badge")).stream()
                    .map(WebElement::getText).filter(t -> t.contains("replay")).toList();
            assertThat(badges).containsExactly("simulated replay", "real replay");
            b.scrollTo("request-log");
            b.screenshot("22-replays-say-simulated-or-real");
        }
    }

    @Test
    void invalidJsonIsNamedTheErrorGoesWithTheNextFileAndImportingTwiceIsAskedFirst(@TempDir Path dir)
            throws IOException {
        try (TestHost host = TestHost.start(); Browser b = Browser.start()) {
            String seed = Files.readString(Samples.PACKAGES.resolve("webhook-bot.json"));
            firstBehavior(host.admin("POST", "/api/packages/import", seed));
            b.signIn(host.url(), TestHost.ADMIN_TOKEN);
            b.find(By.linkText("Packages")).click();
            Path broken = Files.writeString(dir.resolve("broken.json"), "{\"package\": {\n  \"name\": \"x\",\n}\n");
            b.find(By.id("package-file")).sendKeys(broken.toString());
            b.until(d -> d.findElement(By.id("package-json")).getAttribute("value").contains("\"x\"") ? true : null);
            b.find(By.id("import")).click();
            b.waitForText("This is not valid JSON at line 3, column 1");
            assertThat(b.find(By.id("import-result")).getText()).doesNotContain("Jackson").doesNotContain("Unexpected");
            b.screenshot("23-package-invalid-json");

            Path good = Files.writeString(dir.resolve("webhook-bot.json"), seed);
            b.find(By.id("package-file")).sendKeys(good.toString());
            b.until(d -> d.findElement(By.id("import-result")).getText().isEmpty() ? true : null);
            b.find(By.id("import")).click();
            Alert ask = b.until(ExpectedConditions.alertIsPresent());
            assertThat(ask.getText()).startsWith("This package was imported before: \"Webhook Bot\" (#1) already exists.");
            ask.dismiss();
            b.waitForText("Not imported: nothing was changed.");
            assertThat(bots(host)).hasSize(1);
            b.screenshot("24-package-import-again-declined");
            b.find(By.id("import")).click();
            b.until(ExpectedConditions.alertIsPresent()).accept();
            b.waitForText("Imported.");
            assertThat(bots(host)).hasSize(2);
            b.screenshot("25-package-imported-again-after-asking");
        }
    }

    @Test
    void disablingAPluginWhoseActionsLiveBehaviorsUseAsksFirstNamingThem() throws IOException {
        try (TestHost host = TestHost.start(); Browser b = Browser.start()) {
            long behavior = firstBehavior(host.admin("POST", "/api/packages/import", Files.readString(Samples.PACKAGES.resolve("webhook-bot.json"))));
            Map<?, ?> users = (Map<?, ?>) JSON.parse(host.admin("GET", "/api/plugins/webhooks/users", null).body());
            assertThat(((Map<?, ?>) ((List<?>) users.get("behaviors")).get(0)).get("id")).isEqualTo(behavior);
            assertThat(host.admin("GET", "/api/plugins/no-such-plugin/users", null).statusCode()).isEqualTo(404);

            b.signIn(host.url(), TestHost.ADMIN_TOKEN);
            WebElement disable = b.find(By.cssSelector("tr[data-plugin='webhooks'] button"));
            assertThat(disable.getText()).isEqualTo("Disable");
            disable.click();
            Alert ask = b.until(ExpectedConditions.alertIsPresent());
            assertThat(ask.getText()).startsWith("Disable webhooks? This behavior uses its actions")
                    .contains("• Respond to webhook (#" + behavior + "): set_http_");
            ask.dismiss();
            assertThat(b.find(By.cssSelector("tr[data-plugin='webhooks']")).getText()).contains("started");
            b.find(By.cssSelector("tr[data-plugin='webhooks'] button")).click();
            b.until(ExpectedConditions.alertIsPresent()).accept();
            b.until(d -> d.findElement(By.cssSelector("tr[data-plugin='webhooks']")).getText().contains("disabled")
                    ? true : null);
            b.waitForText("These behaviors use its actions");
            b.screenshot("26-plugin-disabled-after-asking");
        }
    }

    @Test
    void aPrivateReceiverIsWarnedSendNowUpdatesTheRowOnceAndAnEmptyRangeOffersNoRedelivery() throws Exception {
        try (Receiver receiver = new Receiver(); TestHost host = TestHost.start(LOCAL_RECEIVER_HOURLY_RETRY);
             Browser b = Browser.start()) {
            b.signIn(host.url(), TestHost.ADMIN_TOKEN);
            b.find(By.linkText("Subscriptions")).click();
            b.find(By.id("subscription-name")).sendKeys("crm-sync");
            WebElement url = b.find(By.id("subscription-url"));
            url.sendKeys("https://hooks.example.com/in");
            assertThat(b.driver().findElement(By.id("subscription-url-private")).getText()).isEmpty();
            url.clear();
            url.sendKeys(receiver.url());
            assertThat(b.find(By.cssSelector("#subscription-url-private .notice")).getText())
                    .startsWith("127.0.0.1 is a private or local address.").contains("SWITCHBOARD_OUTBOUND_ALLOWLIST");
            b.screenshot("27-subscription-private-receiver-warned");
            b.find(By.id("create-subscription")).click();
            b.find(By.id("new-secret"));

            receiver.answer(500);
            ticket(host, "Printer on fire");
            receiver.await(1, Duration.ofSeconds(20));
            WebElement sendNow = b.until(d -> {
                d.findElement(By.id("reload-deliveries")).click();
                return d.findElements(By.cssSelector("#deliveries tr[data-status='pending'] button.redeliver")).stream()
                        .filter(x -> x.getText().equals("Send now")).findFirst().orElse(null);
            });
            b.find(By.cssSelector("button[data-filter='dead']")).click();
            b.waitForText("No deliveries with state dead.");
            assertThat(b.driver().findElement(By.id("replay-range")).isDisplayed()).as("nothing to redeliver").isFalse();
            b.find(By.cssSelector("button[data-filter='all']")).click();
            sendNow = b.until(d -> d.findElements(By.cssSelector("#deliveries tr[data-status='pending'] button.redeliver"))
                    .stream().findFirst().orElse(null));
            receiver.answer(200);
            sendNow.click();
            b.until(d -> d.findElements(By.cssSelector("#deliveries tr[data-status='succeeded']")).size() == 1 ? true : null);
            receiver.await(2, Duration.ofSeconds(20));
            assertThat(receiver.received()).as("sent once").hasSize(2);
            b.screenshot("28-send-now-row-updated");
        }
    }

    @Test
    void theSamplePackagesPluginsBundleAreImportedWithAClick() throws IOException {
        try (TestHost host = TestHost.start(); Browser b = Browser.start()) {
            TestHost.copyJars(Samples.jarDir(), host.dir().resolve("plugins"));
            Map<?, ?> library = (Map<?, ?>) JSON.parse(host.admin("GET", "/api/packages/library", null).body());
            assertThat(((List<?>) library.get("packages")).stream().map(p -> String.valueOf(((Map<?, ?>) p).get("file"))))
                    .contains("webhook-bot.json", "github-issues.json");
            assertThat(host.admin("GET", "/api/packages/library/sample-behaviors/webhook-bot.json", null).body())
                    .as("as the plugin ships it").isEqualTo(Files.readString(Path.of("..", "sample-behaviors", "src",
                            "main", "resources", "packages", "webhook-bot.json")));
            assertThat(host.admin("GET", "/api/packages/library/sample-behaviors/nope.json", null).statusCode())
                    .isEqualTo(404);

            b.signIn(host.url(), TestHost.ADMIN_TOKEN);
            b.find(By.linkText("Packages")).click();
            WebElement row = b.find(By.cssSelector("#package-library tr[data-package='webhook-bot.json']"));
            assertThat(row.getText()).contains("Webhook Bot").contains("sample-behaviors");
            row.findElement(By.tagName("button")).click();
            b.waitForText("Imported.");
            assertThat(b.find(By.id("import-result")).getText()).contains("Webhook Bot");
            b.screenshot("29-sample-package-imported-with-a-click");

            b.find(By.cssSelector("#package-library tr[data-package='github-issues.json'] button")).click();
            b.waitForText("Fill in what \"GitHub Issues\" asks for above, then Import.");
            assertThat(b.find(By.id("prompt-github_secret")).getAttribute("type")).isEqualTo("password");
        }
    }

    @Test
    void editingASubscriptionsUrlKeepsItSignedWithANewSecretAndTheQueuedDeliveryGoesOutSigned() throws Exception {
        String key = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
        try (Receiver before = new Receiver(); Receiver after = new Receiver();
             TestHost host = TestHost.start(LOCAL_RECEIVER_HOURLY_RETRY); Browser b = Browser.start()) {
            HttpResponse<String> created = host.admin("POST", "/api/webhooks/subscriptions", "{\"name\": \"erp\", "
                    + "\"url\": \"" + before.url() + "\", \"events\": [\"ticket.created\"], \"secret\": \"" + key + "\"}");
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            before.answer(500);
            ticket(host, "Queued while signed");
            before.await(1, Duration.ofSeconds(20));

            b.signIn(host.url(), TestHost.ADMIN_TOKEN);
            b.find(By.linkText("Subscriptions")).click();
            b.find(By.linkText("erp")).click();
            b.find(By.id("edit-subscription")).click();
            Select signing = new Select(b.find(By.id("subscription-signing")));
            assertThat(signing.getFirstSelectedOption().getText()).isEqualTo("Keep the current secret");
            WebElement url = b.find(By.id("subscription-url"));
            url.clear();
            url.sendKeys(after.url());
            assertThat(signing.getFirstSelectedOption().getText())
                    .isEqualTo("Keep signing, with a new secret (shown once)");
            assertThat(b.find(By.cssSelector("#subscription-url-moved .notice")).getText()).contains("Deliveries stay signed")
                    .doesNotContain("signing secret, password");
            b.screenshot("30-subscription-url-edited-stays-signed");
            b.find(By.id("save-subscription")).click();
            b.waitForText("deliveries are now signed with a new secret");
            String renewed = b.find(By.id("new-secret")).getText();
            assertThat(renewed).startsWith("whsec_").isNotEqualTo(key);
            assertThat(b.find(By.id("subscription-facts")).getText()).contains("yes (Standard Webhooks)");
            b.screenshot("31-subscription-saved-new-secret-shown-once");

            b.until(d -> { // a Reload may still redraw the table: a stale button is looked up again
                d.findElement(By.id("reload-deliveries")).click();
                WebElement sendNow = d.findElements(By.cssSelector("#deliveries tr[data-status='pending'] "
                        + "button.redeliver")).stream().findFirst().orElse(null);
                if (sendNow == null) {
                    return null;
                }
                sendNow.click();
                return true;
            });
            Receiver.Received queued = after.await(1, Duration.ofSeconds(20)).get(0);
            assertThat(queued.header("webhook-signature")).as("never sent unsigned").isNotNull();
            assertThat(Receiver.verifies(queued, renewed)).as("re-signed with the new secret").isTrue();
            b.find(By.id("send-test")).click();
            b.waitForText("Test delivered: the receiver answered 200");
            assertThat(Receiver.verifies(after.await(2, Duration.ofSeconds(20)).get(1), renewed)).isTrue();
            b.until(d -> d.findElements(By.cssSelector("#deliveries tr[data-delivery]")).stream()
                    .anyMatch(r -> r.getText().contains("webhook.test") && r.findElements(By.cssSelector(".badge"))
                            .stream().anyMatch(x -> x.getText().equals("test"))) ? true : null);
            b.scrollTo("deliveries-heading");
            b.screenshot("32-test-event-in-the-history");
            assertThat(before.received()).hasSize(1);
        }
    }

    private static List<?> bots(TestHost host) {
        return (List<?>) ((Map<?, ?>) JSON.parse(host.admin("GET", "/api/bots", null).body())).get("bots");
    }

    private static long firstBehavior(HttpResponse<String> imported) {
        assertThat(imported.statusCode()).as(imported.body()).isEqualTo(201);
        Map<?, ?> r = (Map<?, ?>) JSON.parse(imported.body());
        return ((Number) ((Map<?, ?>) ((List<?>) r.get("behaviors")).get(0)).get("id")).longValue();
    }

    private static List<?> requests(TestHost host, long listener) {
        return (List<?>) ((Map<?, ?>) JSON.parse(host.admin("GET", "/api/webhooks/listeners/" + listener
                + "/requests", null).body())).get("requests");
    }

    private static void ticket(TestHost host, String subject) {
        assertThat(host.admin("POST", "/api/tickets", "{\"subject\": \"" + subject
                + "\", \"requester\": \"a@example.com\"}").statusCode()).isEqualTo(201);
    }
}
