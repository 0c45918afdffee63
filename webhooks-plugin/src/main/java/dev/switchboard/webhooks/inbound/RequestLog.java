package dev.switchboard.webhooks.inbound;

import dev.switchboard.api.FormData;
import dev.switchboard.api.Database;
import dev.switchboard.api.Header;
import dev.switchboard.api.Json;
import dev.switchboard.api.Metrics;
import dev.switchboard.api.Secrets;
import dev.switchboard.api.Sql;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The request log's writer: one background thread writes queued calls in batches, one transaction (one commit) per
 * batch, which keeps each listener's newest rows only (age-based retention is {@link Inbound#retentionJob()}).
 *
 * <p>Group commit for durable listeners: {@link #commit} queues the call and waits, without holding any lock the
 * writer takes, until the batch holding it is committed; the caller answers only then. A commit is durable against a
 * process crash on any {@code db.synchronous} (SQLite WAL: the committed frames are in the WAL file, in the OS's page
 * cache), and against power loss with FULL or EXTRA (the commit fsyncs the WAL), which is the default; one fsync per
 * batch, not per call. When the row cannot be committed (the queue is over its byte budget, too many calls wait, the
 * write fails or takes longer than {@code commit_timeout_ms}) {@link #commit} throws {@link LogUnavailableException}
 * and the call answers 503; {@link #problem()} reports it to {@code /health} until a batch commits again.
 *
 * <p>Best-effort listeners use {@link #record}: queued without waiting; a full queue drops the row (counted in
 * {@code webhooks.log.dropped}, warned about once a minute), a failed write loses its batch
 * ({@code webhooks.log.failed}).
 */
final class RequestLog implements AutoCloseable {
    /** Bodies are kept up to this many bytes. */
    static final int BODY_CAP = 64 * 1024;
    static final String REDACTED = Secrets.MASK;

    private static final Logger LOG = LoggerFactory.getLogger(RequestLog.class);
    private static final int BATCH = 512;
    private static final long DROP_LOG_INTERVAL_MS = 60_000;
    private static final long TRIM_INTERVAL_MS = 1_000;

    private final Database db;
    private final Json json;
    private final Secrets secrets;
    private final InboundSettings settings;
    private final LongSupplier clockMillis;
    private final BlockingQueue<Pending> queue;
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong queuedBytes = new AtomicLong();
    private final Semaphore waiting;
    private final Metrics metrics;
    private final Thread writer;
    private volatile boolean running = true;
    /** Why the log cannot take rows now, for /health; cleared when a batch commits. */
    private volatile String problem;
    private volatile long lastDropLog;
    private long droppedAtLastLog;
    /** Per listener, when its rows were last trimmed (only touched under this object's lock). */
    private final Map<Long, TrimState> trims = new HashMap<>();

    /**
     * A queued call. {@code committed} is null for a best-effort one (nobody waits for it). A durable call's row is
     * built ({@code row}: JSON, redaction) on its own HTTP thread, in parallel, so the one writer only inserts and
     * commits; a best-effort row is built by the writer, off the request path.
     */
    private record Pending(LoggedRequest entry, CompletableFuture<Void> committed, Object[] row) {
    }

    RequestLog(Database db, Json json, Secrets secrets, Metrics metrics, InboundSettings settings,
               LongSupplier clockMillis) {
        this.db = db;
        this.json = json;
        this.secrets = secrets;
        this.metrics = metrics;
        this.settings = settings;
        this.clockMillis = clockMillis;
        this.queue = new ArrayBlockingQueue<>(settings.logQueue());
        this.waiting = new Semaphore(settings.logMaxWaiting());
        metrics.gauge("webhooks.log.queued", queue::size);
        this.writer = new Thread(this::loop, "webhooks-request-log");
        writer.setDaemon(true);
        writer.start();
    }

    /**
     * Secret header and query parameter values, removed from whatever else the row stores (a behavior may echo
     * them).
     */
    private static final class Redactor {
        private final List<String> secrets = new ArrayList<>();

        Redactor(Json json, Secrets policy, List<Header> headers, String query) {
            List<String> values = new ArrayList<>();
            for (Header h : headers) {
                if (policy.isSecretName(h.name())) {
                    values.add(h.value());
                }
            }
            FormData.urlEncoded(query).forEach((name, given) -> {
                if (policy.isSecretName(name)) {
                    values.addAll(given);
                }
            });
            for (String value : values) {
                if (value.length() >= 4) {
                    String escaped = json.write(value);
                    escaped = escaped.substring(1, escaped.length() - 1);
                    secrets.add(value);
                    secrets.add(escaped);
                    secrets.add(escaped.replace("/", "\\/"));
                }
            }
        }

        String apply(String text) {
            if (text == null || secrets.isEmpty()) {
                return text;
            }
            String out = text;
            for (String s : secrets) {
                out = out.replace(s, REDACTED);
            }
            return out;
        }

        byte[] apply(byte[] body) {
            return secrets.isEmpty() ? body : apply(new String(body, StandardCharsets.UTF_8))
                    .getBytes(StandardCharsets.UTF_8);
        }
    }

    /**
     * Queues a best-effort call; never blocks. When the writer is behind by {@code webhooks.log.queue} rows or
     * {@code webhooks.log.queue_bytes} of bodies, the row is dropped (counted and warned about) rather than risking
     * the heap.
     */
    void record(LoggedRequest entry) {
        if (!offer(new Pending(entry, null, null))) {
            dropped.incrementAndGet();
            metrics.increment("webhooks.log.dropped");
        }
    }

    /**
     * Queues a durable call and returns once the batch holding it is committed.
     *
     * @throws LogUnavailableException when it was not committed (not queued, write failed, timed out): the caller
     *                                 answers 503, so a 2xx answer always has its row
     */
    void commit(LoggedRequest entry) {
        if (!waiting.tryAcquire()) {
            throw refused("too many calls (" + settings.logMaxWaiting() + ") are waiting for the request log to "
                    + "commit");
        }
        try {
            CompletableFuture<Void> committed = new CompletableFuture<>();
            if (!offer(new Pending(entry, committed, row(entry)))) {
                throw refused("the request log's queue is over its budget (webhooks.log.queue / queue_bytes)");
            }
            try {
                committed.get(settings.logCommitTimeoutMs(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                metrics.increment("webhooks.log.refused");
                throw e.getCause() instanceof LogUnavailableException u ? u
                        : new LogUnavailableException("the request log write failed: " + e.getCause(), e.getCause());
            } catch (TimeoutException e) {
                // The row may still be written; the caller is told 503 and retries, so it is logged twice at most.
                throw refused("the request log did not commit within " + settings.logCommitTimeoutMs() + " ms");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw refused("interrupted while waiting for the request log");
            }
        } finally {
            waiting.release();
        }
    }

    private LogUnavailableException refused(String why) {
        problem = why;
        metrics.increment("webhooks.log.refused");
        return new LogUnavailableException(why, null);
    }

    /** Why the log cannot take rows now (for /health), or empty. */
    Optional<String> problem() {
        return Optional.ofNullable(problem);
    }

    private boolean offer(Pending p) {
        if (!running) {
            return false; // stopping: the HTTP server has stopped taking calls already
        }
        long weight = p.entry().weight();
        if (queuedBytes.addAndGet(weight) > settings.logQueueBytes() || !queue.offer(p)) {
            queuedBytes.addAndGet(-weight);
            problem = "the request log's queue is over its budget (webhooks.log.queue / queue_bytes)";
            return false;
        }
        return true;
    }

    /** Writes everything queued so far (at shutdown, after the writer thread has ended). */
    private void flush() {
        List<Pending> batch = new ArrayList<>();
        while (queue.drainTo(batch, BATCH) > 0) {
            writeBatch(batch);
            batch.clear();
        }
    }

    /** Writes one entry now and returns its id (replay answers with the id of the row it made). */
    long writeNow(LoggedRequest entry) {
        return db.write(sql -> {
            long id = sql.insert(INSERT, row(entry));
            trim(sql, entry.listenerId());
            return id;
        });
    }

    private static final String INSERT = "INSERT INTO webhook_request(listener_id, received_at, method, path, query, "
            + "client_ip, request_headers, request_body, request_size, status, response_headers, response_body, "
            + "response_size, duration_micros, trace, error, replay_of, replay_simulated) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private Object[] row(LoggedRequest e) {
        Redactor redactor = new Redactor(json, secrets, e.requestHeaders(), e.query());
        return new Object[] {e.listenerId(), e.receivedAt(), e.method(), e.path(), secrets.maskQuery(e.query()),
            e.clientIp(), json.write(headerPairs(e.requestHeaders(), true)), cap(e.requestBody()), (long) e.requestBody().length,
            e.status(), redactor.apply(json.write(headerPairs(e.responseHeaders(), false))),
            redactor.apply(cap(e.responseBody())), (long) e.responseBody().length, e.durationMicros(),
            e.trace() == null ? null : redactor.apply(json.write(e.trace())), redactor.apply(e.error()),
            e.replayOf(), e.replaySimulated()};
    }

    private List<List<String>> headerPairs(List<Header> headers, boolean redact) {
        List<List<String>> out = new ArrayList<>(headers.size());
        for (Header h : headers) {
            out.add(List.of(h.name(), redact && secrets.isSecretName(h.name()) ? REDACTED : h.value()));
        }
        return out;
    }

    private static byte[] cap(byte[] body) {
        return body.length <= BODY_CAP ? body : Arrays.copyOf(body, BODY_CAP);
    }

    private void loop() {
        List<Pending> batch = new ArrayList<>(BATCH);
        while (running) {
            try {
                Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first != null) {
                    fill(batch, first);
                    writeBatch(batch);
                    batch.clear();
                }
                reportDrops();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * A batch: what is queued now, up to {@code batch_bytes} or {@link #BATCH} rows, waiting up to {@code batch_ms}
     * for more. Rows that arrive while a batch commits make the next one, so under load batches grow by themselves.
     */
    private void fill(List<Pending> batch, Pending first) throws InterruptedException {
        batch.add(first);
        long bytes = first.entry().weight();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(settings.logBatchMs());
        while (batch.size() < BATCH && bytes < settings.logBatchBytes()) {
            Pending next = queue.poll();
            if (next == null) {
                long left = deadline - System.nanoTime();
                next = left > 0 ? queue.poll(left, TimeUnit.NANOSECONDS) : null;
                if (next == null) {
                    return;
                }
            }
            batch.add(next);
            bytes += next.entry().weight();
        }
    }

    /** Writes a batch in one transaction and tells its waiters; never throws (a failure is their 503). */
    private void writeBatch(List<Pending> batch) {
        List<LoggedRequest> entries = new ArrayList<>(batch.size());
        for (Pending p : batch) {
            entries.add(p.entry());
        }
        RuntimeException failure = null;
        long started = System.nanoTime();
        try {
            synchronized (this) {
                write(batch, entries);
            }
        } catch (RuntimeException e) {
            failure = e;
        } finally {
            release(entries);
        }
        if (failure == null) {
            metrics.recordNanos("webhooks.log.commit", System.nanoTime() - started);
            if (problem != null) {
                LOG.info("webhook request log: writing works again");
                problem = null;
            }
            for (Pending p : batch) {
                if (p.committed() != null) {
                    p.committed().complete(null);
                }
            }
            return;
        }
        // For the public /health: what failed, not the driver's message (it may quote the SQL and its arguments).
        String why = "writing the request log failed (" + failure.getClass().getSimpleName()
                + "); the server log has the details";
        if (problem == null || !problem.startsWith("writing the request log failed")) {
            // Once per run of failures: until a batch commits again, every batch fails alike. The message carries
            // the driver's error; the host's database has logged the stack trace of a disk-full failure already.
            LOG.error("webhook request log: writing {} row(s) failed ({}); durable calls answer 503 and best-effort "
                    + "rows are lost until a write succeeds", batch.size(), failure.toString());
        }
        problem = why;
        LogUnavailableException unavailable = new LogUnavailableException(why, failure);
        for (Pending p : batch) {
            if (p.committed() != null) {
                p.committed().completeExceptionally(unavailable);
            } else {
                metrics.increment("webhooks.log.failed");
            }
        }
    }

    /** Takes written-or-abandoned entries off the byte count. */
    private void release(List<LoggedRequest> batch) {
        long weight = 0;
        for (LoggedRequest e : batch) {
            weight += e.weight();
        }
        queuedBytes.addAndGet(-weight);
    }

    private void write(List<Pending> batch, List<LoggedRequest> entries) {
        List<Object[]> rows = new ArrayList<>(batch.size());
        for (Pending p : batch) {
            rows.add(p.row() != null ? p.row() : row(p.entry()));
        }
        Set<Long> listeners = dueForTrim(entries);
        db.write(sql -> {
            sql.batch(INSERT, rows);
            listeners.forEach(id -> trim(sql, id));
            return null;
        });
    }

    /**
     * The listeners whose rows to trim after this batch. Trimming walks {@code max_rows} index entries, so under load
     * it runs once a second or once a tenth of {@code max_rows} new rows, whichever comes first: a listener holds at
     * most that many rows over its limit for that long.
     */
    private Set<Long> dueForTrim(List<LoggedRequest> batch) {
        long now = clockMillis.getAsLong();
        int slack = Math.max(1, settings.logRows() / 10);
        Set<Long> due = new HashSet<>();
        for (LoggedRequest e : batch) {
            TrimState state = trims.computeIfAbsent(e.listenerId(), id -> new TrimState());
            state.rowsSince++;
            if (state.rowsSince >= slack || now - state.at >= TRIM_INTERVAL_MS) {
                due.add(e.listenerId());
                state.rowsSince = 0;
                state.at = now;
            }
        }
        return due;
    }

    /** When a listener's rows were last trimmed, and how many were written since. */
    private static final class TrimState {
        long at;
        int rowsSince;
    }

    private void reportDrops() {
        long now = System.currentTimeMillis();
        long total = dropped.get();
        if (total != droppedAtLastLog && now - lastDropLog >= DROP_LOG_INTERVAL_MS) {
            LOG.warn("webhook request log fell behind: {} row(s) dropped since the last report ({} in all)",
                    total - droppedAtLastLog, total);
            droppedAtLastLog = total;
            lastDropLog = now;
        }
    }

    /** Keeps only the newest {@code logRows} rows of a listener (one indexed statement). */
    private void trim(Sql sql, long listenerId) {
        sql.update("DELETE FROM webhook_request WHERE listener_id = ? AND id < (SELECT id FROM webhook_request "
                + "WHERE listener_id = ? ORDER BY id DESC LIMIT 1 OFFSET ?)", listenerId, listenerId,
                settings.logRows() - 1);
    }

    /** Stops the writer and writes what is queued (durable callers still waiting get their answer). */
    @Override
    public void close() {
        running = false;
        try {
            writer.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        flush();
    }
}
