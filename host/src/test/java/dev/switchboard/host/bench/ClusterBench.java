package dev.switchboard.host.bench;

import dev.switchboard.host.testing.ClusterNode;
import dev.switchboard.host.testing.Receiver;
import dev.switchboard.host.testing.TestHost;
import dev.switchboard.host.testing.TestPostgres;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 9's benchmark (not a test: its name keeps it out of the suites; {@code bench/cluster.sh} runs it):
 * durable deliveries a second with 1, 2 and 4 worker processes on one PostgreSQL against a single SQLite node, and
 * inbound requests a second through one serve node against two, all on this machine and in one run. Writes
 * {@code target/cluster-bench.md}.
 */
class ClusterBench {
    private static final int DELIVERIES = Integer.getInteger("bench.deliveries", 3000);
    private static final String SEED = "src/test/resources/webhooks/webhook-bot.json";
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @TempDir
    Path dir;

    @Test
    void measure() throws Exception {
        StringBuilder md = new StringBuilder("## Several processes on one machine\n\n")
                .append("Durable deliveries of ").append(DELIVERIES).append(" queued ticket events to a local receiver "
                        + "(first to last arrival):\n\n| store and workers | deliveries/s | ratio to SQLite |\n|---|---|---|\n");
        double sqlite = deliveriesPerSecond(null, 1);
        md.append(String.format(Locale.ROOT, "| SQLite, one node | %.0f | 1.00 |%n", sqlite));
        for (int workers : new int[] {1, 2, 4}) {
            double rate = deliveriesPerSecond(TestPostgres.databaseFor(dir.resolve("pg" + workers)), workers);
            md.append(String.format(Locale.ROOT, "| PostgreSQL, %d worker process%s | %.0f | %.2f |%n", workers,
                    workers == 1 ? "" : "es", rate, rate / sqlite));
        }
        md.append(inbound());
        Files.writeString(Path.of("target", "cluster-bench.md"), md);
        System.out.print(md);
    }

    /** Queues the deliveries with no worker running, then starts the workers and times the drain. */
    private double deliveriesPerSecond(String db, int workers) throws Exception {
        Path base = Files.createDirectories(dir.resolve((db == null ? "sqlite" : "pg") + "-" + workers));
        List<ClusterNode> nodes = new ArrayList<>();
        try (Receiver receiver = new Receiver()) {
            ClusterNode serve = ClusterNode.start("serve", "serve", base.resolve("serve"), db, false, Map.of()).awaitHealthy();
            nodes.add(serve);
            serve.admin("POST", "/api/webhooks/subscriptions", "{\"name\": \"bench\", \"url\": \"" + receiver.url()
                    + "\", \"events\": [\"ticket.created\"]}", 201);
            createTickets(serve, DELIVERIES);
            if (db == null) {
                serve.close(); // SQLite: the same node again, now delivering
                nodes.add(ClusterNode.start("serve-workers", "serve", base.resolve("serve"), null, true, Map.of()));
            } else {
                for (int i = 0; i < workers; i++) {
                    nodes.add(ClusterNode.start("w" + i, "worker", base.resolve("w" + i), db, true, Map.of()));
                }
            }
            List<Receiver.Received> all = receiver.await(DELIVERIES, Duration.ofMinutes(5));
            if (all.size() < DELIVERIES) {
                throw new AssertionError("only " + all.size() + " of " + DELIVERIES + " delivered");
            }
            long first = all.stream().mapToLong(Receiver.Received::receivedAt).min().orElseThrow();
            long last = all.stream().mapToLong(Receiver.Received::receivedAt).sorted().skip(DELIVERIES - 1).findFirst()
                    .orElseThrow();
            return (DELIVERIES - 1) * 1000.0 / Math.max(1, last - first);
        } finally {
            for (ClusterNode n : nodes) {
                n.kill();
            }
        }
    }

    private void createTickets(ClusterNode node, int count) throws Exception {
        Semaphore inFlight = new Semaphore(16);
        List<CompletableFuture<?>> all = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            inFlight.acquire();
            all.add(client.sendAsync(HttpRequest.newBuilder(URI.create(node.url() + "/api/tickets"))
                    .header("Authorization", "Bearer " + TestHost.ADMIN_TOKEN).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"subject\": \"bench " + i
                            + "\", \"requester\": \"bench@example.com\"}")).build(),
                    HttpResponse.BodyHandlers.discarding()).whenComplete((r, e) -> inFlight.release()));
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(5, TimeUnit.MINUTES);
    }

    /** The seed listener through one serve node with wrk -c32, then through two with wrk -c16 on each at once. */
    private String inbound() throws Exception {
        if (!Files.isExecutable(Path.of("/usr/bin/wrk"))) {
            return "\nInbound 1 vs 2 nodes: skipped, wrk is not installed.\n";
        }
        String db = TestPostgres.databaseFor(dir.resolve("inbound"));
        List<ClusterNode> nodes = new ArrayList<>();
        try {
            ClusterNode a = ClusterNode.start("a", "serve", dir.resolve("in-a"), db, false, Map.of()).awaitHealthy();
            nodes.add(a);
            ClusterNode b = ClusterNode.start("b", "serve", dir.resolve("in-b"), db, false, Map.of()).awaitHealthy();
            nodes.add(b);
            String seed = Files.readString(Path.of(SEED), StandardCharsets.UTF_8);
            String imported = a.admin("POST", "/api/packages/import", seed, 201);
            Matcher m = Pattern.compile("\"behaviors\":\\[\\{\"id\":(\\d+)").matcher(imported.replace(" ", ""));
            String behavior = m.find() ? m.group(1) : "1";
            String listener = a.admin("POST", "/api/webhooks/listeners",
                    "{\"name\": \"bench\", \"behavior_id\": " + behavior + "}", 201);
            Matcher g = Pattern.compile("\"guid\"\\s*:\\s*\"([0-9a-f]+)\"").matcher(listener);
            g.find();
            String path = "/webhooks/" + g.group(1) + "?name=Joe";
            Thread.sleep(1500); // node b's listener cache polls each second
            wrk(a.url() + path, 32, 5);
            double one = wrk(a.url() + path, 32, 10);
            wrk(b.url() + path, 16, 3);
            CompletableFuture<Double> onA = CompletableFuture.supplyAsync(() -> unchecked(a.url() + path));
            CompletableFuture<Double> onB = CompletableFuture.supplyAsync(() -> unchecked(b.url() + path));
            double two = onA.get() + onB.get();
            return String.format(Locale.ROOT, "%nInbound, the seed Webhook Bot listener (request log on), wrk -t1:%n%n"
                    + "| serve nodes | req/s | ratio |%n|---|---|---|%n| 1 (32 connections) | %.0f | 1.00 |%n"
                    + "| 2 (16 connections each, at once) | %.0f | %.2f |%n", one, two, two / one);
        } finally {
            for (ClusterNode n : nodes) {
                n.kill();
            }
        }
    }

    private static double unchecked(String url) {
        try {
            return wrk(url, 16, 10);
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static double wrk(String url, int connections, int seconds) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("wrk", "-t1", "-c" + connections, "-d" + seconds + "s", url)
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        Matcher m = Pattern.compile("Requests/sec:\\s+([0-9.]+)").matcher(out);
        if (!m.find()) {
            throw new IllegalStateException("wrk printed no rate:\n" + out);
        }
        Matcher errors = Pattern.compile("Non-2xx or 3xx responses: (\\d+)").matcher(out);
        if (errors.find()) {
            throw new IllegalStateException(errors.group(1) + " non-2xx answers from " + url);
        }
        return Double.parseDouble(m.group(1));
    }
}
