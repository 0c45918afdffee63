package dev.switchboard.webhooks.bench;

import dev.switchboard.testkit.ClusterNode;
import dev.switchboard.testkit.TestPostgres;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scaling curve (not a test: its name keeps it out of the suites; {@code bench/run} and {@code bench/cluster.sh}
 * run it): durable deliveries a second with 1, 2 and 4 worker processes on one PostgreSQL against a single SQLite
 * node, with each delivery's CPU, statements and commits, and inbound requests a second through one serve node and
 * two behind the same local round-robin balancer, all on this machine and in one run. Writes
 * {@code target/cluster-bench.md} and {@code target/cluster-bench.txt} (key=value, for bench/run's report).
 * {@link TestClusterBench} runs the delivery rounds with a few dozen deliveries in {@code mvn verify}.
 */
class ClusterBench {
    private static final int DELIVERIES = Integer.getInteger("bench.deliveries", 3000);
    private static final int WORKERS_MAX = Integer.getInteger("bench.max_workers", 4);
    private static final int SECONDS = Integer.getInteger("bench.seconds", 10);
    private static final String SEED = "src/test/resources/webhooks/webhook-bot.json";

    @TempDir
    Path dir;

    @Test
    void measure() throws Exception {
        Map<String, String> kv = new LinkedHashMap<>();
        kv.put("load_start", loadAverage());
        kv.put("deliveries", Integer.toString(DELIVERIES));
        StringBuilder md = new StringBuilder("## Several processes on one machine\n\n")
                .append("Durable deliveries of ").append(DELIVERIES).append(" queued ticket events to a local receiver "
                        + "(first to last arrival); CPU is the delivering processes' user + system time per delivery; "
                        + "statements are database round trips per delivery as the node counts them "
                        + "(`switchboard_db_statements_total`), commits as the database counts them:\n\n"
                        + "| store and workers | deliveries/s | ratio to SQLite | CPU ms/delivery | statements/delivery "
                        + "| commits/delivery |\n|---|---:|---:|---:|---:|---:|\n");
        DeliveryDrain.Result sqlite = DeliveryDrain.run(dir.resolve("sqlite"), null, 1, false, DELIVERIES);
        row(md, kv, "sqlite", "SQLite, one node", sqlite, sqlite.perSecond());
        for (int workers = 1; workers <= WORKERS_MAX; workers *= 2) {
            Path base = dir.resolve("pg" + workers);
            DeliveryDrain.Result r = DeliveryDrain.run(base, TestPostgres.databaseFor(base), workers, false, DELIVERIES);
            row(md, kv, "pg" + workers, "PostgreSQL, " + workers + " worker process" + (workers == 1 ? "" : "es"), r,
                    sqlite.perSecond());
        }
        Path serveBase = dir.resolve("pg-serve");
        DeliveryDrain.Result serve = DeliveryDrain.run(serveBase, TestPostgres.databaseFor(serveBase), 1, true,
                DELIVERIES);
        row(md, kv, "pgserve", "PostgreSQL, one serve node delivering", serve, sqlite.perSecond());
        md.append(inbound(kv));
        kv.put("load_end", loadAverage());
        md.append("\nMachine load average ").append(kv.get("load_start")).append(" at the start, ")
                .append(kv.get("load_end")).append(" at the end; ").append(Runtime.getRuntime().availableProcessors())
                .append(" cores.\n");
        Files.writeString(Path.of("target", "cluster-bench.md"), md);
        StringBuilder txt = new StringBuilder();
        kv.forEach((k, v) -> txt.append(k).append('=').append(v).append('\n'));
        Files.writeString(Path.of("target", "cluster-bench.txt"), txt);
        System.out.print(md);
    }

    private static void row(StringBuilder md, Map<String, String> kv, String key, String label, DeliveryDrain.Result r,
                            double sqlite) {
        md.append(String.format(Locale.ROOT, "| %s | %.0f | %.2f | %s | %s | %s |%n", label, r.perSecond(),
                r.perSecond() / sqlite, fmt(r.cpuMsPerDelivery()), fmt(r.statementsPerDelivery()),
                fmt(r.commitsPerDelivery())));
        kv.put(key + "_rps", String.format(Locale.ROOT, "%.1f", r.perSecond()));
        kv.put(key + "_cpu_ms", fmt(r.cpuMsPerDelivery()));
        kv.put(key + "_statements", fmt(r.statementsPerDelivery()));
        kv.put(key + "_commits", fmt(r.commitsPerDelivery()));
    }

    private static String fmt(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.2f", v);
    }

    private static String loadAverage() throws IOException {
        Path p = Path.of("/proc/loadavg");
        if (!Files.exists(p)) {
            return "-";
        }
        String[] f = Files.readString(p).split(" ");
        return f[0] + " " + f[1] + " " + f[2];
    }

    /**
     * The seed listener through the local round-robin balancer: one serve node behind it, then two, the same wrk
     * load (-t1 -c32) on the balancer both times.
     */
    private String inbound(Map<String, String> kv) throws Exception {
        if (!Files.isExecutable(Path.of("/usr/bin/wrk"))) {
            kv.put("inbound_skipped", "wrk is not installed");
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
            if (!g.find()) {
                throw new AssertionError("no guid in " + listener);
            }
            String path = "/webhooks/" + g.group(1) + "?name=Joe";
            Thread.sleep(1500); // node b's listener cache polls each second
            double one;
            double two;
            try (RoundRobinProxy lb = new RoundRobinProxy(List.of(address(a)))) {
                wrk(lb.url() + path, 32, 5);
                one = wrk(lb.url() + path, 32, SECONDS);
            }
            try (RoundRobinProxy lb = new RoundRobinProxy(List.of(address(a), address(b)))) {
                wrk(lb.url() + path, 32, 5);
                two = wrk(lb.url() + path, 32, SECONDS);
            }
            kv.put("inbound1_rps", String.format(Locale.ROOT, "%.0f", one));
            kv.put("inbound2_rps", String.format(Locale.ROOT, "%.0f", two));
            return String.format(Locale.ROOT, "%nInbound, the seed Webhook Bot listener (request log on), wrk -t1 -c32 "
                    + "through a local round-robin TCP balancer (test class RoundRobinProxy), PostgreSQL:%n%n"
                    + "| serve nodes behind the balancer | req/s | ratio |%n|---|---:|---:|%n| 1 | %.0f | 1.00 |%n"
                    + "| 2 | %.0f | %.2f |%n", one, two, two / one);
        } finally {
            for (ClusterNode n : nodes) {
                n.kill();
            }
        }
    }

    private static InetSocketAddress address(ClusterNode n) {
        return new InetSocketAddress("127.0.0.1", URI.create(n.url()).getPort());
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
