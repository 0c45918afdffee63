package dev.switchboard.host.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.host.json.HostJson;
import dev.switchboard.testkit.Browser;
import dev.switchboard.testkit.TestHost;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The behavior editor's placeholder picker offers what actions above the field set (their declared outputs, as
 * {@code GET /api/actions?event=} lists them), in headless Chromium: {@code create_ticket} with
 * {@code object_placeholder = new_ticket} makes {@code new_ticket} a choice in the fields of the actions after it and
 * of the nodes below it, never in its own fields or those above it.
 */
class TestPlaceholderPickerOutputs {
    private static final HostJson JSON = new HostJson();

    @Test
    void anActionsOutputIsOfferedBelowItAndNotAboveIt() {
        try (TestHost host = TestHost.start(); Browser b = Browser.start()) {
            long bot = idIn(host.admin("POST", "/api/bots", "{\"name\": \"Picker bot\"}"));
            long behavior = idIn(host.admin("POST", "/api/behaviors",
                    "{\"bot_id\": " + bot + ", \"title\": \"Outputs\", \"event\": \"event.macro.bot\"}"));
            b.signIn(host.url(), TestHost.ADMIN_TOKEN);
            b.open(host.url() + "/admin#/bots/" + bot + "/" + behavior);

            b.find(By.id("add-top-action")).click();
            b.find(By.id("palette-_set_custom_var")).click();
            b.find(By.id("palette-create_ticket")).click();
            b.find(By.id("act-1-object_placeholder")).sendKeys("new_ticket", Keys.TAB);
            b.find(By.id("palette-_set_custom_var")).click();
            assertThat(choices(b, "act-0-value-picker")).as("the action above the one that sets it")
                    .doesNotContain("new_ticket");
            assertThat(choices(b, "act-1-subject-picker")).as("its own fields").doesNotContain("new_ticket");
            assertThat(choices(b, "act-2-value-picker")).as("the action after it").contains("new_ticket");

            b.find(By.id("add-top-action")).click();  // a second node, after the first
            b.find(By.id("palette-_set_custom_var")).click();
            assertThat(choices(b, "act-0-value-picker")).as("a node below it").contains("new_ticket");
            new Select(b.find(By.id("act-0-value-picker"))).selectByValue("new_ticket");
            assertThat(b.find(By.id("act-0-value")).getAttribute("value")).isEqualTo("{{new_ticket}}");
            b.screenshot("editor-picker-outputs");

            b.find(By.id("node-up")).click();          // now above the node that sets it
            assertThat(choices(b, "act-0-value-picker")).as("a node above it").doesNotContain("new_ticket");
        }
    }

    private static List<String> choices(Browser b, String pickerId) {
        WebElement picker = b.find(By.id(pickerId));
        return picker.findElements(By.tagName("option")).stream().map(o -> o.getAttribute("value")).toList();
    }

    @SuppressWarnings("unchecked")
    private static long idIn(HttpResponse<String> created) {
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return ((Number) ((Map<String, Object>) JSON.parse(created.body())).get("id")).longValue();
    }
}
