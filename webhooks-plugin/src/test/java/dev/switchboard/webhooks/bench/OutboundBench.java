package dev.switchboard.webhooks.bench;

import dev.switchboard.api.Header;
import dev.switchboard.api.OutboundRequest;
import dev.switchboard.api.OutboundResponse;
import dev.switchboard.host.config.Config;
import dev.switchboard.host.metrics.HostMetrics;
import dev.switchboard.host.outbound.GuardedHttpClient;
import dev.switchboard.testkit.ClusterNode;
import dev.switchboard.testkit.Receiver;
import dev.switchboard.testkit.TestHost;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bench/run}'s outbound shape (not a test: its name keeps it out of the suites): durable deliveries of
 * {@code ticket.created} to a local {@link Receiver} by one Switchboard process on SQLite with the default delivery
 * settings, against the raw client — the host's own {@link GuardedHttpClient} posting the very bodies and headers
 * the engine delivered to the same receiver, with the engine's per-subscription concurrency (4), no database.
 *
 * <p>Two measures each: throughput (all payloads ready at once; first to last arrival; once on a new process or
 * client and once more on the same one, warm, which is the figure {@code engine_rps} / {@code raw_rps} compares,
 * the first kept as {@code *_cold_rps}) and latency at a steady
 * pace ({@code bench.rate} a second; engine: from sending {@code POST /api/tickets} to the receiver's arrival, after
 * {@code bench.warmup} tickets at the same pace; raw: from handing the request to the client to the arrival). The
 * engine's paced run also reports how long {@code POST /api/tickets} took to answer ({@code engine_api_*}): the part
 * of the latency that is the ticket's own write, not the delivery. Writes {@code target/outbound-bench.txt} as
 * {@code key=value} lines for {@code bench/run}.
 */
class OutboundBench {
    private static final int DELIVERIES = Integer.getInteger("bench.deliveries", 3000);
    private static final int PACED = Integer.getInteger("bench.paced", 500);
    private static final int RATE = Integer.getInteger("bench.rate", 50);
    /** Tickets created at the same pace before the measured ones, so the paced node's JIT has compiled the path. */
    private static final int WARMUP = Integer.getInteger("bench.warmup", 1500);
    /** The delivery engine's default {@code webhooks.outbound.concurrency_per_subscription}. */
    private static final int CONCURRENCY = 4;
    private static final Pattern SUBJECT = Pattern.compile("bench (\\d+)\"");
    static {
        // The JDK HttpServer under Receiver leaves Nagle on: with a client that writes headers and body separately,
        // each request then waits for the 40 ms delayed ACK, capping every sender at ~25 requests/s per connection.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private final HttpClient api = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @TempDir
    Path dir;

    @Test
    void measure() throws Exception {
        Assumptions.assumeFalse("postgresql".equals(System.getProperty("switchboard.test.db")),
                "the outbound shape runs on SQLite, the default store");
        List<Receiver.Received> delivered;
        double[] engineRate;
        long[][] engineLatency;
        try (Receiver receiver = new Receiver()) {
            engineRate = engineThroughput(receiver);
            delivered = receiver.received().subList(0, DELIVERIES);
        }
        try (Receiver receiver = new Receiver()) {
            engineLatency = enginePaced(receiver);
        }
        double[] rawRate = new double[2];
        long[] rawLatency;
        try (GuardedHttpClient client = rawClient()) {
            for (int round = 0; round < 2; round++) { // a new client, then the same one again, as the engine's node
                try (Receiver receiver = new Receiver()) {
                    rawRate[round] = rawThroughput(client, receiver, delivered);
                }
            }
        }
        try (Receiver receiver = new Receiver(); GuardedHttpClient client = rawClient()) {
            rawLatency = rawPaced(client, receiver, delivered);
        }
        String out = String.format(Locale.ROOT, "deliveries=%d%npaced=%d%nrate=%d%nwarmup=%d%nconcurrency=%d%n"
                        + "engine_rps=%.1f%nengine_cold_rps=%.1f%nengine_p50_ms=%d%nengine_p99_ms=%d%n"
                        + "engine_api_p50_ms=%d%nengine_api_p99_ms=%d%n"
                        + "raw_rps=%.1f%nraw_cold_rps=%.1f%nraw_p50_ms=%d%nraw_p99_ms=%d%n",
                DELIVERIES, PACED, RATE, WARMUP, CONCURRENCY, engineRate[1], engineRate[0],
                percentile(engineLatency[0], 50), percentile(engineLatency[0], 99),
                percentile(engineLatency[1], 50), percentile(engineLatency[1], 99),
                rawRate[1], rawRate[0], percentile(rawLatency, 50), percentile(rawLatency, 99));
        Files.writeString(Path.of("target", "outbound-bench.txt"), out);
        System.out.print(out);
    }

    /**
     * As in {@link ClusterBench}: queue every delivery with no worker running, then start the node with workers
     * (cold: its JIT compiles the delivery path while it delivers). Then the same node again, warm: the receiver
     * holds its requests while as many tickets more are created, then lets them through. Answers {cold, warm}.
     */
    private double[] engineThroughput(Receiver receiver) throws Exception {
        Path data = dir.resolve("throughput");
        ClusterNode queueing = ClusterNode.start("queue", "serve", data, null, false, Map.of()).awaitHealthy();
        try {
            subscribe(queueing, receiver);
            createTickets(queueing, "bench");
        } finally {
            queueing.close();
        }
        ClusterNode delivering = ClusterNode.start("deliver", "serve", data, null, true, Map.of());
        try {
            double cold = rate(receiver.await(DELIVERIES, Duration.ofMinutes(5)), DELIVERIES);
            receiver.hold();
            try {
                createTickets(delivering, "warm");
            } finally {
                receiver.release();
            }
            List<Receiver.Received> all = receiver.await(2 * DELIVERIES, Duration.ofMinutes(5));
            requireAll(all, 2 * DELIVERIES);
            return new double[] {cold, rate(all.subList(DELIVERIES, all.size()), DELIVERIES)};
        } finally {
            delivering.kill();
        }
    }

    /** {@link #DELIVERIES} tickets {@code subject 0..}, 16 requests at a time. */
    private void createTickets(ClusterNode node, String subject) throws Exception {
        Semaphore inFlight = new Semaphore(16);
        List<CompletableFuture<?>> all = new ArrayList<>();
        for (int i = 0; i < DELIVERIES; i++) {
            inFlight.acquire();
            all.add(api.sendAsync(ticket(node, subject, i), HttpResponse.BodyHandlers.discarding())
                    .whenComplete((r, e) -> inFlight.release()));
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(5, TimeUnit.MINUTES);
    }

    /**
     * Tickets created at a steady pace on a node with workers, after {@link #WARMUP} at the same pace; answers the
     * latencies from the API call to the arrival and from the API call to its answer.
     */
    private long[][] enginePaced(Receiver receiver) throws Exception {
        ClusterNode node = ClusterNode.start("paced", "serve", dir.resolve("paced"), null, true, Map.of()).awaitHealthy();
        try {
            subscribe(node, receiver);
            paced(node, "warmup", WARMUP, new long[WARMUP], new long[WARMUP]);
            receiver.await(WARMUP, Duration.ofMinutes(5));
            long[] sentAt = new long[PACED];
            long[] answered = new long[PACED];
            paced(node, "bench", PACED, sentAt, answered);
            List<Receiver.Received> got = receiver.await(WARMUP + PACED, Duration.ofMinutes(5));
            requireAll(got, WARMUP + PACED);
            long[] latency = new long[PACED];
            int measured = 0;
            for (Receiver.Received r : got) {
                Matcher m = SUBJECT.matcher(r.body());
                if (m.find()) {
                    int i = Integer.parseInt(m.group(1));
                    latency[i] = r.receivedAt() - sentAt[i];
                    measured++;
                }
            }
            if (measured < PACED) {
                throw new AssertionError("only " + measured + " of " + PACED + " paced tickets delivered");
            }
            long[] api = new long[PACED];
            for (int i = 0; i < PACED; i++) {
                api[i] = answered[i] - sentAt[i];
            }
            return new long[][] {latency, api};
        } finally {
            node.kill();
        }
    }

    /** Creates {@code count} tickets {@code subject 0..}, {@link #RATE} a second, noting when each was sent and answered. */
    private void paced(ClusterNode node, String subject, int count, long[] sentAt, long[] answered) throws Exception {
        long periodNanos = TimeUnit.SECONDS.toNanos(1) / RATE;
        long start = System.nanoTime();
        List<CompletableFuture<?>> all = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            waitUntil(start + i * periodNanos);
            int n = i;
            sentAt[n] = System.currentTimeMillis();
            all.add(api.sendAsync(ticket(node, subject, n), HttpResponse.BodyHandlers.discarding())
                    .whenComplete((r, e) -> answered[n] = System.currentTimeMillis()));
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(5, TimeUnit.MINUTES);
    }

    /** A new raw client: the host's own outbound client, allowed to reach the local receiver. */
    private GuardedHttpClient rawClient() {
        return GuardedHttpClient.start(Config.load(Map.of("SWITCHBOARD_OUTBOUND_ALLOWLIST", "127.0.0.1"), null, dir),
                new HostMetrics(), "bench");
    }

    /** The engine's bodies and headers, posted by the raw client with the engine's concurrency, all at once. */
    private double rawThroughput(GuardedHttpClient client, Receiver receiver, List<Receiver.Received> payloads)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(CONCURRENCY);
        try {
            List<Future<?>> all = new ArrayList<>();
            for (Receiver.Received p : payloads) {
                all.add(pool.submit(() -> post(client, receiver, p)));
            }
            for (Future<?> f : all) {
                f.get(5, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdown();
        }
        return rate(receiver.await(payloads.size(), Duration.ofMinutes(1)), payloads.size());
    }

    /** The same bodies handed to the raw client at the engine run's pace; latency from hand-over to arrival. */
    private long[] rawPaced(GuardedHttpClient client, Receiver receiver, List<Receiver.Received> payloads)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(CONCURRENCY);
        Map<String, Long> sentAt = new ConcurrentHashMap<>();
        try {
            long periodNanos = TimeUnit.SECONDS.toNanos(1) / RATE;
            long start = System.nanoTime();
            List<Future<?>> all = new ArrayList<>();
            for (int i = 0; i < PACED; i++) {
                Receiver.Received p = payloads.get(i);
                waitUntil(start + i * periodNanos);
                sentAt.put(p.header("webhook-id"), System.currentTimeMillis());
                all.add(pool.submit(() -> post(client, receiver, p)));
            }
            for (Future<?> f : all) {
                f.get(5, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdown();
        }
        List<Receiver.Received> got = receiver.await(PACED, Duration.ofMinutes(1));
        requireAll(got, PACED);
        return got.stream().mapToLong(r -> r.receivedAt() - sentAt.get(r.header("webhook-id"))).toArray();
    }

    private static void post(GuardedHttpClient client, Receiver receiver, Receiver.Received p) {
        List<Header> headers = new ArrayList<>();
        for (String name : List.of("content-type", "webhook-id", "webhook-timestamp", "webhook-signature")) {
            headers.add(new Header(name, p.header(name)));
        }
        OutboundResponse r = client.send(new OutboundRequest("POST", receiver.url(), headers,
                p.body().getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(30)));
        if (r.status() != 200) {
            throw new AssertionError("the receiver answered " + r.status());
        }
    }

    private void subscribe(ClusterNode node, Receiver receiver) throws Exception {
        node.admin("POST", "/api/webhooks/subscriptions", "{\"name\": \"bench\", \"url\": \"" + receiver.url()
                + "\", \"events\": [\"ticket.created\"]}", 201);
    }

    private static HttpRequest ticket(ClusterNode node, String subject, int i) {
        return HttpRequest.newBuilder(URI.create(node.url() + "/api/tickets"))
                .header("Authorization", "Bearer " + TestHost.ADMIN_TOKEN).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"subject\": \"" + subject + " " + i
                        + "\", \"requester\": \"bench@example.com\"}")).build();
    }

    private static void requireAll(List<Receiver.Received> got, int expected) {
        if (got.size() < expected) {
            throw new AssertionError("only " + got.size() + " of " + expected + " delivered");
        }
    }

    /** Deliveries a second from the first to the last arrival. */
    private static double rate(List<Receiver.Received> all, int expected) {
        requireAll(all, expected);
        long[] at = all.stream().mapToLong(Receiver.Received::receivedAt).sorted().toArray();
        return (expected - 1) * 1000.0 / Math.max(1, at[expected - 1] - at[0]);
    }

    private static long percentile(long[] values, int p) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    private static void waitUntil(long nanoTime) throws InterruptedException {
        long left = nanoTime - System.nanoTime();
        if (left > 0) {
            TimeUnit.NANOSECONDS.sleep(left);
        }
    }
}
