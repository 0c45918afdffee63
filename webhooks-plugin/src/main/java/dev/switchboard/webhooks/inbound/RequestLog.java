package dev.switchboard.webhooks.inbound;

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
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The request log's writer: calls are queued without blocking (a full queue drops the row, counts it in
 * {@code webhooks.log.dropped} and logs once a minute) and written in batches by one background thread, which
 * keeps each listener's newest rows only (age-based retention is {@link Inbound#retentionJob()}).
 */
final class RequestLog implements AutoCloseable {
    /** Bodies are kept up to this many bytes. */
    static final int BODY_CAP = 64 * 1024;
    static final String REDACTED = Secrets.MASK;

    private static final Logger LOG = LoggerFactory.getLogger(RequestLog.class);
    private static final int BATCH = 256;
    private static final long DROP_LOG_INTERVAL_MS = 60_000;
    private static final long TRIM_INTERVAL_MS = 1_000;

    private final Database db;
    private final Json json;
    private final Secrets secrets;
    private final InboundSettings settings;
    private final LongSupplier clockMillis;
    private final BlockingQueue<LoggedRequest> queue;
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong queuedBytes = new AtomicLong();
    private final Metrics metrics;
    private final Thread writer;
    private volatile boolean running = true;
    private volatile long lastDropLog;
    private long droppedAtLastLog;
    /** Per listener, when its rows were last trimmed (only touched under this object's lock). */
    private final Map<Long, TrimState> trims = new HashMap<>();

    RequestLog(Database db, Json json, Secrets secrets, Metrics metrics, InboundSettings settings,
               LongSupplier clockMillis) {
        this.db = db;
        this.json = json;
        this.secrets = secrets;
        this.metrics = metrics;
        this.settings = settings;
        this.clockMillis = clockMillis;
        this.queue = new ArrayBlockingQueue<>(settings.logQueue());
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
            FormEncoding.parse(query).forEach((name, given) -> {
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
     * Queues a call; never blocks. When the writer is behind by {@code webhooks.log.queue} rows or
     * {@code webhooks.log.queue_bytes} of bodies, the row is dropped (counted and warned about) rather than risking
     * the heap.
     */
    void record(LoggedRequest entry) {
        long weight = entry.weight();
        if (queuedBytes.addAndGet(weight) > settings.logQueueBytes() || !queue.offer(entry)) {
            queuedBytes.addAndGet(-weight);
            dropped.incrementAndGet();
            metrics.increment("webhooks.log.dropped");
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

    /** Writes everything queued so far (for shutdown and replay, which reads its own row back). */
    synchronized void flush() {
        List<LoggedRequest> batch = new ArrayList<>();
        while (queue.drainTo(batch, BATCH) > 0) {
            try {
                write(batch);
            } finally {
                release(batch);
                batch.clear();
            }
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
            + "response_size, duration_micros, trace, error, replay_of) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private Object[] row(LoggedRequest e) {
        Redactor redactor = new Redactor(json, secrets, e.requestHeaders(), e.query());
        return new Object[] {e.listenerId(), e.receivedAt(), e.method(), e.path(), secrets.maskQuery(e.query()),
            e.clientIp(), json.write(headerPairs(e.requestHeaders(), true)), cap(e.requestBody()), (long) e.requestBody().length,
            e.status(), redactor.apply(json.write(headerPairs(e.responseHeaders(), false))),
            redactor.apply(cap(e.responseBody())), (long) e.responseBody().length, e.durationMicros(),
            e.trace() == null ? null : redactor.apply(json.write(e.trace())), redactor.apply(e.error()),
            e.replayOf()};
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
        List<LoggedRequest> batch = new ArrayList<>(BATCH);
        while (running) {
            try {
                LoggedRequest first = queue.poll(1, TimeUnit.SECONDS);
                if (first != null) {
                    batch.add(first);
                    queue.drainTo(batch, BATCH - 1);
                    try {
                        synchronized (this) {
                            write(batch);
                        }
                    } finally {
                        release(batch);
                    }
                    batch.clear();
                }
                reportDrops();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.error("webhook request log: writing {} row(s) failed; they are lost", batch.size(), e);
                batch.clear();
            }
        }
    }

    private void write(List<LoggedRequest> batch) {
        List<Object[]> rows = new ArrayList<>(batch.size());
        for (LoggedRequest e : batch) {
            rows.add(row(e));
        }
        Set<Long> listeners = dueForTrim(batch);
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

    @Override
    public void close() {
        running = false;
        writer.interrupt();
        try {
            writer.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        flush();
    }
}
