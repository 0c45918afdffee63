package dev.switchboard.host.http;

import dev.switchboard.api.Field;
import dev.switchboard.api.HttpEndpoint.Access;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code GET /api/openapi.json}: an OpenAPI 3.1 document of every route being served, the host's and the started
 * plugins', made from the route list: summaries, path parameters, the request body's schema from its record type (as
 * {@link BodyBinder} binds it: snake-case names, {@link Field} bounds, every field required unless marked otherwise,
 * no other fields), the success status with the answer's schema from its record type where the route names one, and
 * the API's error object for everything else.
 */
final class OpenApiDocument {
    private static final Pattern PARAM = Pattern.compile("\\{([A-Za-z_][A-Za-z0-9_]*)(\\.\\.\\.)?}");
    private static final List<String> ANY_METHODS = List.of("get", "post", "put", "patch", "delete");

    private OpenApiDocument() {
    }

    static Map<String, Object> of(List<HttpRoute> routes, String version) {
        Map<String, Object> paths = new LinkedHashMap<>();
        routes.stream().sorted(Comparator.comparing(HttpRoute::path).thenComparing(HttpRoute::method)).forEach(r -> {
            @SuppressWarnings("unchecked")
            Map<String, Object> item = (Map<String, Object>) paths.computeIfAbsent(template(r.path()),
                    k -> new LinkedHashMap<>());
            List<String> methods = r.method().equals(HttpRoute.ANY) ? ANY_METHODS
                    : List.of(r.method().toLowerCase(Locale.ROOT));
            for (String m : methods) {
                item.put(m, operation(r, m));
            }
        });
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("openapi", "3.1.0");
        doc.put("info", Map.of("title", "Switchboard HTTP API", "version", version,
                "description", "The host's routes and those of the plugins started now (docs/api.md)."));
        doc.put("paths", paths);
        doc.put("components", Map.of(
                "securitySchemes", Map.of("bearer", Map.of("type", "http", "scheme", "bearer",
                        "description", "an admin token, or the admin page's session cookie with X-CSRF-Token")),
                "schemas", Map.of("Error", errorSchema())));
        return doc;
    }

    /** {@code /hooks/{id}/{path...}} → {@code /hooks/{id}/{path}} (OpenAPI has no rest-of-path form). */
    static String template(String pattern) {
        return PARAM.matcher(pattern).replaceAll("{$1}");
    }

    private static Map<String, Object> operation(HttpRoute r, String method) {
        Map<String, Object> op = new LinkedHashMap<>();
        if (r.summary() != null) {
            op.put("summary", r.summary());
        }
        op.put("operationId", method + template(r.path()).replaceAll("[^A-Za-z0-9]+", "_"));
        op.put("tags", List.of(r.owner()));
        List<Object> params = new ArrayList<>();
        Matcher m = PARAM.matcher(r.path());
        while (m.find()) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("name", m.group(1));
            p.put("in", "path");
            p.put("required", true);
            p.put("schema", Map.of("type", "string"));
            if (m.group(2) != null) {
                p.put("description", "the rest of the path; may hold '/'");
            }
            params.add(p);
        }
        if (!params.isEmpty()) {
            op.put("parameters", params);
        }
        if (r.bodyType() != null) {
            op.put("requestBody", Map.of("required", true,
                    "content", Map.of("application/json", Map.of("schema", schema(r.bodyType(), r.bodyType(), null)))));
        }
        boolean json = r.path().startsWith("/api/") || r.path().startsWith("/admin/") || r.path().equals("/health");
        Map<String, Object> responses = new LinkedHashMap<>();
        Map<String, Object> success = new LinkedHashMap<>();
        success.put("description", r.response() == null ? "success" : r.response());
        if (r.responseType() != null) {
            success.put("content", Map.of("application/json",
                    Map.of("schema", answer(r.responseType(), r.responseType(), false))));
        }
        responses.put(Integer.toString(r.status()), success);
        responses.put("default", json
                ? Map.of("description", "an error", "content",
                        Map.of("application/json", Map.of("schema", Map.of("$ref", "#/components/schemas/Error"))))
                : Map.of("description", "an error, as short text"));
        op.put("responses", responses);
        if (r.access() == Access.ADMIN) {
            op.put("security", List.of(Map.of("bearer", List.of())));
        }
        return op;
    }

    private static Map<String, Object> errorSchema() {
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("status", Map.of("type", "integer"));
        props.put("message", Map.of("type", "string"));
        props.put("path", Map.of("type", "string", "description", "the offending field, JSON path or parameter"));
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("type", "object");
        error.put("required", List.of("status", "message"));
        error.put("properties", props);
        return Map.of("type", "object", "required", List.of("error"), "properties", Map.of("error", error));
    }

    /**
     * The JSON Schema of an answer described by a record: its components are properties (snake case), present unless
     * marked {@code @Field(required = false)}, which may also be null; an answer may hold more than it names.
     */
    static Map<String, Object> answer(Class<?> raw, Type generic, boolean nullable) {
        Map<String, Object> s = new LinkedHashMap<>();
        String type = null;
        if (raw == String.class || raw.isEnum()) {
            type = "string";
        } else if (raw == boolean.class || raw == Boolean.class) {
            type = "boolean";
        } else if (raw == int.class || raw == Integer.class || raw == long.class || raw == Long.class) {
            type = "integer";
        } else if (raw == double.class || raw == Double.class) {
            type = "number";
        } else if (raw == List.class) {
            Type item = generic instanceof ParameterizedType p ? p.getActualTypeArguments()[0] : Object.class;
            Class<?> itemRaw = item instanceof Class<?> c ? c
                    : item instanceof ParameterizedType p ? (Class<?>) p.getRawType() : Object.class;
            type = "array";
            s.put("items", answer(itemRaw, item, false));
        } else if (raw == Map.class) {
            type = "object";
        } else if (raw.isRecord()) {
            type = "object";
            Map<String, Object> props = new LinkedHashMap<>();
            List<String> required = new ArrayList<>();
            for (RecordComponent c : raw.getRecordComponents()) {
                Field f = c.getAnnotation(Field.class);
                boolean optional = f != null && !f.required() && !c.getType().isPrimitive();
                String name = BodyBinder.jsonName(c.getName());
                props.put(name, answer(c.getType(), c.getGenericType(), optional));
                if (!optional) {
                    required.add(name);
                }
            }
            s.put("properties", props);
            if (!required.isEmpty()) {
                s.put("required", required);
            }
        }
        if (type != null) {
            s.put("type", nullable ? List.of(type, "null") : type);
        }
        return s;
    }

    /** The JSON Schema of what {@link BodyBinder} accepts for a type. */
    static Map<String, Object> schema(Class<?> raw, Type generic, Field field) {
        Map<String, Object> s = new LinkedHashMap<>();
        if (raw == String.class) {
            s.put("type", "string");
            if (field != null && field.maxLength() >= 0) {
                s.put("maxLength", field.maxLength());
            }
        } else if (raw == boolean.class || raw == Boolean.class) {
            s.put("type", "boolean");
        } else if (raw == int.class || raw == Integer.class || raw == long.class || raw == Long.class
                || raw == double.class || raw == Double.class) {
            boolean whole = raw != double.class && raw != Double.class;
            boolean isInt = raw == int.class || raw == Integer.class;
            s.put("type", whole ? "integer" : "number");
            if (field != null && field.min() != Long.MIN_VALUE) {
                s.put("minimum", field.min());
            } else if (isInt) {
                s.put("minimum", Integer.MIN_VALUE);
            }
            if (field != null && field.max() != Long.MAX_VALUE) {
                s.put("maximum", field.max());
            } else if (isInt) {
                s.put("maximum", Integer.MAX_VALUE);
            }
        } else if (raw.isEnum()) {
            s.put("type", "string");
            List<String> names = new ArrayList<>();
            for (Object c : raw.getEnumConstants()) {
                names.add(((Enum<?>) c).name().toLowerCase(Locale.ROOT));
            }
            s.put("enum", names);
        } else if (raw == List.class) {
            Type item = generic instanceof ParameterizedType p ? p.getActualTypeArguments()[0] : Object.class;
            Class<?> itemRaw = item instanceof Class<?> c ? c
                    : item instanceof ParameterizedType p ? (Class<?>) p.getRawType() : Object.class;
            s.put("type", "array");
            s.put("items", schema(itemRaw, item, null));
        } else if (raw == Map.class) {
            s.put("type", "object");
        } else if (raw.isRecord()) {
            Map<String, Object> props = new LinkedHashMap<>();
            List<String> required = new ArrayList<>();
            for (RecordComponent c : raw.getRecordComponents()) {
                Field f = c.getAnnotation(Field.class);
                String name = BodyBinder.jsonName(c.getName());
                props.put(name, schema(c.getType(), c.getGenericType(), f));
                if (c.getType().isPrimitive() || f == null || f.required()) {
                    required.add(name);
                }
            }
            s.put("type", "object");
            s.put("properties", props);
            if (!required.isEmpty()) {
                s.put("required", required);
            }
            s.put("additionalProperties", false);
        }
        return s;
    }
}
