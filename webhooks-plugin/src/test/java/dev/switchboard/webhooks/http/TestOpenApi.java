package dev.switchboard.webhooks.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.host.json.HostJson;
import dev.switchboard.testkit.TestHost;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /api/openapi.json} of a real host with the webhooks plugin: a valid OpenAPI 3.1 document by an
 * independent parser (swagger-parser), listing every route of {@code GET /api/routes}, with the body schema of a
 * plugin route made from its record, a summary for every route and a response schema for every JSON success answer
 * of the admin API; and real answers of documented routes as documented (the success status and response schema
 * of every parameterless admin GET and of GETs on records made for it, the error object for errors).
 */
class TestOpenApi {
    private static final HostJson JSON = new HostJson();

    @Test
    @SuppressWarnings("unchecked")
    void theDocumentIsValidOpenApi31AndRealAnswersAreAsDocumented() {
        try (TestHost host = TestHost.start()) {
            HttpResponse<String> served = host.admin("GET", "/api/openapi.json", null);
            assertThat(served.statusCode()).isEqualTo(200);
            ParseOptions options = new ParseOptions();
            options.setResolve(true);
            SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(served.body(), null, options);
            assertThat(parsed.getMessages()).as("validator messages").isEmpty();
            // The validator does look: a document without info and with a response without description fails.
            assertThat(new OpenAPIV3Parser().readContents("{\"openapi\": \"3.1.0\", \"paths\": {\"/a\": "
                    + "{\"get\": {\"responses\": {\"200\": {}}}}}}", null, options).getMessages())
                    .anyMatch(m -> m.contains("info")).anyMatch(m -> m.contains("description"));
            OpenAPI api = parsed.getOpenAPI();
            assertThat(api.getOpenapi()).isEqualTo("3.1.0");

            List<Map<String, Object>> routes = (List<Map<String, Object>>) ((Map<String, Object>) JSON.parse(
                    host.admin("GET", "/api/routes", null).body())).get("routes");
            for (Map<String, Object> r : routes) {
                // OpenAPI's path template: a rest-of-path parameter {name...} is written {name}.
                String path = ((String) r.get("path")).replace("...}", "}");
                assertThat(api.getPaths()).as(path).containsKey(path);
                String method = (String) r.get("method");
                Operation op = switch (method) {
                    case "GET", "*" -> api.getPaths().get(path).getGet();
                    case "POST" -> api.getPaths().get(path).getPost();
                    case "PUT" -> api.getPaths().get(path).getPut();
                    case "PATCH" -> api.getPaths().get(path).getPatch();
                    default -> api.getPaths().get(path).getDelete();
                };
                assertThat(op).as(method + " " + path).isNotNull();
                assertThat(op.getSummary()).isEqualTo(r.get("summary"));
                assertThat(op.getSummary()).as("summary of " + method + " " + path).isNotBlank();
                assertThat(op.getTags()).containsExactly((String) r.get("owner"));
                // Every JSON success answer of the admin API has its shape: an object with its properties.
                String status = op.getResponses().keySet().stream().filter(k -> !k.equals("default")).findFirst()
                        .orElseThrow();
                boolean json = path.startsWith("/api/") && !status.equals("204")
                        && !path.equals("/api/packages/library/{plugin}/{file}");
                if (json) {
                    var content = op.getResponses().get(status).getContent();
                    assertThat(content).as("response schema of " + method + " " + path).isNotNull();
                    Schema<?> schema = content.get("application/json").getSchema();
                    assertThat(type(schema)).as(method + " " + path).isIn("object", "array");
                    assertThat(schema.getProperties()).as("properties of " + method + " " + path).isNotEmpty();
                }
            }

            Operation rotate = api.getPaths().get("/api/webhooks/subscriptions/{id}/rotate-secret").getPost();
            Schema<?> body = rotate.getRequestBody().getContent().get("application/json").getSchema();
            Schema<?> grace = body.getProperties().get("grace_seconds");
            assertThat(grace.getMinimum()).isEqualByComparingTo(BigDecimal.ZERO);
            assertThat(grace.getMaximum()).isEqualByComparingTo(BigDecimal.valueOf(604_800));
            assertThat(body.getRequired()).isNull();
            assertThat(rotate.getResponses()).containsKeys("200", "default");

            // Every admin GET without path parameters answers its documented status with JSON.
            List<String> checked = new ArrayList<>();
            api.getPaths().forEach((path, item) -> {
                Operation get = item.getGet();
                if (get == null || path.contains("{") || get.getSecurity() == null) {
                    return;
                }
                String documented = get.getResponses().keySet().stream().filter(k -> !k.equals("default"))
                        .findFirst().orElseThrow();
                HttpResponse<String> real = host.admin("GET", path, null);
                assertThat(real.statusCode()).as(path + " " + real.body()).isEqualTo(Integer.parseInt(documented));
                assertThat(real.headers().firstValue("Content-Type").orElse("")).as(path)
                        .startsWith("application/json");
                Object answer = JSON.parse(real.body());
                var content = get.getResponses().get(documented).getContent();
                if (content != null) {
                    matches(content.get("application/json").getSchema(), answer, "GET " + path);
                }
                checked.add(path);
            });
            assertThat(checked).contains("/api/routes", "/api/openapi.json", "/api/webhooks/listeners",
                    "/api/webhooks/subscriptions", "/api/tickets");

            // Answers of routes with ids, on records made for it, have the documented shape too.
            long bot = id(host.admin("POST", "/api/bots", "{\"name\": \"Shapes\"}"));
            long behavior = id(host.admin("POST", "/api/behaviors", "{\"bot_id\": " + bot
                    + ", \"title\": \"Shapes\", \"event\": \"event.webhook.received\"}"));
            long ticket = id(host.admin("POST", "/api/tickets",
                    "{\"subject\": \"Shapes\", \"requester\": \"a@example.com\"}"));
            long listener = id(host.admin("POST", "/api/webhooks/listeners",
                    "{\"name\": \"shapes\", \"behavior_id\": " + behavior + "}"));
            for (String[] call : List.of(new String[] {"/api/bots/{id}", "/api/bots/" + bot},
                    new String[] {"/api/behaviors/{id}", "/api/behaviors/" + behavior},
                    new String[] {"/api/behaviors/{id}/tree", "/api/behaviors/" + behavior + "/tree"},
                    new String[] {"/api/behaviors/{id}/revisions", "/api/behaviors/" + behavior + "/revisions"},
                    new String[] {"/api/behaviors/{id}/placeholders", "/api/behaviors/" + behavior + "/placeholders"},
                    new String[] {"/api/tickets/{id}", "/api/tickets/" + ticket},
                    new String[] {"/api/tickets/{id}/comments", "/api/tickets/" + ticket + "/comments"},
                    new String[] {"/api/bots/{id}/export", "/api/bots/" + bot + "/export"},
                    new String[] {"/api/webhooks/listeners/{id}", "/api/webhooks/listeners/" + listener},
                    new String[] {"/api/webhooks/listeners/{id}/requests",
                            "/api/webhooks/listeners/" + listener + "/requests"})) {
                HttpResponse<String> real = host.admin("GET", call[1], null);
                assertThat(real.statusCode()).as(call[1] + " " + real.body()).isEqualTo(200);
                matches(api.getPaths().get(call[0]).getGet().getResponses().get("200").getContent()
                        .get("application/json").getSchema(), JSON.parse(real.body()), "GET " + call[1]);
            }

            // Errors are the documented error object, for host and plugin routes alike.
            Schema<?> error = api.getComponents().getSchemas().get("Error");
            for (String[] call : List.of(new String[] {"GET", "/api/webhooks/listeners/999"},
                    new String[] {"PUT", "/api/webhooks/listeners"}, new String[] {"GET", "/api/tickets/999"},
                    new String[] {"POST", "/api/webhooks/listeners"})) {
                HttpResponse<String> real = host.admin(call[0], call[1], call[0].equals("POST") ? "{\"x\": 1}" : null);
                assertThat(real.statusCode()).as(call[1]).isGreaterThanOrEqualTo(400);
                matches(error, JSON.parse(real.body()), call[0] + " " + call[1]);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static long id(HttpResponse<String> created) {
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return ((Number) ((Map<String, Object>) JSON.parse(created.body())).get("id")).longValue();
    }

    /** The schema's type other than "null", or null for a schema of any value. */
    private static String type(Schema<?> schema) {
        if (schema.getTypes() != null) {
            return schema.getTypes().stream().filter(t -> !t.equals("null")).findFirst().orElse(null);
        }
        return schema.getType();
    }

    /**
     * Checks a JSON value against the document's schema: types (null where the schema allows it), required
     * properties, nested objects and array items.
     */
    @SuppressWarnings("unchecked")
    private static void matches(Schema<?> schema, Object value, String where) {
        String type = type(schema);
        if (type == null) {
            return;
        }
        if (value == null) {
            assertThat(schema.getTypes()).as(where + " is null").isNotNull().contains("null");
            return;
        }
        switch (type) {
            case "object" -> {
                assertThat(value).as(where).isInstanceOf(Map.class);
                Map<String, Object> map = (Map<String, Object>) value;
                if (schema.getRequired() != null) {
                    assertThat(map).as(where).containsKeys(schema.getRequired().toArray(String[]::new));
                }
                if (schema.getProperties() != null) {
                    schema.getProperties().forEach((k, s) -> {
                        if (map.containsKey(k)) {
                            matches(s, map.get(k), where + "." + k);
                        }
                    });
                }
            }
            case "array" -> {
                assertThat(value).as(where).isInstanceOf(List.class);
                List<Object> list = (List<Object>) value;
                for (int i = 0; i < list.size(); i++) {
                    matches(schema.getItems(), list.get(i), where + "[" + i + "]");
                }
            }
            case "integer" -> assertThat(value).as(where).isInstanceOf(Long.class);
            case "number" -> assertThat(value).as(where).isInstanceOf(Number.class);
            case "boolean" -> assertThat(value).as(where).isInstanceOf(Boolean.class);
            case "string" -> assertThat(value).as(where).isInstanceOf(String.class);
            default -> throw new AssertionError("unexpected schema type " + type + " at " + where);
        }
    }
}
