#!/usr/bin/env python3
"""Writes bench/run's report.md and inbound.svg from its raw measurements (standard library only).

Input: RAW/metrics.txt ("row|key|value" lines) and RAW/machine.txt ("key=value" lines); OUT/notes.md, when its
first line is "<!-- run <the run's date line> -->", is appended as that run's hand-written notes.
Usage: report.py RAW_DIR OUT_DIR
"""
import math
import os
import statistics
import sys

SYSTEMS = [
    ("switchboard", "Switchboard (seed Webhook Bot, durable request log)"),
    ("switchboard-best-effort", "Switchboard, same server, listener set to best-effort log"),
    ("javalin", "bare Javalin + Jackson"),
    ("node-red", "Node-RED"),
    ("n8n", "n8n"),
]
SHORT = {"switchboard": "Switchboard", "switchboard-best-effort": "Switchboard best-effort", "javalin": "bare Javalin", "node-red": "Node-RED", "n8n": "n8n"}


def read(raw):
    rows = {}
    with open(os.path.join(raw, "metrics.txt")) as f:
        for line in f:
            row, key, value = line.rstrip("\n").split("|", 2)
            rows.setdefault(row, {})[key] = value
    machine = {}
    with open(os.path.join(raw, "machine.txt")) as f:
        for line in f:
            k, _, v = line.rstrip("\n").partition("=")
            machine[k] = v
    for r in rows.values():
        if "wrk" in r:
            r.update(parse_wrk(r["wrk"]))
        if "warmup_wrk" in r:
            r["warmup_rps"] = parse_wrk(r["warmup_wrk"]).get("rps")
    return rows, machine


def parse_wrk(line):
    """The RESULT line of either lua script (webhook-post.lua/many.lua: err_* keys; echo.lua: errors/non2xx)."""
    kv = dict(p.split("=", 1) for p in line.split()[1:] if "=" in p)
    if not kv:
        return {}
    out = {k: float(kv[k]) for k in ("rps", "p50_ms", "p90_ms", "p99_ms") if k in kv}
    if "errors" in kv:
        out["errors"] = int(kv["errors"])
        out["non2xx"] = int(kv["non2xx"])
    else:
        out["errors"] = sum(int(kv.get(k, 0)) for k in ("err_connect", "err_read", "err_write", "err_timeout"))
        out["non2xx"] = int(kv.get("err_status", 0))
    return out


def measured(r):
    return r is not None and "rps" in r


def num(v, digits=0):
    return "-" if v is None else f"{v:,.{digits}f}"


def ms(v):
    return "-" if v is None else (f"{v:.2f}" if v < 10 else f"{v:,.0f}" if v >= 1000 else f"{v:.1f}")


def ratio(a, b):
    return "-" if not a or not b else f"{a / b:.2f}×" if a / b < 100 else f"{a / b:,.0f}×"


def inbound_table(rows):
    out = ["| system | version | check (one curl) | req/s | p50 ms | p90 ms | p99 ms | errors / non-2xx "
           "| server CPU % | server CPU µs/call | RSS idle MiB | RSS after MiB | load avg | req/s in the warm-up |",
           "|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|"]
    for key, name in SYSTEMS:
        r = rows.get(key)
        if r is None:
            continue
        if not measured(r):
            out.append(f"| {name} | {r.get('version', '-')} | skipped: {r.get('skipped', 'no result')} "
                       "| - | - | - | - | - | - | - | - | - | - | - |")
            continue
        out.append(f"| {name} | {r.get('version', '-')} | {r.get('verify', '-')} | {num(r['rps'])} "
                   f"| {ms(r['p50_ms'])} | {ms(r['p90_ms'])} | {ms(r['p99_ms'])} | {r['errors']} / {r['non2xx']} "
                   f"| {r.get('cpu_pct', '-')} | {num(fnum(r, 'cpu_us_per_call'))} | {r.get('rss_idle_mib', '-')} "
                   f"| {r.get('rss_after_mib', '-')} "
                   f"| {load(r)} | {num(r.get('warmup_rps'))} |")
    return out


def load(r):
    """1-minute load average before the warm-up → after the measured run (this run's own wrk + server add ~2)."""
    return f"{r.get('load_before', '-')} → {r.get('load_after', '-')}"


def ratios(rows):
    sb = rows.get("switchboard")
    if not measured(sb):
        return ["Switchboard was not measured, so there are no ratios."]
    out = ["| Switchboard vs | req/s ratio (higher is better) | p99 ratio (lower is better) "
           "| CPU per call ratio (lower is better) | RSS after load ratio (lower is better) |",
           "|---|---:|---:|---:|---:|"]
    for key, _ in SYSTEMS[1:]:
        r = rows.get(key)
        if measured(r):
            out.append(f"| {SHORT[key]} | {ratio(sb['rps'], r['rps'])} | {ratio(sb['p99_ms'], r['p99_ms'])} "
                       f"| {ratio(fnum(sb, 'cpu_us_per_call'), fnum(r, 'cpu_us_per_call'))} "
                       f"| {ratio(fnum(sb, 'rss_after_mib'), fnum(r, 'rss_after_mib'))} |")
    return out


def fnum(r, key):
    """A numeric measurement of a row, or None when it was not taken."""
    try:
        return float(r[key])
    except (KeyError, TypeError, ValueError):
        return None


def targets(rows):
    sb, jv, nr, n8 = (rows.get(k) for k in ("switchboard", "javalin", "node-red", "n8n"))
    ob = rows.get("outbound", {})
    lines = []

    def check(label, ok, detail, missing):
        if ok is None:
            lines.append(f"- {label}: **not measured** ({missing})")
        else:
            lines.append(f"- {label}: **{'met' if ok else 'missed'}** ({detail})")

    def why(*rs):
        for k, r in rs:
            if not measured(r):
                return f"{k}: {(r or {}).get('skipped', 'not run')}"
        return ""

    have = measured(sb) and measured(nr)
    check("Inbound ≥ Node-RED req/s", sb["rps"] >= nr["rps"] if have else None,
          f"{num(sb['rps'])} vs {num(nr['rps'])}, {ratio(sb['rps'], nr['rps'])}" if have else "",
          why(("Switchboard", sb), ("Node-RED", nr)))
    check("Inbound p99 ≤ Node-RED p99", sb["p99_ms"] <= nr["p99_ms"] if have else None,
          f"{ms(sb['p99_ms'])} ms vs {ms(nr['p99_ms'])} ms" if have else "",
          why(("Switchboard", sb), ("Node-RED", nr)))
    have = measured(sb) and measured(jv) and fnum(sb, "cpu_us_per_call") and fnum(jv, "cpu_us_per_call")
    check("Server CPU per call ≤ 1.5× bare Javalin's",
          fnum(sb, "cpu_us_per_call") <= 1.5 * fnum(jv, "cpu_us_per_call") if have else None,
          f"{num(fnum(sb, 'cpu_us_per_call'))} µs vs {num(fnum(jv, 'cpu_us_per_call'))} µs, "
          f"{ratio(fnum(sb, 'cpu_us_per_call'), fnum(jv, 'cpu_us_per_call'))}" if have else "",
          why(("Switchboard", sb), ("bare Javalin", jv)) or "no CPU per call")
    have = measured(sb) and measured(nr) and fnum(sb, "rss_after_mib") and fnum(nr, "rss_after_mib")
    check("RSS after the load ≤ Node-RED's", fnum(sb, "rss_after_mib") <= fnum(nr, "rss_after_mib") if have else None,
          f"{sb.get('rss_after_mib')} MiB vs {nr.get('rss_after_mib')} MiB" if have else "",
          why(("Switchboard", sb), ("Node-RED", nr)) or "no RSS")
    cold = [float(v) for k, v in rows.get("cold", {}).items() if k.startswith("fresh_health_ms_")]
    check("Cold start to /health ≤ 1.5 s (median)", statistics.median(cold) <= 1500 if cold else None,
          f"median {statistics.median(cold):,.0f} ms of {len(cold)}" if cold else "", "no cold-start runs")
    have = measured(sb) and measured(jv)
    check("Inbound ≥ 0.8× bare Javalin req/s", sb["rps"] >= 0.8 * jv["rps"] if have else None,
          f"{ratio(sb['rps'], jv['rps'])}" if have else "", why(("Switchboard", sb), ("bare Javalin", jv)))
    have = measured(sb) and measured(n8)
    check("Inbound ≥ 100× n8n req/s", sb["rps"] >= 100 * n8["rps"] if have else None,
          f"{ratio(sb['rps'], n8['rps'])}" if have else "", why(("Switchboard", sb), ("n8n", n8)))
    have = "engine_rps" in ob and "raw_rps" in ob
    e, w = (float(ob["engine_rps"]), float(ob["raw_rps"])) if have else (0, 0)
    check("Outbound durable deliveries ≥ 0.5× raw client", e >= 0.5 * w if have else None,
          f"{num(e)}/s vs {num(w)}/s, {ratio(e, w)}" if have else "", ob.get("skipped", "not run"))
    return lines


def shapes(rows, machine):
    out = ["| shape | req/s | p50 ms | p99 ms | errors / non-2xx | RSS after MiB | load avg | compared with |",
           "|---|---:|---:|---:|---:|---:|---|---|"]
    sb = rows.get("switchboard")
    many = rows.get("many")
    if many is not None:
        if measured(many):
            cmp = f"{ratio(many['rps'], sb['rps'])} of one listener's req/s" if measured(sb) else "-"
            out.append(f"| {int(machine.get('listeners', 1000)):,} listeners, distinct behaviors, requests spread "
                       f"over all (import {num(float(many.get('import_ms', 0)) / 1000, 1)} s; {many.get('verify')}) "
                       f"| {num(many['rps'])} | {ms(many['p50_ms'])} | {ms(many['p99_ms'])} "
                       f"| {many['errors']} / {many['non2xx']} | {many.get('rss_after_mib', '-')} | {load(many)} | {cmp} |")
        else:
            out.append(f"| many listeners | skipped: {many.get('skipped')} | | | | | | |")
    big, bigj = rows.get("big"), rows.get("big-javalin")
    if big is not None:
        kib = int(machine.get("big_body", 65536)) // 1024
        if measured(big):
            cmp = (f"bare Javalin, same bodies: {num(bigj['rps'])} req/s, p99 {ms(bigj['p99_ms'])} ms "
                   f"(ratio {ratio(big['rps'], bigj['rps'])}; load avg {load(bigj)})" if measured(bigj) else "-")
            out.append(f"| {kib} KiB JSON bodies, seed listener | {num(big['rps'])} | {ms(big['p50_ms'])} "
                       f"| {ms(big['p99_ms'])} | {big['errors']} / {big['non2xx']} | {big.get('rss_after_mib', '-')} "
                       f"| {load(big)} | {cmp} |")
        else:
            out.append(f"| {kib} KiB bodies | skipped: {big.get('skipped')} | | | | | | |")
    return out


def cold_start(rows, machine):
    c = rows.get("cold")
    if not c:
        return []

    def med(prefix):
        vals = [float(v) for k, v in c.items() if k.startswith(prefix)]
        return (statistics.median(vals), min(vals), max(vals), len(vals)) if vals else None

    opts = f"JAVA_OPTS='{machine['java_opts']}' " if machine.get("java_opts") else ""
    out = [f"Cold start, a new data dir each run ({machine.get('cold_runs')} runs, `{opts}bin/switchboard`, the "
           f"README's start command, i.e. `java {machine.get('launcher', '')}`; polled every 5 ms with bash's own "
           "/dev/tcp, no process started per poll):", "",
           "| from start to | median ms | min ms | max ms | runs |", "|---|---:|---:|---:|---:|"]
    for prefix, label in (("fresh_health_ms_", "`GET /health` 200 (empty data dir)"),
                          ("health_ms_", "`GET /health` 200 (restart; seed imported by the CLI before it)"),
                          ("webhook_ms_", "first webhook 200 (restart; seed imported by the CLI before it)"),
                          ("api_webhook_ms_", "first webhook 200 (empty data dir; seed imported through the API "
                                              "once /health answers)"),
                          ("cli_import_ms_", "(not part of the start) `packages import` CLI run, JVM included")):
        m = med(prefix)
        if m:
            out.append(f"| {label} | {m[0]:,.0f} | {m[1]:,.0f} | {m[2]:,.0f} | {m[3]} |")
    return out


def outbound(rows):
    o = rows.get("outbound")
    if not o:
        return []
    if "skipped" in o:
        return [f"Outbound: skipped: {o['skipped']}"]
    e, w = float(o["engine_rps"]), float(o["raw_rps"])
    both = "engine_cold_rps" in o and "raw_cold_rps" in o
    cold_ratio = ratio(float(o["engine_cold_rps"]), float(o["raw_cold_rps"])) if both else "-"
    return [f"Outbound, `ticket.created` to a local receiver (JDK HttpServer, Nagle off), one subscription, SQLite, "
            f"default delivery settings (concurrency {o['concurrency']} per subscription); raw client = the host's "
            f"own outbound HTTP client posting the same signed bodies to the same receiver, {o['concurrency']} at "
            "a time, no database (webhooks-plugin test class OutboundBench):", "",
            "| | deliveries/s, warm (all queued, first→last arrival) | same, new process or client | latency p50 ms "
            "| latency p99 ms |",
            "|---|---:|---:|---:|---:|",
            f"| Switchboard durable delivery ({o['deliveries']} queued; latency: {o['paced']} tickets at "
            f"{o['rate']}/s, `POST /api/tickets` sent → arrival) | {num(e)} | {cold(o, 'engine')} "
            f"| {o['engine_p50_ms']} | {o['engine_p99_ms']} |",
            f"| raw client (same payloads; latency: handed to the client at {o['rate']}/s → arrival) | {num(w)} "
            f"| {cold(o, 'raw')} | {o['raw_p50_ms']} | {o['raw_p99_ms']} |",
            f"| ratio | {ratio(e, w)} | {cold_ratio} | | |",
            "",
            "Warm: the delivering process has delivered one such batch already (the engine: the receiver holds its "
            "requests while the second batch's tickets are created, then lets them through; the raw client: the "
            "same payloads posted once before). The second column is that first batch, on a process whose JIT "
            "compiles the delivery path while it delivers."]


def cold(o, who):
    return num(float(o[f"{who}_cold_rps"])) if f"{who}_cold_rps" in o else "-"


CLUSTER_ROUNDS = [("sqlite", "SQLite, one node"), ("pg1", "PostgreSQL, 1 worker process"),
                  ("pg2", "PostgreSQL, 2 worker processes"), ("pg4", "PostgreSQL, 4 worker processes"),
                  ("pg8", "PostgreSQL, 8 worker processes"),
                  ("pgserve", "PostgreSQL, one serve node delivering (its statements counted)")]


def cluster(rows):
    c = rows.get("cluster")
    if not c:
        return []
    if "skipped" in c:
        return [f"Several processes: skipped: {c['skipped']}"]
    base = float(c["sqlite_rps"])
    out = [f"## Several processes (webhooks-plugin test class ClusterBench, same run)", "",
           f"Durable deliveries of {c['deliveries']} queued `ticket.created` events to a local receiver, first to last "
           "arrival, real processes on this machine (workers, the database and the receiver share its cores). CPU: "
           "user + system time of the delivering processes per delivery (/proc). Statements: database round trips "
           "per delivery as the node counts them (`switchboard_db_statements_total`; worker processes have no "
           "HTTP port, so the serve-node round gives the PostgreSQL figure). Commits: per delivery, as the node "
           "counts them on SQLite and as PostgreSQL counts them (`pg_stat_database.xact_commit`).", "",
           "| store and workers | deliveries/s | ratio to SQLite | CPU ms/delivery | statements/delivery "
           "| commits/delivery |", "|---|---:|---:|---:|---:|---:|"]
    for key, label in CLUSTER_ROUNDS:
        if f"{key}_rps" in c:
            v = float(c[f"{key}_rps"])
            out.append(f"| {label} | {num(v)} | {v / base:.2f} | {c[f'{key}_cpu_ms']} | {c[f'{key}_statements']} "
                       f"| {c[f'{key}_commits']} |")
    if "inbound1_rps" in c:
        one, two = float(c["inbound1_rps"]), float(c["inbound2_rps"])
        out += ["", "Inbound, the seed Webhook Bot listener, wrk -t1 -c32 through a local round-robin TCP balancer "
                "(test class RoundRobinProxy), PostgreSQL:", "",
                "| serve nodes behind the balancer | req/s | ratio |", "|---|---:|---:|",
                f"| 1 | {num(one)} | 1.00 |", f"| 2 | {num(two)} | {two / one:.2f} |"]
    elif "inbound_skipped" in c:
        out += ["", f"Inbound through 1 and 2 nodes: skipped: {c['inbound_skipped']}"]
    out += ["", f"Machine load average {c.get('load_start', '-')} at the start of this section, "
            f"{c.get('load_end', '-')} at its end."]
    return out


def cluster_svg(rows, path):
    """Deliveries/s per store and worker count, linear bars."""
    c = rows.get("cluster")
    if not c or "skipped" in c:
        return False
    data = [(label.split(" (")[0], float(c[f"{key}_rps"])) for key, label in CLUSTER_ROUNDS
            if f"{key}_rps" in c and key != "pgserve"]
    label_w, panel_w, bar_h, gap, top = 230, 360, 22, 10, 40
    height = top + len(data) * (bar_h + gap) + 10
    hi = max(v for _, v in data) * 1.15
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{label_w + panel_w + 60}" height="{height}" '
             'font-family="sans-serif" font-size="12">',
             f'<rect width="{label_w + panel_w + 60}" height="{height}" fill="white"/>',
             '<text x="10" y="20" font-weight="bold">durable deliveries/s (higher is better, same machine)</text>']
    for i, (name, v) in enumerate(data):
        y = top + i * (bar_h + gap)
        w = max(panel_w * v / hi, 1)
        color = "#718096" if name.startswith("SQLite") else "#2b6cb0"
        parts.append(f'<text x="{label_w - 8}" y="{y + bar_h - 6}" text-anchor="end">{name}</text>')
        parts.append(f'<rect x="{label_w}" y="{y}" width="{w:.1f}" height="{bar_h}" fill="{color}"/>')
        parts.append(f'<text x="{label_w + w + 4:.1f}" y="{y + bar_h - 6}">{v:,.0f}</text>')
    parts.append("</svg>")
    with open(path, "w") as f:
        f.write("\n".join(parts) + "\n")
    return True


def svg(rows, path):
    """Four panels of horizontal bars, req/s, p99 ms, server CPU µs per call and RSS after the load, log scale (n8n
    and Javalin are 1000× apart); a system without a figure gets "-" in that panel."""
    data = [(SHORT[k], rows[k]) for k, _ in SYSTEMS if measured(rows.get(k))]
    if not data:
        return False
    colors = {"Switchboard": "#2b6cb0", "Switchboard best-effort": "#63b3ed", "bare Javalin": "#718096", "Node-RED": "#c53030", "n8n": "#dd6b20"}
    panels = [("req/s (higher is better)", "rps", lambda v: f"{v:,.0f}"),
              ("p99 ms (lower is better)", "p99_ms", ms),
              ("server CPU µs/call (lower is better)", "cpu_us_per_call", lambda v: f"{v:,.0f}"),
              ("RSS after load MiB (lower is better)", "rss_after_mib", lambda v: f"{v:,.0f}")]
    label_w, panel_w, bar_h, gap, top = 150, 220, 22, 10, 50
    height = top + len(data) * (bar_h + gap) + 30
    width = label_w + len(panels) * (panel_w + 60)
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
             f'font-family="sans-serif" font-size="12">',
             f'<rect width="{width}" height="{height}" fill="white"/>',
             f'<text x="10" y="38" fill="#718096">log scales</text>']

    def panel(x0, title, values, fmt):
        present = [v for v in values if v is not None and v > 0]
        if not present:
            return
        hi = max(present)
        lo = min(present)
        top_exp = math.ceil(math.log10(hi * 1.05))
        bottom_exp = min(math.floor(math.log10(lo * 0.95)), top_exp - 1)  # the smallest bar is never empty

        def scale(v):
            return panel_w * (math.log10(max(v, 10 ** bottom_exp)) - bottom_exp) / (top_exp - bottom_exp)

        parts.append(f'<text x="{x0}" y="20" font-weight="bold">{title}</text>')
        for e in range(bottom_exp, top_exp + 1):
            x = x0 + scale(10 ** e)
            parts.append(f'<line x1="{x:.1f}" y1="{top - 8}" x2="{x:.1f}" y2="{height - 25}" stroke="#e2e8f0"/>')
            parts.append(f'<text x="{x:.1f}" y="{height - 10}" text-anchor="middle" fill="#718096">'
                         f'{10 ** e:g}</text>')
        for i, ((name, _), v) in enumerate(zip(data, values)):
            y = top + i * (bar_h + gap)
            if v is None or v <= 0:
                parts.append(f'<text x="{x0 + 4}" y="{y + bar_h - 6}" fill="#718096">-</text>')
                continue
            w = max(scale(v), 1)
            parts.append(f'<rect x="{x0}" y="{y}" width="{w:.1f}" height="{bar_h}" fill="{colors[name]}"/>')
            parts.append(f'<text x="{x0 + w + 4:.1f}" y="{y + bar_h - 6}">{fmt(v)}</text>')

    for i, (name, _) in enumerate(data):
        y = top + i * (bar_h + gap)
        parts.append(f'<text x="{label_w - 8}" y="{y + bar_h - 6}" text-anchor="end">{name}</text>')
    for n, (title, key, fmt) in enumerate(panels):
        panel(label_w + n * (panel_w + 60), title, [fnum(r, key) for _, r in data], fmt)
    parts.append("</svg>")
    with open(path, "w") as f:
        f.write("\n".join(parts) + "\n")
    return True


def main(raw, out):
    rows, m = read(raw)
    lines = [f"# Switchboard benchmark, {m['date']}", "",
             f"Machine: {m['cores']} cores, {m['model']}, {m['ram_gib']} GiB RAM, {m['java']}; traffic: {m['wrk']}, "
             f"from the same machine over 127.0.0.1 (wrk and the server share the cores); machine load average "
             f"{m.get('load', '-')}. Commit {m['commit']}. "
             "Command: `bench/run`. Runs on this shared machine vary by about ±15 %: read the same-run ratios.", "",
             "## Inbound webhook echo", "",
             "Every system answers the same request (bench/wrk/webhook-post.lua: POST /webhooks/<40 hex>"
             "?name=Joe+Customer&age=37, a 90-byte JSON body, X-CustomHeader) with a JSON echo of verb, path, "
             "headers, query, client address and bot name. Switchboard runs the seed package "
             "`webhook-bot.json` unchanged (a Jinja template, request log on, default config but the listeners' flood "
             "guard `webhooks.rate_limit`, raised so that a load over 10,000/s is served instead of answered 429, "
             "fresh data dir); its "
             "echo is Cerb's nested JSON and it also writes every request to its request log, while the peers "
             "answer the flat echo of the team's peer harness. CPU % is of one core, summed over the server's "
             "processes; CPU µs/call is their user + system time over the measured run divided by the requests "
             "it served; RSS is summed over them. Load avg: the machine's 1-minute load average before the "
             "warm-up → after the measured run (wrk and the server themselves account for about 2; more means "
             "other work shared the cores). The measured run follows a warm-up of the same load on the same "
             "server, long enough (60 s by default) for the JVM's compiler to have compiled the request path: "
             "the last column is the warm-up's own req/s, what a freshly started server gives.", ""]
    lines += inbound_table(rows)
    if svg(rows, os.path.join(out, "inbound.svg")):
        lines += ["", "![req/s, p99, CPU per call and RSS per system](inbound.svg)"]
    lines += ["", "### Ratios (Switchboard ÷ other, same run)", ""] + ratios(rows)
    lines += ["", "### Targets (issues 8 and 16)", ""] + targets(rows)
    lines += ["", "## Switchboard shapes (same run)", ""] + shapes(rows, m)
    lines += [""] + cold_start(rows, m)
    lines += [""] + outbound(rows)
    part = cluster(rows)
    if part:
        lines += [""] + part
        if cluster_svg(rows, os.path.join(out, "cluster.svg")):
            lines += ["", "![deliveries/s per store and worker count](cluster.svg)"]
    notes = os.path.join(out, "notes.md")
    if os.path.exists(notes):
        with open(notes) as f:
            first, _, rest = f.read().partition("\n")
        # only the run they were written for: a later run the same day keeps its report free of stale notes
        if first.strip() == f"<!-- run {m['date']} -->":
            lines += ["", "## Notes on this run (written by hand, kept in notes.md)", "", rest.strip()]
    lines += ["", "Raw outputs (wrk, curl checks, server logs) are written next to this report under `raw/` "
              "and not committed."]
    with open(os.path.join(out, "report.md"), "w") as f:
        f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
