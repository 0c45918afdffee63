#!/usr/bin/env python3
"""Writes the many-listeners package for bench/run: one bot with N behaviors on event.webhook.received, each its own
listener with a fixed guid (sha1 of "bench-listener-<i>", so runs are repeatable), and each answering its own JSON
(its number, the verb and the query), so no two behaviors share a template.

Usage: many_listeners.py N PACKAGE_OUT GUIDS_OUT
"""
import hashlib
import json
import sys


def main(n, package_out, guids_out):
    behaviors, records, guids = [], [], []
    for i in range(n):
        guid = hashlib.sha1(f"bench-listener-{i}".encode()).hexdigest()
        guids.append(guid)
        behaviors.append({
            "uid": f"behavior_{i}",
            "title": f"Listener {i}",
            "is_disabled": False,
            "is_private": False,
            "priority": 50,
            "event": {"key": "event.webhook.received", "label": "Webhook received"},
            "nodes": [{
                "type": "action",
                "title": "Send response",
                "status": "live",
                "params": {"actions": [
                    {"action": "set_http_status", "value": "200"},
                    {"action": "set_http_header", "name": "Content-Type", "value": "application/json"},
                    {"action": "set_http_body",
                     "value": '{"listener": %d, "verb": "{{http_verb}}", "params": {{http_params|json_encode}}}' % i},
                ]},
            }],
        })
        records.append({
            "uid": f"listener_{i}",
            "_context": "webhook_listener",
            "name": f"Listener {i}",
            "guid": guid,
            "extension_id": "cerb.webhooks.listener.engine.va",
            "extension_params": {"behavior_id": "{{{uid.behavior_%d}}}" % i},
        })
    package = {
        "package": {"name": f"{n} listeners", "revision": 1,
                    "requires": {"cerb_version": "8.1.4", "plugins": ["cerb.webhooks"]},
                    "configure": {"prompts": [], "placeholders": []}},
        "bots": [{
            "uid": "bot_many", "name": "Many Listeners Bot",
            "owner": {"context": "cerberusweb.contexts.app", "id": 0},
            "is_disabled": False,
            "params": {"config": None, "events": {"mode": "allow", "items": ["event.webhook.received"]},
                       "actions": {"mode": "all", "items": []}},
            "behaviors": behaviors,
        }],
        "records": records,
    }
    with open(package_out, "w") as f:
        json.dump(package, f)
    with open(guids_out, "w") as f:
        f.write("\n".join(guids) + "\n")


if __name__ == "__main__":
    main(int(sys.argv[1]), sys.argv[2], sys.argv[3])
