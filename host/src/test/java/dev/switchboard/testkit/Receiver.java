package dev.switchboard.testkit;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.awaitility.Awaitility;

/**
 * A webhook receiver on 127.0.0.1: records every request and answers from a queue of statuses (then 200). It
 * verifies Standard Webhooks signatures with its own implementation, independent of the plugin's.
 */
public final class Receiver implements AutoCloseable {
    /** One received request; header names lower-cased; {@code receivedAt} epoch milliseconds. */
    public record Received(Map<String, String> headers, String body, long receivedAt) {
        public String header(String name) {
            return headers.get(name.toLowerCase());
        }
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedQueue<int[]> answers = new ConcurrentLinkedQueue<>();
    /** Notified on every request, for {@link #await}. */
    private final Object arrivals = new Object();
    /** While set, every request waits for it before it is seen ({@link #hold}). */
    private volatile CountDownLatch held;

    public Receiver() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            CountDownLatch gate = held;
            if (gate != null) {
                try {
                    gate.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            Map<String, String> headers = new TreeMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), String.join(", ", v)));
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            // The answer is taken before the call is seen: a test that queues answers once it saw a call changes
            // only the calls after it (taken after, a loaded machine let the queued 500 answer the call already seen).
            int[] answer = answers.poll();
            received.add(new Received(headers, body, System.currentTimeMillis()));
            synchronized (arrivals) {
                arrivals.notifyAll();
            }
            int status = answer == null ? 200 : answer[0];
            if (answer != null && answer.length > 1) {
                exchange.getResponseHeaders().add("Retry-After", Integer.toString(answer[1]));
            }
            byte[] out = ("answered " + status).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/plain");
            exchange.sendResponseHeaders(status, out.length);
            exchange.getResponseBody().write(out);
            exchange.close();
        });
        server.setExecutor(Executors.newFixedThreadPool(8, r -> {
            Thread t = new Thread(r, "receiver");
            t.setDaemon(true);
            return t;
        }));
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    /**
     * Holds every request from now on until {@link #release}: it is neither seen nor answered, so senders queue up
     * behind their open requests (for a throughput measure that starts with a backlog).
     */
    public void hold() {
        held = new CountDownLatch(1);
    }

    /** Lets the held requests and all later ones through. */
    public void release() {
        CountDownLatch gate = held;
        held = null;
        if (gate != null) {
            gate.countDown();
        }
    }

    /** Queues statuses to answer, in order. */
    public void answer(int... statuses) {
        for (int s : statuses) {
            answers.add(new int[] {s});
        }
    }

    /** Queues one answer with a Retry-After header. */
    public void answerRetryAfter(int status, int seconds) {
        answers.add(new int[] {status, seconds});
    }

    public List<Received> received() {
        return new ArrayList<>(received);
    }

    /**
     * Waits until {@code count} requests arrived, woken by each arrival, at most {@code max}; returns what arrived
     * (fewer than {@code count} when {@code max} passed first, for the caller's assertion to show).
     */
    public List<Received> await(int count, Duration max) throws InterruptedException {
        long end = System.nanoTime() + max.toNanos();
        synchronized (arrivals) {
            for (long left = max.toNanos(); received.size() < count && left > 0; left = end - System.nanoTime()) {
                arrivals.wait(Math.max(1, left / 1_000_000));
            }
        }
        return received();
    }

    /**
     * Asserts that no request beyond the first {@code count} arrives for {@code quiet} (and that {@code count}
     * arrived): "nothing else happened", with Awaitility's {@code during}.
     */
    public void assertStaysAt(int count, Duration quiet) {
        Awaitility.await("no more than " + count + " requests for " + quiet).during(quiet)
                .atMost(quiet.plusSeconds(5)).until(() -> received.size() == count);
    }

    /** True when one of the request's signatures verifies with {@code secret}. */
    public static boolean verifies(Received r, String secret) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
        String expected = "v1," + Base64.getEncoder().encodeToString(mac.doFinal(
                (r.header("webhook-id") + "." + r.header("webhook-timestamp") + "." + r.body())
                        .getBytes(StandardCharsets.UTF_8)));
        for (String sig : r.header("webhook-signature").split(" ")) {
            if (java.security.MessageDigest.isEqual(sig.getBytes(StandardCharsets.UTF_8),
                    expected.getBytes(StandardCharsets.UTF_8))) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() {
        release();
        server.stop(0);
    }
}
