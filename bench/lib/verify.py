#!/usr/bin/env python3
"""Checks one `curl -i` answer of bench/run's request and prints a one-line verdict for the report.

The peers (Node-RED, n8n) answer the flat echo of the team's peer harness ({"http.verb": ..., "bot.name": ...});
Switchboard's seed Webhook Bot and bench/baseline answer Cerb's nested form ({"http": {"verb": ...}, "bot": {...}}),
so both are accepted and the verdict says which. n8n does not pass the client address to a workflow.

With --listener N (the many-listeners shape) the answer must instead be 200 with that listener's own JSON
({"listener": N, ...}), which shows the request reached the right behavior.

Usage: verify.py CURL_OUTPUT_FILE [--listener N]
"""
import json
import sys


def field(doc, dotted):
    if dotted in doc:
        return doc[dotted]
    cur = doc
    for part in dotted.split("."):
        if not isinstance(cur, dict) or part not in cur:
            return None
        cur = cur[part]
    return cur


def main(path, listener=None):
    raw = open(path, "rb").read().decode("utf-8", "replace").replace("\r\n", "\n")
    head, _, body = raw.partition("\n\n")
    while head.startswith("HTTP/1.1 100"):
        head, _, body = body.partition("\n\n")
    if not head:
        print("FAIL: no answer")
        return
    status = head.split("\n")[0].split()[1]
    lower = head.lower()
    if listener is not None:
        try:
            got = json.loads(body).get("listener")
        except ValueError:
            got = None
        ok = status == "200" and got == listener
        print(("%s, its own behavior's JSON (listener %d)" if ok else "FAIL: status %s, listener %s")
              % (status, listener if ok else got))
        return
    problems = []
    if status != "200":
        problems.append("status " + status)
    if "x-bot: webhook bot" not in lower:
        problems.append("no X-Bot header")
    try:
        doc = json.loads(body)
    except ValueError:
        print("FAIL: status %s, body is not JSON" % status)
        return
    form = "flat keys" if "http.verb" in doc else "nested keys"
    headers = field(doc, "http.headers") or {}
    checks = {
        "http.verb": field(doc, "http.verb") == "POST",
        "http.headers": "true" in (headers.get("x-customheader"), headers.get("x_customheader")),
        "http.params": field(doc, "http.params") == {"name": "Joe Customer", "age": "37"},
        "bot.name": field(doc, "bot.name") == "Webhook Bot",
    }
    problems += [k for k, ok in checks.items() if not ok]
    if problems:
        print("FAIL: " + ", ".join(problems))
    else:
        print("200, X-Bot, JSON echo (%s%s)" % (form, "" if field(doc, "client.ip") else "; no client.ip"))


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[3]) if len(sys.argv) > 3 and sys.argv[2] == "--listener" else None)
