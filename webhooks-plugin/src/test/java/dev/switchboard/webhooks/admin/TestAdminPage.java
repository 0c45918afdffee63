package dev.switchboard.webhooks.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The admin page in a real headless Chromium against a real host: the seed guide's journey as an admin makes it,
 * with a screenshot of each page under target/screenshots/.
 */
class TestAdminPage {
    private static final HostJson JSON = new HostJson();
    private static final Duration WAIT = Duration.ofSeconds(20);
    /** A receiver on 127.0.0.1 allowed, and a failed delivery retried only after an hour (never during a test). */
    static final Map<String, String> LOCAL_RECEIVER_HOURLY_RETRY = Map.of("SWITCHBOARD_OUTBOUND_ALLOWLIST", "127.0.0.1",
            "SWITCHBOARD_WEBHOOKS_OUTBOUND_RETRY_SCHEDULE", "3600");
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
        try (Receiver receiver = new Receiver(); TestHost host = TestHost.start(LOCAL_RECEIVER_HOURLY_RETRY);
             Browser b = Browser.start()) {
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
                d.findElement(By.id("reload-deliveries")).click();
                return d.findElements(By.cssSelector("#deliveries tr[data-delivery] td")).stream()
                        .anyMatch(td -> td.getText().contains("500")) ? true : null;
            });
            b.until(d -> { // the last Reload may still redraw the table: a stale row is looked up again
                d.findElement(By.cssSelector("#deliveries tr[data-delivery] a")).click();
                return true;
            });
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
    void editASubscriptionFilterItsDeliveriesReplayARangeAndSeeTheChart() throws Exception {
        Map<String, String> env = Map.of("SWITCHBOARD_OUTBOUND_ALLOWLIST", "127.0.0.1",
                "SWITCHBOARD_WEBHOOKS_OUTBOUND_RETRY_SCHEDULE", "0");
        try (Receiver receiver = new Receiver(); TestHost host = TestHost.start(env); Browser b = Browser.start()) {
            HttpResponse<String> created = host.admin("POST", "/api/webhooks/subscriptions", "{\"name\": \"erp\", "
                    + "\"url\": \"" + receiver.url() + "\", \"events\": [\"ticket.created\"], "
                    + "\"auth\": {\"type\": \"basic\", \"username\": \"svc\", \"password\": \"hunter2-pass\"}}");
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            String stats = "/api/webhooks/subscriptions/" + ((Map<?, ?>) JSON.parse(created.body())).get("id") + "/stats";
            signIn(b, host);
            b.find(By.linkText("Subscriptions")).click();
            b.find(By.id("subscription-template"));
            b.screenshot("10-subscriptions-with-the-full-form");
            b.find(By.linkText("erp")).click();
            b.find(By.id("edit-subscription")).click();
            assertThat(b.find(By.id("subscription-auth-username")).getAttribute("value")).isEqualTo("svc");
            assertThat(b.find(By.id("subscription-auth-password")).getAttribute("value")).as("never the mask").isEmpty();
            b.find(By.id("subscription-header-name")).sendKeys("Host");
            b.find(By.id("subscription-header-value")).sendKeys("acme-42");
            b.find(By.id("subscription-template")).sendKeys(
                    "{\"subject\": \"{{ ticket.subject }}\", \"event\": \"{{ event.id }}\"}");
            b.find(By.id("save-subscription")).click();
            b.waitForText("custom_header.name may not override Host");
            assertThat(b.find(By.id("subscription-form-error")).getText()).startsWith("Custom header name:");
            assertThat(b.find(By.id("subscription-header-name")).getAttribute("aria-invalid")).isEqualTo("true");
            b.screenshot("11-subscription-edit-refused");

            WebElement header = b.find(By.id("subscription-header-name"));
            header.clear();
            header.sendKeys("X-Tenant");
            b.find(By.id("save-subscription")).click();
            b.waitForText("Saved.");
            assertThat(b.find(By.id("subscription-facts")).getText()).contains("X-Tenant: ********")
                    .contains("HTTP Basic as svc").contains("JSON from a template");
            b.screenshot("12-subscription-edited");
            assertThat(b.find(By.id("main")).getText()).doesNotContain("null");

            ticket(host, "Printer on fire");
            Receiver.Received first = receiver.await(1, WAIT).get(0);
            assertThat(first.header("x-tenant")).isEqualTo("acme-42");
            assertThat(first.header("authorization")).as("the stored password was kept").isEqualTo("Basic "
                    + Base64.getEncoder().encodeToString("svc:hunter2-pass".getBytes(StandardCharsets.UTF_8)));
            assertThat(JSON.parse(first.body())).isEqualTo(Map.of("subject", "Printer on fire", "event", "ticket.created"));

            receiver.answer(500, 500, 500, 500);
            ticket(host, "Scanner jammed");
            ticket(host, "Fax missing");
            receiver.await(5, WAIT);
            // The second goes dead on a later pass of the worker: this took more than WAIT on a busy machine.
            await("two dead letters").atMost(Duration.ofSeconds(60))
                    .until(() -> host.admin("GET", stats, null).body(), body -> body.contains("\"dead_letters\":2"));
            long threeHoursAgo = System.currentTimeMillis() - Duration.ofHours(3).toMillis();
            host.host().database().write(sql -> sql.update(
                    "UPDATE webhook_delivery SET created_at = ? WHERE status = 'succeeded'", threeHoursAgo));

            b.find(By.id("reload-deliveries")).click();
            WebElement dead = b.find(By.cssSelector("button[data-filter='dead']"));
            b.until(d -> dead.getText().equals("Dead letters (2)") ? true : null);
            dead.click();
            b.until(d -> rows(d).equals(List.of("dead", "dead")) ? true : null);
            new Select(b.find(By.id("delivery-period"))).selectByValue("1h");
            b.find(By.cssSelector("button[data-filter='all']")).click();
            b.until(d -> rows(d).equals(List.of("dead", "dead")) ? true : null);
            new Select(b.find(By.id("delivery-period"))).selectByValue("all");
            b.until(d -> rows(d).equals(List.of("dead", "dead", "succeeded")) ? true : null);
            new Select(b.find(By.id("delivery-period"))).selectByValue("custom");
            ((org.openqa.selenium.JavascriptExecutor) b.driver()).executeScript( // typed as the browser's local time
                    "const local = (ms) => new Date(ms - new Date(ms).getTimezoneOffset() * 60000).toISOString().slice(0, 19);"
                    + "document.getElementById('delivery-from').value = local(Date.now() - 4 * 3600e3);"
                    + "const to = document.getElementById('delivery-to'); to.value = local(Date.now() - 2 * 3600e3);"
                    + "to.dispatchEvent(new Event('change'));");
            b.until(d -> rows(d).equals(List.of("succeeded")) ? true : null);
            new Select(b.find(By.id("delivery-period"))).selectByValue("all");
            b.until(d -> rows(d).equals(List.of("dead", "dead", "succeeded")) ? true : null);
            scrollTo(b, "deliveries-heading");
            b.screenshot("13-deliveries-filtered");

            new Select(b.find(By.id("delivery-period"))).selectByValue("1h");
            b.find(By.cssSelector("button[data-filter='dead']")).click();
            b.find(By.id("replay-range")).click();
            b.waitForText("2 dead deliveries are due again");
            receiver.await(7, WAIT);
            b.until(d -> {
                d.findElement(By.id("reload-deliveries")).click();
                return d.findElement(By.id("delivery-chart-desc")).getAttribute("textContent")
                        .startsWith("3 succeeded, 0 pending and 0 dead deliveries; 4 failed attempts") ? true : null;
            });
            assertThat(b.find(By.cssSelector("button[data-filter='dead']")).getText()).isEqualTo("Dead letters (0)");
            WebElement chart = b.find(By.id("delivery-chart"));
            assertThat(chart.getAttribute("role")).isEqualTo("img");
            assertThat(chart.findElements(By.cssSelector("rect.bar-ok"))).hasSize(2);
            assertThat(chart.findElements(By.cssSelector("circle.failed"))).hasSize(1);
            assertThat(b.driver().findElement(By.id("delivery-chart-table")).getAttribute("textContent"))
                    .contains("Failed attempts");
            scrollTo(b, "chart-heading");
            b.screenshot("14-deliveries-replayed-chart");
        }
    }

    static void scrollTo(Browser b, String id) {
        ((org.openqa.selenium.JavascriptExecutor) b.driver()).executeScript(
                "document.getElementById(arguments[0]).scrollIntoView()", id);
    }

    private static List<String> rows(WebDriver d) {
        return d.findElements(By.cssSelector("#deliveries tr[data-delivery]")).stream()
                .map(r -> r.getAttribute("data-status")).sorted().toList();
    }

    static void ticket(TestHost host, String subject) {
        assertThat(host.admin("POST", "/api/tickets", "{\"subject\": \"" + subject
                + "\", \"requester\": \"a@example.com\"}").statusCode()).isEqualTo(201);
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

    @Test
    void aHiddenPromptIsTypedButNeverShownInThePageTheApiTheSimulatorTheExportOrTheRequestLog() throws IOException {
        String secret = "s3cret-typed-in-the-page";
        try (TestHost host = TestHost.start(); Browser b = Browser.start()) {
            signIn(b, host);
            b.find(By.linkText("Packages")).click();
            WebElement text = b.find(By.id("package-json"));
            ((org.openqa.selenium.JavascriptExecutor) b.driver()).executeScript(
                    "arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('input'));", text,
                    """
                    {"package": {"name": "Signed", "revision": 1,
                       "requires": {"cerb_version": "8.3.0", "plugins": ["cerb.webhooks"]},
                       "configure": {"prompts": [{"type": "text", "key": "github_secret", "label": "Secret",
                         "params": {}, "hidden": true}], "placeholders": []}},
                     "bots": [{"uid": "bot_s", "name": "Signed Bot", "owner": {"context": "cerberusweb.contexts.app",
                       "id": 0}, "is_disabled": false, "params": {"config": {"secret": "{{{github_secret}}}"}},
                       "behaviors": [{"uid": "b_s", "title": "Uses the secret", "is_disabled": false,
                         "is_private": false, "priority": 50,
                         "event": {"key": "event.webhook.received", "label": "Webhook received"},
                         "nodes": [{"type": "action", "title": "Use it", "params": {"actions": [
                           {"action": "_set_custom_var", "var": "copy", "value": "{{ va_config.secret }}"},
                           {"action": "set_http_body", "value": "length {{ va_config.secret|length }}"}]}}]}]}],
                     "records": [{"uid": "l_s", "_context": "webhook_listener", "name": "Signed hook",
                       "extension_id": "cerb.webhooks.listener.engine.va",
                       "extension_params": {"behavior_id": "{{{uid.b_s}}}"}}]}""");
            WebElement typed = b.find(By.id("prompt-github_secret"));
            assertThat(typed.getAttribute("type")).isEqualTo("password");
            typed.sendKeys(secret);
            b.find(By.id("import")).click();
            b.waitForText("Imported.");
            b.screenshot("05-hidden-prompt");
            assertThat(b.driver().getPageSource()).doesNotContain(secret);

            Map<?, ?> bot = (Map<?, ?>) ((List<?>) ((Map<?, ?>) JSON.parse(host.admin("GET", "/api/bots", null).body()))
                    .get("bots")).get(0);
            assertThat(host.admin("GET", "/api/bots", null).body()).doesNotContain(secret);
            assertThat(host.admin("GET", "/api/bots/" + bot.get("id"), null).body()).doesNotContain(secret)
                    .contains("\"secret\":\"********\"");
            HttpResponse<String> export = host.admin("GET", "/api/bots/" + bot.get("id") + "/export", null);
            assertThat(export.statusCode()).isEqualTo(200);
            assertThat(export.body()).doesNotContain(secret).contains("\"hidden\":true");

            b.find(By.linkText("Uses the secret")).click();
            b.waitForText("Decision tree");
            b.find(By.id("simulate")).click();
            b.waitForText("Final dictionary");
            assertThat(b.find(By.id("main")).getText()).contains("\"secret\": \"********\"").doesNotContain(secret);
            assertThat(b.driver().getPageSource()).doesNotContain(secret);
            scrollTo(b, "trace");
            b.screenshot("05b-hidden-prompt-simulated");

            Map<?, ?> listener = (Map<?, ?>) ((List<?>) ((Map<?, ?>) JSON.parse(host.admin("GET",
                    "/api/webhooks/listeners", null).body())).get("listeners")).get(0);
            HttpResponse<String> call = host.send(HttpRequest.newBuilder(URI.create(String.valueOf(listener.get("url"))))
                    .POST(HttpRequest.BodyPublishers.ofString("hello")));
            assertThat(call.body()).as("the behavior uses the real value").isEqualTo("length " + secret.length());
            b.find(By.linkText("Webhooks")).click();
            b.find(By.linkText("Signed hook")).click();
            // the click is inside the wait: a list still redrawing makes the link stale, and the wait (which
            // ignores stale elements) tries again; Reload only while no row is shown, as it redraws the list
            b.until(d -> {
                List<WebElement> links = d.findElements(By.cssSelector("#requests tr[data-request] a"));
                if (links.isEmpty()) {
                    d.findElement(By.xpath("//button[text()='Reload']")).click(); // the call may postdate the list
                    return false;
                }
                links.get(0).click();
                return true;
            });
            b.until(d -> d.findElement(By.id("request-trace")).getText().contains("_set_custom_var"));
            assertThat(b.driver().getPageSource()).doesNotContain(secret);
            b.screenshot("05c-hidden-prompt-request-log");
            String log = host.admin("GET", "/api/webhooks/listeners/" + listener.get("id") + "/requests", null).body();
            assertThat(log).doesNotContain(secret);
            Object rid = ((Map<?, ?>) ((List<?>) ((Map<?, ?>) JSON.parse(log)).get("requests")).get(0)).get("id");
            assertThat(host.admin("GET", "/api/webhooks/listeners/" + listener.get("id") + "/requests/" + rid, null)
                    .body()).doesNotContain(secret);
        }
    }
}
