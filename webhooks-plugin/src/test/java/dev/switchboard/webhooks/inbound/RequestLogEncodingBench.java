package dev.switchboard.webhooks.inbound;

import dev.switchboard.api.Header;
import dev.switchboard.host.json.HostJson;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * CPU per row of the request log's JSON columns for the seed "Webhook Bot" call (its real headers and trace): the
 * hand-written {@link LogJson} against the Jackson tree the log wrote before ({@code List.of(name, value)} pairs and
 * the trace through the host's JSON). Thread CPU time, so other work on the machine does not count; rounds alternate.
 * Not a test: {@code java -cp <webhooks-plugin test classpath> dev.switchboard.webhooks.inbound.RequestLogEncodingBench}.
 */
public final class RequestLogEncodingBench {
    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();
    private static volatile int sink;

    private RequestLogEncodingBench() {
    }

    public static void main(String[] args) {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        HostJson json = new HostJson();
        LogJson logJson = new LogJson(json);
        List<Header> request = List.of(new Header("Host", "127.0.0.1:18431"), new Header("X-CustomHeader", "true"),
                new Header("Content-Length", "90"), new Header("Content-Type", "application/json"));
        List<Header> response = List.of(new Header("X-Bot", "Webhook Bot"),
                new Header("Content-Type", "application/json; charset=utf-8"),
                new Header("Content-Security-Policy", "frame-ancestors 'self'"),
                new Header("X-Frame-Options", "SAMEORIGIN"), new Header("X-Content-Type-Options", "nosniff"));
        List<Map<String, Object>> trace = seedTrace();
        for (int round = 0; round < 8; round++) {
            long jackson = cpu(() -> {
                int n = 0;
                for (int i = 0; i < rows; i++) {
                    n += json.write(pairs(request)).length() + json.write(pairs(response)).length()
                            + json.write(trace).length();
                }
                return n;
            });
            long hand = cpu(() -> {
                int n = 0;
                for (int i = 0; i < rows; i++) {
                    StringBuilder buf = new StringBuilder(1024);
                    n += logJson.headers(buf, request, name -> false, null).length()
                            + logJson.headers(buf, response, name -> false, null).length()
                            + logJson.value(buf, trace).length();
                }
                return n;
            });
            System.out.printf("round %d: Jackson %.2f us/row, LogJson %.2f us/row (%.2fx)%n", round,
                    jackson / 1e3 / rows, hand / 1e3 / rows, (double) jackson / hand);
        }
    }

    private static long cpu(java.util.function.IntSupplier work) {
        long start = CPU.getCurrentThreadCpuTime();
        sink += work.getAsInt();
        return CPU.getCurrentThreadCpuTime() - start;
    }

    private static List<List<String>> pairs(List<Header> headers) {
        List<List<String>> out = new ArrayList<>(headers.size());
        for (Header h : headers) {
            out.add(List.of(h.name(), h.value()));
        }
        return out;
    }

    private static Map<String, Object> entry(int depth, String kind, Object... fields) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("depth", depth);
        e.put("kind", kind);
        for (int i = 0; i < fields.length; i += 2) {
            e.put((String) fields[i], fields[i + 1]);
        }
        return e;
    }

    /** The trace the seed behavior leaves for the benchmark's request, as the engine builds it. */
    private static List<Map<String, Object>> seedTrace() {
        String body = "{\n    \"http\": {\n        \"verb\": \"POST\",\n        \"path\": \"\",\n        \"headers\": {\n"
                + "            \"host\": \"127.0.0.1:18431\",\n            \"x_customheader\": \"true\"\n        },\n"
                + "        \"params\": {\n            \"name\": \"Joe Customer\",\n            \"age\": \"37\"\n"
                + "        }\n    },\n    \"client\": {\n        \"ip\": \"127.0.0.1\"\n    },\n    \"bot\": {\n"
                + "        \"name\": \"Webhook Bot\"\n    }\n}";
        return List.of(entry(0, "node", "type", "action", "title", "Send response"),
                entry(1, "action", "action", "set_http_status", "params", Map.of("value", "200"), "result", "ok"),
                entry(2, "note", "message", "status 200"),
                entry(1, "action", "action", "set_http_header", "params",
                        new LinkedHashMap<>(Map.of("name", "X-Bot", "value", "Webhook Bot")), "result", "ok"),
                entry(1, "action", "action", "set_http_header", "params",
                        new LinkedHashMap<>(Map.of("name", "Content-Type", "value", "application/json; charset=utf-8")),
                        "result", "ok"),
                entry(1, "action", "action", "set_http_body", "params", Map.of("value", body), "result", "ok"));
    }
}
