package dev.switchboard.host.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.host.testing.Browser;
import dev.switchboard.host.testing.Receiver;
import dev.switchboard.host.testing.TestHost;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The admin page in a real headless Chromium against a real host: the seed guide's journey as an admin makes it,
 * with a screenshot of each page under target/screenshots/.
 */
class TestAdminPage {
    static final Path SEED = Path.of("src", "test", "resources", "webhooks", "webhook-bot.json");

    /** Signs in through the form. */
    static void signIn(Browser b, TestHost host) {
        b.open(host.url() + "/admin");
        b.find(By.id("token")).sendKeys("not-the-token");
        b.find(By.id("signin")).click();
        b.waitForText("that token is not valid");
        WebElement token = b.find(By.id("token"));
        token.clear();
        token.sendKeys(TestHost.ADMIN_TOKEN);
        b.find(By.id("signin")).click();
        b.find(By.id("signout"));
    }

    /** Pastes a package into the import form and imports it. */
    static void importPackage(Browser b, String json) {
        b.find(By.linkText("Packages")).click();
        WebElement text = b.find(By.id("package-json"));
        ((org.openqa.selenium.JavascriptExecutor) b.driver()).executeScript(
                "arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('input'));", text, json);
        b.find(By.id("import")).click();
        b.waitForText("Imported.");
    }

    @Test
    void signInSeeThePluginImportTheSeedPackageAndSimulateItsBehavior() throws IOException {
        try (TestHost host = TestHost.start(); Browser b = Browser.start()) {
            signIn(b, host);
            b.waitForText("webhooks");
            WebElement row = b.find(By.cssSelector("tr[data-plugin='webhooks']"));
            assertThat(row.getText()).contains("started");
            b.screenshot("01-plugins");

            importPackage(b, Files.readString(SEED));
            assertThat(b.find(By.id("import-result")).getText()).contains("Webhook Bot").contains("Respond to webhook");
            b.screenshot("02-package-imported");

            b.find(By.linkText("Respond to webhook")).click();
            b.waitForText("Decision tree");
            assertThat(b.find(By.cssSelector(".tree")).getText()).contains("Send response").contains("set_http_body");
            b.find(By.id("simulate")).click();
            b.find(By.id("trace"));
            assertThat(b.find(By.id("trace")).getText()).contains("set_http_status");
            b.screenshot("03-behavior-simulated");

            createListenerCallItAndReadItsLog(b, host);

            b.find(By.id("signout")).click();
            b.waitForText("Signed out.");
            b.open(host.url() + "/admin#/plugins");
            b.find(By.id("token"));
        }
    }

    /** The guide's next step: a listener for the behavior, its URL called from outside, the call in its log. */
    private static void createListenerCallItAndReadItsLog(Browser b, TestHost host) {
        b.find(By.linkText("Webhooks")).click();
        b.find(By.id("listener-name")).sendKeys("Guide echo");
        assertThat(b.find(By.id("listener-behavior")).getText()).contains("Respond to webhook");
        b.find(By.id("create-listener")).click();
        String url = b.find(By.id("listener-url")).getText();
        assertThat(url).startsWith("http://localhost:" + host.host().port() + "/webhooks/");
        b.find(By.id("request-log"));
        b.screenshot("05-listener-created");

        HttpResponse<String> call = host.send(HttpRequest.newBuilder(URI.create(url + "?name=Joe+Customer&age=37"))
                .header("X-CustomHeader", "true").POST(HttpRequest.BodyPublishers.ofString("hello")));
        assertThat(call.statusCode()).isEqualTo(200);
        assertThat(call.headers().firstValue("X-Bot")).contains("Webhook Bot");

        b.find(By.xpath("//button[text()='Reload']")).click();
        b.find(By.cssSelector("#requests tr[data-request] a")).click();
        assertThat(b.find(By.id("request-headers")).getText()).contains("X-CustomHeader: true");
        assertThat(b.find(By.id("request-trace")).getText()).contains("set_http_status");
        b.find(By.id("replay-simulate")).click();
        b.waitForText("Simulated with the current behavior: status 200.");
        b.screenshot("06-request-replayed");
    }

    @Test
    void subscribeTestItSeeAFailedDeliveryAndRedeliverIt() throws Exception {
        Map<String, String> env = Map.of("SWITCHBOARD_OUTBOUND_ALLOWLIST", "127.0.0.1",
                "SWITCHBOARD_WEBHOOKS_OUTBOUND_RETRY_SCHEDULE", "3600");
        try (Receiver receiver = new Receiver(); TestHost host = TestHost.start(env); Browser b = Browser.start()) {
            signIn(b, host);
            b.find(By.linkText("Subscriptions")).click();
            b.find(By.id("subscription-name")).sendKeys("crm-sync");
            b.find(By.id("subscription-url")).sendKeys(receiver.url());
            b.find(By.id("create-subscription")).click();
            String secret = b.find(By.id("new-secret")).getText();
            assertThat(secret).startsWith("whsec_");
            b.screenshot("07-subscription-created");

            b.find(By.id("send-test")).click();
            b.waitForText("Test delivered: the receiver answered 200");
            assertThat(Receiver.verifies(receiver.received().get(0), secret)).as("signed with the secret shown").isTrue();

            receiver.answer(500);
            assertThat(host.admin("POST", "/api/tickets", "{\"subject\": \"Printer on fire\", \"requester\": "
                    + "\"a@example.com\"}").statusCode()).isEqualTo(201);
            receiver.await(2, Duration.ofSeconds(20));
            b.until(d -> {
                d.navigate().refresh();
                return d.findElements(By.cssSelector("#deliveries tr[data-delivery] td")).stream()
                        .anyMatch(td -> td.getText().contains("500")) ? true : null;
            });
            b.find(By.cssSelector("#deliveries tr[data-delivery] a")).click();
            b.waitForText("Attempts (1)");
            assertThat(b.find(By.cssSelector(".attempt")).getText()).contains("Response 500").contains("answered 500");
            b.screenshot("08-delivery-failed");

            b.find(By.id("redeliver")).click();
            receiver.await(3, Duration.ofSeconds(20));
            b.until(d -> {
                d.navigate().refresh();
                return d.findElement(By.tagName("body")).getText().contains("Attempts (2)") ? true : null;
            });
            assertThat(b.find(By.cssSelector("h2 + .badge, .badge.ok")).getText()).isEqualTo("succeeded");
            b.screenshot("09-delivery-redelivered");
        }
    }

    @Test
    void aBadPackageShowsCerbsMessageAndItsJsonPath() {
        try (TestHost host = TestHost.start(); Browser b = Browser.start()) {
            signIn(b, host);
            b.find(By.linkText("Packages")).click();
            WebElement text = b.find(By.id("package-json"));
            text.sendKeys("{\"package\": {\"requires\": {\"plugins\": [\"acme.missing\"]}}, \"bots\": []}");
            b.find(By.id("import")).click();
            b.waitForText("This package requires the acme.missing plugin to be installed and enabled.");
            assertThat(b.find(By.cssSelector("#import-result .notice.error")).getText())
                    .contains("package.requires.plugins[0]");
            b.screenshot("04-package-error");
        }
    }
}
