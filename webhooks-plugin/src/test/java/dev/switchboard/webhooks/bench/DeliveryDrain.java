package dev.switchboard.webhooks.bench;

import dev.switchboard.testkit.ClusterNode;
import dev.switchboard.testkit.Receiver;
import dev.switchboard.testkit.TestHost;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One round of the cluster benchmark: {@code count} ticket events queued with no worker running, then the workers
 * started and the drain timed from the first arrival to the last. Besides the rate it measures what each delivery
 * costs: CPU of the delivering processes (their {@code /proc} totals, first arrival to last), and on SQLite the
 * node's own statement and commit counters ({@code /metrics}), on PostgreSQL the server's commits
 * ({@code pg_stat_database}).
 */
final class DeliveryDrain {
    /** What one round measured; a cost is NaN where this round cannot measure it. */
    record Result(int delivered, double perSecond, double cpuMsPerDelivery, double statementsPerDelivery,
                  double commitsPerDelivery) {
    }

    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final Pattern COUNTER = Pattern.compile("(?m)^switchboard_db_(statements|commits)_total(?:\\{[^}]*})? "
            + "([0-9.eE+]+)$");

    private DeliveryDrain() {
    }

    /**
     * @param db              the shared PostgreSQL, or null for one SQLite node
     * @param workers         worker processes (PostgreSQL)
     * @param serveDelivers   PostgreSQL: one serve node with workers on instead of worker processes, so its
     *                        statement counter can be read
     */
    static Result run(Path base, String db, int workers, boolean serveDelivers, int count) throws Exception {
        Files.createDirectories(base);
        List<ClusterNode> nodes = new ArrayList<>();
        try (Receiver receiver = new Receiver()) {
            ClusterNode serve = ClusterNode.start("serve", "serve", base.resolve("serve"), db, false, Map.of())
                    .awaitHealthy();
            nodes.add(serve);
            serve.admin("POST", "/api/webhooks/subscriptions", "{\"name\": \"bench\", \"url\": \"" + receiver.url()
                    + "\", \"events\": [\"ticket.created\"]}", 201);
            createTickets(serve, count);
            List<ClusterNode> delivering = new ArrayList<>();
            if (db == null || serveDelivers) {
                serve.close(); // the same node (SQLite: the same file) again, now delivering
                nodes.remove(serve);
                ClusterNode again = ClusterNode.start("serve-workers", "serve", base.resolve(db == null ? "serve"
                        : "serve-workers"), db, true, Map.of());
                nodes.add(again);
                delivering.add(again);
                again.awaitHealthy(); // its /metrics is read below; deliveries may already be under way
            } else {
                for (int i = 0; i < workers; i++) {
                    ClusterNode w = ClusterNode.start("w" + i, "worker", base.resolve("w" + i), db, true, Map.of());
                    nodes.add(w);
                    delivering.add(w);
                }
            }
            receiver.await(1, Duration.ofMinutes(2));
            int before = receiver.received().size();
            long cpu0 = cpuMillis(delivering);
            double[] counters0 = counters(delivering, db);
            long commits0 = db == null ? 0 : pgCommits(db);
            List<Receiver.Received> all = receiver.await(count, Duration.ofMinutes(5));
            long cpu1 = cpuMillis(delivering);
            double[] counters1 = counters(delivering, db);
            long commits1 = db == null ? 0 : pgCommits(db);
            if (all.size() < count) {
                throw new AssertionError("only " + all.size() + " of " + count + " delivered; see the nodes' out.log"
                        + " under " + base);
            }
            long first = all.stream().mapToLong(Receiver.Received::receivedAt).min().orElseThrow();
            long last = all.stream().mapToLong(Receiver.Received::receivedAt).sorted().skip(count - 1).findFirst()
                    .orElseThrow();
            int measured = Math.max(1, count - before); // the costs are of the deliveries after the first snapshot
            double statements = (counters1[0] - counters0[0]) / measured;
            double commits = db == null ? (counters1[1] - counters0[1]) / measured
                    : (double) (commits1 - commits0) / measured;
            return new Result(all.size(), (count - 1) * 1000.0 / Math.max(1, last - first),
                    (double) (cpu1 - cpu0) / measured, statements, commits);
        } finally {
            for (ClusterNode n : nodes) {
                n.kill();
            }
        }
    }

    static void createTickets(ClusterNode node, int count) throws Exception {
        Semaphore inFlight = new Semaphore(16);
        List<CompletableFuture<HttpResponse<Void>>> all = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            inFlight.acquire();
            all.add(CLIENT.sendAsync(HttpRequest.newBuilder(URI.create(node.url() + "/api/tickets"))
                    .header("Authorization", "Bearer " + TestHost.ADMIN_TOKEN).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"subject\": \"bench " + i
                            + "\", \"requester\": \"bench@example.com\"}")).build(),
                    HttpResponse.BodyHandlers.discarding()).whenComplete((r, e) -> inFlight.release()));
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(5, TimeUnit.MINUTES);
        for (CompletableFuture<HttpResponse<Void>> f : all) {
            if (f.get().statusCode() != 201) {
                throw new AssertionError("POST /api/tickets answered " + f.get().statusCode());
            }
        }
    }

    /** User + system CPU of the processes so far (the JDK reads {@code /proc/<pid>/stat} on Linux). */
    private static long cpuMillis(List<ClusterNode> nodes) {
        long sum = 0;
        for (ClusterNode n : nodes) {
            sum += n.process().info().totalCpuDuration().orElseThrow(
                    () -> new IllegalStateException("no CPU time for " + n.name() + " on this OS")).toMillis();
        }
        return sum;
    }

    /** Statements and commits from the nodes' {@code /metrics}; NaN for worker processes (no HTTP). */
    private static double[] counters(List<ClusterNode> nodes, String db) throws Exception {
        double statements = 0;
        double commits = 0;
        for (ClusterNode n : nodes) {
            if (n.name().startsWith("w")) {
                return new double[] {Double.NaN, Double.NaN};
            }
            String text = CLIENT.send(HttpRequest.newBuilder(URI.create(n.url() + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            Matcher m = COUNTER.matcher(text);
            while (m.find()) {
                if (m.group(1).equals("statements")) {
                    statements += Double.parseDouble(m.group(2));
                } else {
                    commits += Double.parseDouble(m.group(2));
                }
            }
        }
        return new double[] {statements, commits};
    }

    /** Transactions committed in this database so far, as the PostgreSQL server counts them. */
    private static long pgCommits(String url) throws SQLException {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT pg_stat_clear_snapshot(), xact_commit FROM pg_stat_database "
                     + "WHERE datname = current_database()")) {
            rs.next();
            return rs.getLong(2);
        }
    }
}
