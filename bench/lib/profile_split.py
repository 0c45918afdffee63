"""Shares of a server's CPU samples by part of the webhook request path, from async-profiler's collapsed stacks
(one `thread;frame;...;frame count` line per stack, taken with `threads`). Used by bench/profile.sh.

    python3 bench/lib/profile_split.py cpu.collapsed
"""
import collections
import sys

# (part, test on the whole stack), first match wins; HTTP-thread parts are tried in this order.
HTTP_PARTS = [
    ("behavior run (engine, templates, trace)", lambda s: "WebhookRunner.run" in s),
    ("durable call waiting for its commit", lambda s: "RequestLog.await" in s),
    ("request-log row (JSON, redaction)", lambda s: "RequestLog.row" in s),
    ("webhook endpoint, the rest (body, limits, metrics, queueing)", lambda s: "WebhookEndpoint" in s),
    ("response write (Jetty, socket)", lambda s: "RouteDispatcher.write" in s),
    ("routing, Javalin and Jetty request handling", lambda s: "BodyFirstHandler" in s or "RouteDispatcher" in s),
    ("Jetty reading and parsing, thread pool", lambda s: True),
]
WRITER_PARTS = [
    ("commit (fsync)", lambda s: "SQLiteConnection.commit" in s and "fsync" in s),
    ("commit (WAL, checkpoint)", lambda s: "SQLiteConnection.commit" in s),
    ("insert", lambda s: "Sql.batch" in s or "JdbiSql.batch" in s),
    ("retention trim", lambda s: "RequestLog.trim" in s),
    ("waking the waiting calls", lambda s: "CompletableFuture.complete" in s),
    ("transaction, the rest", lambda s: True),
]


def thread_of(stack):
    name = stack.split(";", 1)[0].strip("[]")
    for prefix, label in (("http-", "HTTP threads"), ("webhooks-reque", "request-log writer"),
                          ("C1 Compiler", "JIT compiler"), ("C2 Compiler", "JIT compiler"),
                          ("VM Thread", "GC and VM"), ("GC ", "GC and VM")):
        if name.startswith(prefix):
            return label
    return "other threads"


def main(path):
    total = 0
    threads = collections.Counter()
    parts = collections.Counter()
    for line in open(path, encoding="utf-8", errors="replace"):
        stack, _, count = line.rstrip("\n").rpartition(" ")
        if not count.isdigit():
            continue
        n = int(count)
        total += n
        thread = thread_of(stack)
        threads[thread] += n
        table = HTTP_PARTS if thread == "HTTP threads" else WRITER_PARTS if thread == "request-log writer" else None
        if table:
            parts[(thread, next(name for name, test in table if test(stack)))] += n
    if not total:
        sys.exit(f"{path}: no samples")
    print(f"{total:,} samples")
    for thread, n in threads.most_common():
        print(f"{100 * n / total:5.1f} %  {thread}")
        for (t, part), m in sorted(parts.items(), key=lambda kv: -kv[1]):
            if t == thread:
                print(f"{100 * m / total:9.1f} %  {part}")


if __name__ == "__main__":
    main(sys.argv[1])
