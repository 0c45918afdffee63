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
import java.util.concurrent.atomic.AtomicInteger;
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
    /** What a row stores besides its text and bodies (numbers, method, address, index entries), about. */
    private static final long ROW_OVERHEAD = 128;
    private static final long DROP_LOG_INTERVAL_MS = 60_000;
    private static final long TRIM_INTERVAL_MS = 1_000;

    private final Database db;
    private final LogJson logJson;
    private final Secrets secrets;
    private final InboundSettings settings;
    private final LongSupplier clockMillis;
    private final BlockingQueue<Pending> queue;
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong queuedBytes = new AtomicLong();
    private final Semaphore waiting;
    /** Durable calls in {@link #commit} whose row the writer has not taken into a batch yet. */
    private final AtomicInteger durableOutside = new AtomicInteger();
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
     * commits; a best-effort row is built by the writer, off the request path, when it takes the call into a batch.
     */
    private record Pending(LoggedRequest entry, CompletableFuture<Void> committed, Row row) {
    }

    /** A batch being filled: its calls with their rows, and the bytes those rows store. */
    private static final class Batch {
        final List<Pending> calls = new ArrayList<>();
        long bytes;
        int durable;

        void add(Pending p) {
            calls.add(p);
            bytes += p.row().bytes();
            if (p.committed() != null) {
                durable++;
            }
        }

        void clear() {
            calls.clear();
            bytes = 0;
            durable = 0;
        }
    }

    RequestLog(Database db, Json json, Secrets secrets, Metrics metrics, InboundSettings settings,
               LongSupplier clockMillis) {
        this.db = db;
        this.logJson = new LogJson(json);
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
        private static final Redactor NONE = new Redactor(List.of());
        private final List<String> secrets;

        private Redactor(List<String> secrets) {
            this.secrets = secrets;
        }

        /** @param maskedQuery {@code query} with its secret values masked: the same text when it has none */
        static Redactor of(Secrets policy, List<Header> headers, String query, String maskedQuery) {
            List<String> values = new ArrayList<>();
            for (Header h : headers) {
                if (policy.isSecretName(h.name())) {
                    values.add(h.value());
                }
            }
            if (query != null && !query.equals(maskedQuery)) {
                FormData.urlEncoded(query).forEach((name, given) -> {
                    if (policy.isSecretName(name)) {
                        values.addAll(given);
                    }
                });
            }
            List<String> secrets = new ArrayList<>();
            for (String value : values) {
                if (value.length() >= 4) {
                    String escaped = LogJson.escaped(value);
                    secrets.add(value);
                    secrets.add(escaped);
                    secrets.add(escaped.replace("/", "\\/"));
                }
            }
            return secrets.isEmpty() ? NONE : new Redactor(secrets);
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
            boolean queued = false;
            durableOutside.incrementAndGet(); // from here the writer keeps a batch open for this row
            try {
                queued = offer(new Pending(entry, committed, row(entry)));
            } finally {
                if (!queued) {
                    durableOutside.decrementAndGet();
                }
            }
            if (!queued) {
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
        Batch batch = new Batch();
        for (Pending p = queue.poll(); p != null; p = queue.poll()) {
            take(batch, p);
            if (batch.bytes >= settings.logBatchBytes()) {
                writeBatch(batch);
                batch.clear();
            }
        }
        if (!batch.calls.isEmpty()) {
            writeBatch(batch);
        }
    }

    /** Writes one entry now and returns its id (replay answers with the id of the row it made). */
    long writeNow(LoggedRequest entry) {
        return db.write(sql -> {
            long id = sql.insert(INSERT, row(entry).values());
            trim(sql, entry.listenerId());
            return id;
        });
    }

    private static final String INSERT = "INSERT INTO webhook_request(listener_id, received_at, method, path, query, "
            + "client_ip, request_headers, request_body, request_size, status, response_headers, response_body, "
            + "response_size, duration_micros, trace, error, replay_of, replay_simulated) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    /** A row to insert and about how many bytes it stores. */
    private record Row(Object[] values, long bytes) {
    }

    /**
     * The row of a call: the JSON columns written by {@link LogJson} into one buffer, secrets masked. The request's
     * headers are written with secret values masked; the response side and the trace have every secret value the
     * request carried replaced wherever they repeat it.
     */
    private Row row(LoggedRequest e) {
        String maskedQuery = secrets.maskQuery(e.query());
        Redactor redactor = Redactor.of(secrets, e.requestHeaders(), e.query(), maskedQuery);
        StringBuilder buf = new StringBuilder(1024);
        String requestHeaders = logJson.headers(buf, e.requestHeaders(), secrets::isSecretName, REDACTED);
        String responseHeaders = redactor.apply(logJson.headers(buf, e.responseHeaders(), name -> false, null));
        String trace = e.trace() == null ? null : redactor.apply(logJson.value(buf, e.trace()));
        byte[] requestBody = cap(e.requestBody());
        byte[] responseBody = redactor.apply(cap(e.responseBody()));
        String error = redactor.apply(e.error());
        Object[] values = {e.listenerId(), e.receivedAt(), e.method(), e.path(), maskedQuery, e.clientIp(),
            requestHeaders, requestBody, (long) e.requestBody().length, e.status(), responseHeaders, responseBody,
            (long) e.responseBody().length, e.durationMicros(), trace, error, e.replayOf(), e.replaySimulated()};
        long bytes = ROW_OVERHEAD + e.path().length() + maskedQuery.length() + requestHeaders.length()
                + requestBody.length + responseHeaders.length() + responseBody.length
                + (trace == null ? 0 : trace.length()) + (error == null ? 0 : error.length());
        return new Row(values, bytes);
    }

    private static byte[] cap(byte[] body) {
        return body.length <= BODY_CAP ? body : Arrays.copyOf(body, BODY_CAP);
    }

    private void loop() {
        Batch batch = new Batch();
        while (running) {
            try {
                Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first != null) {
                    take(batch, first);
                    fill(batch);
                    if (!batch.calls.isEmpty()) {
                        writeBatch(batch);
                    }
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
     * Adds a call taken off the queue to the batch, building its row if it is a best-effort call. A best-effort row
     * that cannot be built (a trace value JSON cannot write) is lost like a failed write, counted and logged.
     */
    private void take(Batch batch, Pending p) {
        if (p.committed() != null) {
            durableOutside.decrementAndGet();
            batch.add(p);
            return;
        }
        try {
            batch.add(new Pending(p.entry(), null, row(p.entry())));
        } catch (RuntimeException e) {
            queuedBytes.addAndGet(-p.entry().weight());
            metrics.increment("webhooks.log.failed");
            LOG.error("webhook request log: the row of a call to listener {} cannot be written; it is lost",
                    p.entry().listenerId(), e);
        }
    }

    /**
     * A batch: what is queued now and what comes within {@code batch_ms} of its first call, closed early at
     * {@code batch_bytes} of rows, or, once it holds a durable call, as soon as every durable call waiting has its
     * row in it (waiting longer would only hold those callers back; the next calls make the next batch). With the
     * default {@code batch_ms} a durable batch is what queued while the previous one committed, so under load batches
     * grow by themselves, and best-effort rows share one commit per {@code batch_ms} instead of one each.
     */
    private void fill(Batch batch) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(settings.logBatchMs());
        while (batch.bytes < settings.logBatchBytes()) {
            Pending next = queue.poll();
            if (next == null) {
                long left = deadline - System.nanoTime();
                if (left <= 0 || (batch.durable > 0 && durableOutside.get() == 0)) {
                    return;
                }
                next = queue.poll(left, TimeUnit.NANOSECONDS);
                if (next == null) {
                    return;
                }
            }
            take(batch, next);
        }
    }

    /** Writes a batch in one transaction and tells its waiters; never throws (a failure is their 503). */
    private void writeBatch(Batch batch) {
        List<Pending> calls = batch.calls;
        RuntimeException failure = null;
        long started = System.nanoTime();
        try {
            synchronized (this) {
                write(calls);
            }
        } catch (RuntimeException e) {
            failure = e;
        } finally {
            release(calls);
        }
        if (failure == null) {
            metrics.recordNanos("webhooks.log.commit", System.nanoTime() - started);
            if (problem != null) {
                LOG.info("webhook request log: writing works again");
                problem = null;
            }
            for (Pending p : calls) {
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
                    + "rows are lost until a write succeeds", calls.size(), failure.toString());
        }
        problem = why;
        LogUnavailableException unavailable = new LogUnavailableException(why, failure);
        for (Pending p : calls) {
            if (p.committed() != null) {
                p.committed().completeExceptionally(unavailable);
            } else {
                metrics.increment("webhooks.log.failed");
            }
        }
    }

    /** Takes written-or-abandoned calls off the byte count. */
    private void release(List<Pending> calls) {
        long weight = 0;
        for (Pending p : calls) {
            weight += p.entry().weight();
        }
        queuedBytes.addAndGet(-weight);
    }

    private void write(List<Pending> calls) {
        List<Object[]> rows = new ArrayList<>(calls.size());
        for (Pending p : calls) {
            rows.add(p.row().values());
        }
        Set<Long> listeners = dueForTrim(calls);
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
    private Set<Long> dueForTrim(List<Pending> batch) {
        long now = clockMillis.getAsLong();
        int slack = Math.max(1, settings.logRows() / 10);
        Set<Long> due = new HashSet<>();
        for (Pending p : batch) {
            LoggedRequest e = p.entry();
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
