package dev.switchboard.webhooks;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A package whose webhook behaviors call, schedule and store through a bot: "Ask" runs the custom behavior
 * "Double" with {@code var_n} and answers with what it returned; "Store" sets and reads a key; "Schedule" and
 * "Unschedule" schedule (and remove) "Ticketer", which creates a ticket with the subject it was given.
 */
final class BotCallsFixture {
    static final String PACKAGE = """
            {
              "package": {"name": "Bot calls", "revision": 1,
                "requires": {"cerb_version": "8.3.0", "plugins": ["cerb.webhooks"]},
                "configure": {"prompts": [], "placeholders": []}},
              "bots": [{
                "uid": "bot_calls", "name": "Caller Bot", "owner": {"context": "cerberusweb.contexts.app", "id": 0},
                "is_disabled": false, "params": {"config": null},
                "behaviors": [
                  {"uid": "b_double", "title": "Double", "is_disabled": false, "is_private": false, "priority": 50,
                   "event": {"key": "event.macro.bot", "label": "Custom behavior on bot"},
                   "variables": {"var_n": {"key": "var_n", "label": "N", "type": "N", "is_private": "0", "params": []}},
                   "nodes": [{"type": "action", "title": "Double it", "params": {"actions": [
                     {"action": "_set_custom_var", "var": "answer", "value": "{{ var_n * 2 }}"}]}}]},
                  {"uid": "b_ticketer", "title": "Ticketer", "is_disabled": false, "is_private": false, "priority": 50,
                   "event": {"key": "event.macro.bot", "label": "Custom behavior on bot"},
                   "variables": {"var_subject": {"key": "var_subject", "label": "Subject", "type": "S",
                     "is_private": "0", "params": {"widget": "single"}}},
                   "nodes": [{"type": "action", "title": "Open a ticket", "params": {"actions": [
                     {"action": "create_ticket", "subject": "{{ var_subject }}", "requester": "bot@example.com"}]}}]},
                  {"uid": "b_ask", "title": "Ask", "is_disabled": false, "is_private": false, "priority": 50,
                   "event": {"key": "event.webhook.received", "label": "Webhook received"},
                   "nodes": [{"type": "action", "title": "Ask Double", "params": {"actions": [
                     {"action": "_run_behavior", "on": "_trigger_va_id", "behavior_id": "{{{uid.b_double}}}",
                      "var_n": "{{ http_params.n }}", "run_in_simulator": "0", "var": "_behavior"},
                     {"action": "set_http_body", "value": "{{ _behavior.answer }}"}]}}]},
                  {"uid": "b_store", "title": "Store", "is_disabled": false, "is_private": false, "priority": 50,
                   "event": {"key": "event.webhook.received", "label": "Webhook received"},
                   "nodes": [{"type": "action", "title": "Set and get", "params": {"actions": [
                     {"action": "_set_key", "key": "k:{{ http_params.k }}", "value": "{{ http_params.v }}",
                      "expires_at": "{{ http_params.exp }}"},
                     {"action": "_get_key", "key": "k:{{ http_params.k }}", "var": "got"},
                     {"action": "set_http_body", "value": "[{{ got }}]"}]}}]},
                  {"uid": "b_read", "title": "Read", "is_disabled": false, "is_private": false, "priority": 50,
                   "event": {"key": "event.webhook.received", "label": "Webhook received"},
                   "nodes": [{"type": "action", "title": "Get", "params": {"actions": [
                     {"action": "_get_key", "key": "k:{{ http_params.k }}", "var": "got"},
                     {"action": "set_http_body", "value": "[{{ got }}]"}]}}]},
                  {"uid": "b_schedule", "title": "Schedule", "is_disabled": false, "is_private": false, "priority": 50,
                   "event": {"key": "event.webhook.received", "label": "Webhook received"},
                   "nodes": [{"type": "action", "title": "Schedule Ticketer", "params": {"actions": [
                     {"action": "_schedule_behavior", "on": "_trigger_va_id", "behavior_id": "{{{uid.b_ticketer}}}",
                      "run_date": "{{ http_params.when }}", "on_dupe": "", "var_subject": "{{ http_params.subject }}"},
                     {"action": "set_http_body", "value": "scheduled"}]}}]},
                  {"uid": "b_loop", "title": "Loop", "is_disabled": false, "is_private": false, "priority": 50,
                   "event": {"key": "event.macro.bot", "label": "Custom behavior on bot"},
                   "nodes": [{"type": "action", "title": "Call myself", "params": {"actions": [
                     {"action": "_run_behavior", "behavior_id": "{{{uid.b_loop}}}", "run_in_simulator": "1"}]}}]},
                  {"uid": "b_wrong", "title": "Wrong", "is_disabled": false, "is_private": false, "priority": 50,
                   "event": {"key": "event.webhook.received", "label": "Webhook received"},
                   "nodes": [{"type": "action", "title": "Run a webhook behavior", "params": {"actions": [
                     {"action": "_run_behavior", "behavior_id": "{{{uid.b_ask}}}", "var": "_behavior"},
                     {"action": "set_http_body", "value": "wrong"}]}}]},
                  {"uid": "b_unschedule", "title": "Unschedule", "is_disabled": false, "is_private": false,
                   "priority": 50, "event": {"key": "event.webhook.received", "label": "Webhook received"},
                   "nodes": [{"type": "action", "title": "Unschedule Ticketer", "params": {"actions": [
                     {"action": "_unschedule_behavior", "on": "_trigger_va_id", "behavior_id": "{{{uid.b_ticketer}}}"},
                     {"action": "set_http_body", "value": "unscheduled"}]}}]}
                ]
              }]
            }
            """;

    private BotCallsFixture() {
    }

    /** Behavior ids by title from an import answer. */
    @SuppressWarnings("unchecked")
    static Map<String, Long> behaviorIds(String importAnswer) {
        Map<String, Long> ids = new HashMap<>();
        for (Map<String, Object> b : (List<Map<String, Object>>) WebhookFixture.map(importAnswer).get("behaviors")) {
            ids.put((String) b.get("title"), ((Number) b.get("id")).longValue());
        }
        return ids;
    }
}
