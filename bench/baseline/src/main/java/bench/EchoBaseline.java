package bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The benchmark ceiling: answers /webhooks/{id} with the same nested echo JSON the seed "Webhook Bot" builds
 * ({"http": {verb, path, headers, params}, "client": {ip}, "bot": {name}}), using only Javalin and Jackson.
 * Usage: java -jar echo-baseline.jar PORT
 */
public final class EchoBaseline {
    private static final ObjectMapper JSON = new ObjectMapper();

    private EchoBaseline() {
    }

    public static void main(String[] args) {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 18811;
        Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.jetty.host = "127.0.0.1";
            cfg.jetty.port = port;
            cfg.routes.get("/webhooks/{id}", EchoBaseline::echo);
            cfg.routes.post("/webhooks/{id}", EchoBaseline::echo);
        }).start();
    }

    private static void echo(Context ctx) throws Exception {
        ctx.bodyAsBytes();
        Map<String, Object> headers = new LinkedHashMap<>();
        ctx.headerMap().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT).replace('-', '_'), v));
        Map<String, Object> params = new LinkedHashMap<>();
        ctx.queryParamMap().forEach((k, v) -> params.put(k, v.isEmpty() ? "" : v.get(0)));
        Map<String, Object> http = new LinkedHashMap<>();
        http.put("verb", ctx.method().name());
        http.put("path", "");
        http.put("headers", headers);
        http.put("params", params);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("http", http);
        out.put("client", Map.of("ip", ctx.ip()));
        out.put("bot", Map.of("name", "Webhook Bot"));
        ctx.status(200).header("X-Bot", "Webhook Bot").contentType("application/json; charset=utf-8")
                .result(JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(out));
    }

}
