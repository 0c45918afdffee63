package dev.switchboard.webhooks;

import dev.switchboard.api.AdminPages;
import dev.switchboard.api.EventIds;
import java.util.List;
import org.pf4j.Extension;

/**
 * The plugin's admin pages, modules under {@code admin/webhooks/} of this jar after the host's pages, and the behavior
 * editor's "Test against captured requests" panel for webhook behaviors.
 */
@Extension
public final class WebhooksPages implements AdminPages {
    @Override
    public String folder() {
        return "admin/webhooks";
    }

    @Override
    public List<Page> pages() {
        return List.of(new Page("webhooks", "Webhooks", 40, "listeners.js"),
                new Page("subscriptions", "Subscriptions", 50, "subscriptions.js"));
    }

    @Override
    public List<EditorPanel> editorPanels() {
        return List.of(new EditorPanel(EventIds.WEBHOOK_RECEIVED, "editor-panel.js"));
    }
}
